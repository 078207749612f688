package io.dhcpsuite.lease.memfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemfileBackendTest {
    @TempDir
    Path dir;

    static Lease lease(int n, String host) {
        return new Lease(Ipv4.parse("192.0.2.0") + n, "02:00:00:00:00:" + String.format("%02x", n), "01:02:03", 3600,
                1_700_000_000L, 1, 0, false, false, host, 0, null);
    }

    @Test
    void journalRoundTripKeepsLastRowAndHonoursDeletions() throws Exception {
        Path f = dir.resolve("leases.csv");
        MemfileBackend b = new MemfileBackend(f, true, 0);
        assertThat(b.load()).isEmpty();
        Lease withComma = new Lease(Ipv4.parse("192.0.2.1"), "02:00:00:00:00:01", null, 3600, 1_700_000_000L, 1, 7,
                true, true, "a,b.example.", 0, "{\"a\":1,\"b\":2}");
        b.write(List.of(LeaseChange.upsert(lease(1, "x")), LeaseChange.upsert(lease(2, "y")), LeaseChange.upsert(withComma)));
        b.write(List.of(LeaseChange.delete(lease(2, "y"))));
        b.close();
        assertThat(Files.readAllLines(f).get(0)).isEqualTo(LeaseCsv.HEADER);
        assertThat(Files.readString(f)).contains("a&#x2cb.example.").contains("{\"a\":1&#x2c\"b\":2}");
        Collection<Lease> loaded = new MemfileBackend(f, true, 0).load();
        assertThat(loaded).containsExactly(withComma);
    }

    @Test
    void loadsLeaseFileWrittenByKea22() throws Exception {
        Path f = dir.resolve("kea.csv");
        try (InputStream in = getClass().getResourceAsStream("/memfile/kea-2.2-perfdhcp.csv")) {
            Files.copy(in, f);
        }
        long rows = Files.readAllLines(f).size() - 1;
        MemfileBackend b = new MemfileBackend(f, true, 0);
        Collection<Lease> leases = b.load();
        assertThat(b.rowErrors()).isZero();
        assertThat(leases).isNotEmpty().hasSizeLessThanOrEqualTo((int) rows);
        Lease first = leases.iterator().next();
        assertThat(first.subnetId()).isEqualTo(1);
        assertThat(first.validLft()).isEqualTo(4000);
        assertThat(first.hwAddress()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(first.addressText()).startsWith("198.18.");
        assertThat(Files.readAllLines(f).get(0)).isEqualTo(LeaseCsv.HEADER); // upgraded, as Kea's LFC would
        b.write(List.of(LeaseChange.upsert(lease(9, ""))));
        b.close();
        assertThat(new MemfileBackend(f, true, 0).load()).hasSize(leases.size() + 1);
    }

    @Test
    void loadsKea27FileWithPoolId() {
        Path f = dir.resolve("kea27.csv");
        write(f, LeaseCsv.HEADER + "\n192.0.2.5,02:00:00:00:00:05,,3600,1700003600,1,0,0,host,0,,42\n");
        Lease l = new MemfileBackend(f, true, 0).load().iterator().next();
        assertThat(l.poolId()).isEqualTo(42);
        assertThat(l.cltt()).isEqualTo(1_700_000_000L);
    }

    @Test
    void recoversFromTornLastLine() throws Exception {
        Path f = dir.resolve("torn.csv");
        MemfileBackend b = new MemfileBackend(f, true, 0);
        b.load();
        b.write(List.of(LeaseChange.upsert(lease(1, "a")), LeaseChange.upsert(lease(2, "b"))));
        b.close();
        Files.writeString(f, "192.0.2.3,02:00:00:00:00:03,,36", StandardOpenOption.APPEND); // crash mid-row
        MemfileBackend again = new MemfileBackend(f, true, 0);
        assertThat(again.load()).hasSize(2);
        assertThat(again.rowErrors()).isEqualTo(1);
        again.write(List.of(LeaseChange.upsert(lease(4, "d"))));
        again.close();
        MemfileBackend third = new MemfileBackend(f, true, 0);
        assertThat(third.load()).extracting(Lease::hostname).containsExactlyInAnyOrder("a", "b", "d");
        assertThat(third.rowErrors()).isEqualTo(1);
    }

    @Test
    void refusesFileWithMoreBadRowsThanMaxRowErrors() {
        Path f = dir.resolve("bad.csv");
        write(f, LeaseCsv.HEADER + "\nnot-an-address,,,,,,,,,,,\nx,,,\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MemfileBackend(f, true, 1).load())
                .hasMessageContaining("exceeded maximum number of failures 1");
    }

    @Test
    void compactionKeepsEveryLeaseWrittenMeanwhile() throws Exception {
        Path f = dir.resolve("lfc.csv");
        MemfileBackend b = new MemfileBackend(f, true, 0);
        b.load();
        Map<Integer, Lease> memory = new TreeMap<>();
        for (int i = 1; i <= 200; i++) {
            Lease l = lease(i, "h" + i);
            memory.put(l.address(), l);
            b.write(List.of(LeaseChange.upsert(l)));
        }
        // a writer keeps going while compaction runs: memory first, then the journal
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        List<Throwable> errors = new ArrayList<>();
        Thread writer = new Thread(() -> {
            int n = 0;
            while (!stop.get() || n < 50) {
                Lease l = new Lease(Ipv4.parse("10.0.0.0") + n, "02:00:00:00:00:01", null, 3600, 1_700_000_000L + n, 1, 0,
                        false, false, "w" + n, 0, null);
                synchronized (memory) {
                    memory.put(l.address(), l);
                }
                try {
                    b.write(List.of(LeaseChange.upsert(l)));
                } catch (Exception e) {
                    errors.add(e);
                }
                n++;
                started.countDown();
            }
        });
        writer.start();
        started.await();
        b.compact(() -> {
            synchronized (memory) {
                return List.copyOf(memory.values());
            }
        });
        stop.set(true);
        writer.join();
        b.write(List.of(LeaseChange.upsert(lease(250, "after"))));
        memory.put(lease(250, "after").address(), lease(250, "after"));
        b.close();
        assertThat(errors).isEmpty();
        Map<Integer, Lease> reloaded = new TreeMap<>();
        for (Lease l : new MemfileBackend(f, true, 0).load()) {
            reloaded.put(l.address(), l);
        }
        assertThat(reloaded).isEqualTo(memory);
        assertThat(Files.exists(f.resolveSibling("lfc.csv.lfc-tmp"))).isFalse();
    }

    @Test
    void nonPersistentModeWritesNothing() throws Exception {
        Path f = dir.resolve("none.csv");
        MemfileBackend b = new MemfileBackend(f, false, 0);
        b.load();
        b.write(List.of(LeaseChange.upsert(lease(1, "a"))));
        assertThat(Files.exists(f)).isFalse();
    }

    private static void write(Path f, String s) {
        try {
            Files.writeString(f, s, StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
