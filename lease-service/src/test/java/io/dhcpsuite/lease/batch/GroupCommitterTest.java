package io.dhcpsuite.lease.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {
    /** Records each write; the first one waits until the test lets it go. */
    static final class GatedBackend implements LeaseBackend {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> writes = new ArrayList<>();

        @Override
        public Collection<Lease> load() {
            return List.of();
        }

        @Override
        public void write(List<LeaseChange> changes) throws Exception {
            synchronized (this) {
                writes.add(changes.size());
            }
            firstStarted.countDown();
            release.await(10, TimeUnit.SECONDS);
        }

        @Override
        public String type() {
            return "gated";
        }
    }

    static List<LeaseChange> changes(int from, int n) {
        List<LeaseChange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(LeaseChange.upsert(new Lease(Ipv4.parse("10.0.0.0") + from + i, "02:00:00:00:00:01", null, 3600, 0, 1, 0,
                    false, false, "", 0, null)));
        }
        return out;
    }

    @Test
    void changesQueuedDuringAWriteBecomeOneGroupAndAreCounted() throws Exception {
        GatedBackend backend = new GatedBackend();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (GroupCommitter committer = new GroupCommitter(backend, meters)) {
            CompletableFuture<Void> first = committer.submit(changes(0, 2));
            assertThat(backend.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiting.add(committer.submit(changes(10 + 3 * i, 3)));
            }
            backend.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        assertThat(backend.writes).containsExactly(2, 15);
        assertThat(meters.get("lease.commit.groups").tag("backend", "gated").counter().count()).isEqualTo(2);
        assertThat(meters.get("lease.commit.changes").counter().count()).isEqualTo(17);
        assertThat(meters.get("lease.commit.group.changes").summary().max()).isEqualTo(15);
        assertThat(meters.get("lease.commit.write").timer().count()).isEqualTo(2);
        assertThat(meters.get("lease.commit.failures").counter().count()).isZero();
    }

    @Test
    void aFailedWriteFailsItsWaitersAndIsCounted() throws Exception {
        LeaseBackend broken = new LeaseBackend() {
            @Override
            public Collection<Lease> load() {
                return List.of();
            }

            @Override
            public void write(List<LeaseChange> changes) throws Exception {
                throw new java.io.IOException("disk full");
            }

            @Override
            public String type() {
                return "broken";
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (GroupCommitter committer = new GroupCommitter(broken, meters)) {
            CompletableFuture<Void> f = committer.submit(changes(0, 1));
            assertThat(f).failsWithin(10, TimeUnit.SECONDS);
        }
        assertThat(meters.get("lease.commit.failures").counter().count()).isEqualTo(1);
        assertThat(meters.get("lease.commit.groups").counter().count()).isZero();
    }

    /** v6 changes share the writer's groups; a failed v6 write fails only the waiters with v6 changes. */
    @Test
    void v6ChangesShareTheGroupAndFailOnTheirOwn() throws Exception {
        GatedBackend backend = new GatedBackend();
        List<Integer> v6Writes = new ArrayList<>();
        boolean[] fail6 = {false};
        io.dhcpsuite.lease.v6.Lease6Backend v6 = new io.dhcpsuite.lease.v6.Lease6Backend() {
            @Override
            public void load(io.dhcpsuite.lease.v6.Lease6Index index) {
            }

            @Override
            public void write(List<io.dhcpsuite.lease.v6.Lease6Change> changes) throws Exception {
                synchronized (v6Writes) {
                    v6Writes.add(changes.size());
                }
                if (fail6[0]) {
                    throw new java.io.IOException("disk full (v6)");
                }
            }

            @Override
            public String type() {
                return "v6";
            }
        };
        io.dhcpsuite.api.lease.Lease6 lease = new io.dhcpsuite.api.lease.Lease6("2001:db8::1", "IA_NA", 128, "01:02", 1, 1,
                null, 300, 400, 0, null, false, false, "", 0, null);
        try (GroupCommitter committer = new GroupCommitter(backend)) {
            assertThat(committer.submit6(List.of(io.dhcpsuite.lease.v6.Lease6Change.upsert(lease))))
                    .as("no v6 backend yet").isCompletedExceptionally();
            committer.backend6(v6);
            CompletableFuture<Void> first = committer.submit(changes(0, 1));
            assertThat(backend.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            // queued while the first write runs: one group of one v4 and two v6 waiters
            fail6[0] = true;
            CompletableFuture<Void> v4 = committer.submit(changes(1, 1));
            CompletableFuture<Void> a = committer.submit6(List.of(io.dhcpsuite.lease.v6.Lease6Change.upsert(lease)));
            CompletableFuture<Void> b = committer.submit6(List.of(io.dhcpsuite.lease.v6.Lease6Change.delete(lease)));
            backend.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            v4.get(10, TimeUnit.SECONDS);
            assertThat(a).failsWithin(10, TimeUnit.SECONDS);
            assertThat(b).failsWithin(10, TimeUnit.SECONDS);
            assertThat(v6Writes).containsExactly(2);
            fail6[0] = false;
            committer.submit6(List.of(io.dhcpsuite.lease.v6.Lease6Change.upsert(lease))).get(10, TimeUnit.SECONDS);
        }
    }

    /** Records which thread wrote what, in order. */
    static final class RecordingBackend implements LeaseBackend {
        final List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Collection<Lease> load() {
            return List.of();
        }

        @Override
        public void write(List<LeaseChange> changes) {
            writes.add(Thread.currentThread().getName() + ":" + changes.size());
        }

        @Override
        public String type() {
            return "recording";
        }
    }

    @Test
    void writeHereWritesOnTheCallingThreadWithoutTheWriter() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        try (GroupCommitter committer = new GroupCommitter(backend)) {
            // The writer thread has run its first loop and is parked: a writer that first runs
            // late (a loaded machine) would otherwise find the changes below queued and write them.
            committer.submit(changes(100, 1)).get(10, TimeUnit.SECONDS);
            assertThat(backend.writes).containsExactly("lease-writer:1");
            backend.writes.clear();
            // parked for good (a wake-up left over from the submit above is used up by then)
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> committer.writerState() == Thread.State.WAITING);
            String me = Thread.currentThread().getName();
            CompletableFuture<Void> done = GroupCommitter.writeHere(() -> {
                CompletableFuture<Void> f = committer.submit(changes(0, 2));
                committer.submit(changes(5, 1));
                // nothing is written until the work returns
                assertThat(backend.writes).isEmpty();
                return f;
            });
            assertThat(done).isDone();
            assertThat(backend.writes).containsExactly(me + ":3");
            // outside writeHere the writer thread writes, as before
            committer.submit(changes(10, 4)).get(10, TimeUnit.SECONDS);
            assertThat(backend.writes).containsExactly(me + ":3", "lease-writer:4");
        }
    }

    @Test
    void writeHereWaitsForTheWriterAndKeepsTheOrder() throws Exception {
        GatedBackend backend = new GatedBackend();
        try (GroupCommitter committer = new GroupCommitter(backend)) {
            CompletableFuture<Void> first = committer.submit(changes(0, 2));
            assertThat(backend.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> queued = committer.submit(changes(10, 3));
            // the writer thread holds the queue while its write runs: this thread's changes follow
            // the ones queued before them, in one group, whoever writes it
            CompletableFuture<CompletableFuture<Void>> mine = CompletableFuture.supplyAsync(
                    () -> GroupCommitter.writeHere(() -> committer.submit(changes(20, 4))));
            Thread.sleep(100);
            assertThat(mine).isNotDone();
            backend.release.countDown();
            mine.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            assertThat(first).isDone();
            assertThat(queued).isDone();
        }
        assertThat(backend.writes).containsExactly(2, 7);
    }
}
