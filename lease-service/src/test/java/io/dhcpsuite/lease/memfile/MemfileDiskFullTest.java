package io.dhcpsuite.lease.memfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.lease.batch.GroupCommitter;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memfile journal on a real full file system: a 64 KiB tmpfs (needs root, as the end-to-end
 * tests do; skipped otherwise). A group whose write hits ENOSPC fails (so no reply leaves for its
 * leases), leaves no torn row behind, and once space returns the journal goes on; every group that
 * was reported durable loads back, with no row error.
 */
class MemfileDiskFullTest {
    @TempDir
    Path dir;
    Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        mount = Files.createDirectory(dir.resolve("full"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()) == 0, "mount tmpfs");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aFullDiskFailsTheGroupLeavesNoTornRowAndRecoversWhenSpaceReturns() throws Exception {
        Path file = mount.resolve("leases4.csv");
        MemfileBackend backend = new MemfileBackend(file, true, 0);
        backend.load();
        Set<Lease> durable = new HashSet<>();
        int failed = 0;
        int n = 0;
        try (GroupCommitter committer = new GroupCommitter(backend)) {
            // groups of 7 rows until the disk is full, and a few more failures after that
            while (failed < 3 && n < 10_000) {
                List<LeaseChange> group = new ArrayList<>();
                List<Lease> leases = new ArrayList<>();
                for (int i = 0; i < 7; i++, n++) {
                    Lease l = lease(n, "host-" + n + ".example.org.");
                    leases.add(l);
                    group.add(LeaseChange.upsert(l));
                }
                try {
                    committer.submit(group).get(10, TimeUnit.SECONDS);
                    durable.addAll(leases);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessageContaining("No space left");
                    failed++;
                }
            }
            assertThat(failed).as("the disk filled up").isEqualTo(3);
            assertThat(Files.readString(file)).as("no torn row").endsWith("\n");

            assertThat(run("mount", "-o", "remount,size=1m", mount.toString())).isZero();
            List<LeaseChange> more = new ArrayList<>();
            for (int i = 0; i < 50; i++, n++) {
                Lease l = lease(n % 250, "again-" + n + ".example.org.");
                more.add(LeaseChange.upsert(l));
            }
            committer.submit(more).get(10, TimeUnit.SECONDS);
            more.forEach(c -> durable.removeIf(d -> d.address() == c.lease().address()));
            more.forEach(c -> durable.add(c.lease()));
        }
        backend.close();

        MemfileBackend reloaded = new MemfileBackend(file, true, 0);
        List<Lease> loaded = new ArrayList<>(reloaded.load());
        assertThat(reloaded.rowErrors()).isZero();
        assertThat(loaded).containsAll(durable);
    }

    static Lease lease(int n, String host) {
        return new Lease(io.dhcpsuite.codec.Ipv4.parse("198.18.0.0") + n,
                String.format("02:00:00:00:%02x:%02x", (n >> 8) & 255, n & 255), null, 3600, 1_700_000_000L, 1, 0,
                false, false, host, 0, null);
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
