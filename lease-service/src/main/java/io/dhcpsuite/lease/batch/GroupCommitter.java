package io.dhcpsuite.lease.batch;

import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseWriter;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6Change;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread in front of the backend. Whatever is queued when it wakes up (changes of any
 * number of batches, commands and reclamation cycles) becomes one backend write, so the cost of a
 * sync is shared by everything that arrived while the previous one ran; under load the groups grow
 * by themselves, idle it writes at once. A failed write fails every waiter of that group, and is
 * logged once per incident (until a write succeeds again), not once per lease.
 *
 * <p>A thread that would only wait for its own changes anyway may write them itself
 * ({@link #writeHere}): what it submits does not wake the writer thread, and when its work is
 * done it writes everything queued so far (its own changes and any queued before them) as one
 * group, unless the writer thread is at it already. Groups are taken from the queue in order under
 * one lock, by whichever thread writes, so the journal keeps the order the changes were made in.
 * This spares a lease write the wake-up of the writer thread (about one context switch per group).
 *
 * <p>DHCPv6 changes ({@link #submit6}) share the thread and the groups: a group writes its v4
 * changes to the v4 backend and its v6 changes to the v6 backend (kea-leases6.csv, the lease6
 * table), each with one sync, and a waiter is answered when the writes of its own changes are done;
 * a failed v6 write fails only the waiters that had v6 changes, and the same for v4.
 *
 * <p>Meters (Prometheus names): {@code lease_commit_groups_total} backend writes,
 * {@code lease_commit_changes_total} lease changes written, {@code lease_commit_write_seconds}
 * time of one backend write (count, sum, max), {@code lease_commit_group_changes} changes per
 * write (count, sum, max: the group sizes), {@code lease_commit_failures_total} failed writes.
 */
public final class GroupCommitter implements LeaseWriter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /** Upper bound of changes per backend write, to bound one transaction's size. */
    static final int MAX_GROUP_CHANGES = 20_000;

    private final LeaseBackend backend;
    private volatile Lease6Backend backend6;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held while a group is taken from the queue and written, by the writer or a {@link #writeHere} thread. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Non-null while the current thread runs {@link #writeHere}: the committers it owes a write. */
    private static final ThreadLocal<List<GroupCommitter>> OWED = new ThreadLocal<>();
    private final Thread writer;
    private final Counter groups;
    private final Counter changesWritten;
    private final Counter failures;
    private final Timer writeTime;
    private final DistributionSummary groupSize;
    private volatile boolean running = true;
    /** Guarded by {@link #writing}. */
    private boolean failing;

    private record Pending(List<LeaseChange> changes, List<Lease6Change> changes6, CompletableFuture<Void> done) {
    }

    /** With meters of its own, not published (tests). */
    public GroupCommitter(LeaseBackend backend) {
        this(backend, new SimpleMeterRegistry());
    }

    public GroupCommitter(LeaseBackend backend, MeterRegistry meters) {
        this.backend = backend;
        String type = backend.type();
        this.groups = Counter.builder("lease.commit.groups").description("Backend writes (syncs) of the group commit")
                .tag("backend", type).register(meters);
        this.changesWritten = Counter.builder("lease.commit.changes").description("Lease changes written by the group commit")
                .tag("backend", type).register(meters);
        this.failures = Counter.builder("lease.commit.failures").description("Failed backend writes")
                .tag("backend", type).register(meters);
        this.writeTime = Timer.builder("lease.commit.write").description("Time of one backend write, sync included")
                .tag("backend", type).register(meters);
        this.groupSize = DistributionSummary.builder("lease.commit.group.changes").description("Lease changes per backend write")
                .tag("backend", type).register(meters);
        this.writer = Thread.ofPlatform().name("lease-writer").daemon(true).unstarted(this::run);
        writer.start();
    }

    @Override
    public CompletableFuture<Void> submit(List<LeaseChange> changes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("lease writer stopped"));
            return done;
        }
        return enqueue(new Pending(changes, List.of(), done));
    }

    /** The v6 backend the v6 changes go to; set once, before the first {@link #submit6}. */
    public void backend6(Lease6Backend backend6) {
        this.backend6 = backend6;
    }

    /** Queues v6 changes for the next group; completes when they are durable. */
    public CompletableFuture<Void> submit6(List<Lease6Change> changes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("lease writer stopped"));
            return done;
        }
        if (backend6 == null) {
            done.completeExceptionally(new IllegalStateException("no DHCPv6 lease backend"));
            return done;
        }
        return enqueue(new Pending(List.of(), changes, done));
    }

    private CompletableFuture<Void> enqueue(Pending pending) {
        CompletableFuture<Void> done = pending.done;
        queue.add(pending);
        List<GroupCommitter> owed = OWED.get();
        if (owed == null) {
            LockSupport.unpark(writer);
        } else if (!owed.contains(this)) {
            owed.add(this);
        }
        return done;
    }

    /**
     * Runs {@code work}; the changes it submits to any group committer are written on this
     * thread once it returns (or throws), together with whatever was queued before them, instead
     * of by the writer thread. For a caller that has nothing else to do until they are durable.
     */
    public static <T> T writeHere(Supplier<T> work) {
        if (OWED.get() != null) {
            return work.get();
        }
        List<GroupCommitter> owed = new ArrayList<>(1);
        OWED.set(owed);
        try {
            return work.get();
        } finally {
            OWED.remove();
            for (GroupCommitter c : owed) {
                c.writeQueued();
            }
        }
    }

    /** Writes what is queued now, as groups, unless another thread holds the queue's head. */
    private void writeQueued() {
        writing.lock();
        try {
            List<Pending> group = new ArrayList<>();
            List<LeaseChange> all = new ArrayList<>();
            List<Lease6Change> all6 = new ArrayList<>();
            while (!queue.isEmpty()) {
                writeGroup(group, all, all6);
            }
        } finally {
            writing.unlock();
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        List<LeaseChange> all = new ArrayList<>();
        List<Lease6Change> all6 = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            if (queue.isEmpty()) {
                // submit and close unpark it; no timeout, so it never takes what a writeHere owes
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    break;
                }
                continue;
            }
            writing.lock();
            try {
                writeGroup(group, all, all6);
            } finally {
                writing.unlock();
            }
        }
    }

    /** Takes one group from the queue and writes it; {@link #writing} held. */
    private void writeGroup(List<Pending> group, List<LeaseChange> all, List<Lease6Change> all6) {
        try {
            Pending next;
            while (all.size() + all6.size() < MAX_GROUP_CHANGES && (next = queue.poll()) != null) {
                group.add(next);
                all.addAll(next.changes);
                all6.addAll(next.changes6);
            }
            if (group.isEmpty()) {
                return;
            }
            long t0 = System.nanoTime();
            Exception failed4 = null;
            Exception failed6 = null;
            if (!all.isEmpty() || all6.isEmpty()) {
                try {
                    backend.write(all);
                } catch (Exception e) {
                    failed4 = e;
                }
            }
            if (!all6.isEmpty()) {
                try {
                    backend6.write(all6);
                } catch (Exception e) {
                    failed6 = e;
                }
            }
            int size = all.size() + all6.size();
            if (failed4 == null && failed6 == null) {
                writeTime.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                groups.increment();
                changesWritten.increment(size);
                groupSize.record(size);
                if (failing) {
                    failing = false;
                    log.info("lease store writes succeed again ({})", backend.type());
                }
                group.forEach(p -> p.done.complete(null));
            } else {
                failures.increment();
                Exception e = failed4 != null ? failed4 : failed6;
                if (!failing) {
                    failing = true;
                    log.error("DHCPSRV_LEASE_WRITE_FAILED writing {} lease change(s) to {} failed: {}; "
                            + "affected requests get no reply until writes succeed", size,
                            failed4 != null ? backend.type() : backend6.type() + " (DHCPv6)", e.toString());
                }
                for (Pending p : group) {
                    if (failed4 != null && (!p.changes.isEmpty() || p.changes6.isEmpty())) {
                        p.done.completeExceptionally(failed4);
                    } else if (failed6 != null && !p.changes6.isEmpty()) {
                        p.done.completeExceptionally(failed6);
                    } else {
                        p.done.complete(null);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("lease writer: unexpected {}", e.toString(), e);
            group.forEach(p -> p.done.completeExceptionally(e));
        } finally {
            group.clear();
            all.clear();
            all6.clear();
        }
    }

    /** The writer thread's state: WAITING once it is parked with nothing queued (tests). */
    Thread.State writerState() {
        return writer.getState();
    }

    /** Number of backend writes (syncs) so far. */
    public long groups() {
        return (long) groups.count();
    }

    public long changesWritten() {
        return (long) changesWritten.count();
    }

    /** Mean time of one backend write in microseconds. */
    public double meanWriteMicros() {
        return writeTime.mean(TimeUnit.MICROSECONDS);
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
