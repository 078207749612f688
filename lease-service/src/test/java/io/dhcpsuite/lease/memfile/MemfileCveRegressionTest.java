package io.dhcpsuite.lease.memfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import io.dhcpsuite.lease.store.Lease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease file side of the published defects (docs/reliability.md has the whole table): a lease
 * file the suite did not write itself must never stop lease-service from starting. Rows it cannot
 * take are counted and logged with their line (DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR, as Kea) and
 * skipped; the rest of the file loads.
 */
class MemfileCveRegressionTest {
    @TempDir
    Path dir;

    /**
     * CVE-2019-6474: a lease row with neither hardware address nor client identifier made Kea fail
     * its restart. A declined lease legitimately has neither (Kea writes it so); the file loads, and
     * the lease keeps its address out of the pool.
     */
    @Test
    void cve_2019_6474_rowsWithoutIdentityDoNotStopTheLoad() throws Exception {
        Path f = write(
                "192.0.2.10,02:00:00:00:00:10,,3600,1800000000,1,0,0,,0,,0",
                "192.0.2.11,,,3600,1800000000,1,0,0,,1,,0",
                "192.0.2.12,,,3600,1800000000,1,0,0,,0,,0",
                "192.0.2.13,02:00:00:00:00:13,,3600,1800000000,1,0,0,,0,,0");
        MemfileBackend b = new MemfileBackend(f, true, 0);
        Collection<Lease> leases = b.load();
        b.close();

        assertThat(leases).extracting(Lease::addressText).contains("192.0.2.10", "192.0.2.11", "192.0.2.13");
        assertThat(leases).filteredOn(l -> l.addressText().equals("192.0.2.11"))
                .singleElement().satisfies(l -> assertThat(l.state()).isEqualTo(1));
        assertThat(leases.size() + b.rowErrors()).isEqualTo(4);
    }

    /**
     * CVE-2021-25217: ISC dhcpd overflowed a buffer reading an oversize hex string from its lease
     * file. The loader takes a hardware address of at most 20 octets and a client identifier of at
     * most 255 (Kea's limits, what a DHCPv4 packet can carry); longer ones are row errors.
     */
    @Test
    void cve_2021_25217_oversizeHexInTheLeaseFileIsARowError() throws Exception {
        String hugeHw = "aa:".repeat(100_000) + "aa";
        String longCid = "01" + ":5a".repeat(255);
        Path f = write(
                "192.0.2.20," + hugeHw + ",,3600,1800000000,1,0,0,,0,,0",
                "192.0.2.21,02:00:00:00:00:21," + longCid + ",3600,1800000000,1,0,0,,0,,0",
                "192.0.2.22," + "bb:".repeat(19) + "bb," + "01" + ":5a".repeat(254) + ",3600,1800000000,1,0,0,,0,,0",
                "192.0.2.23,02:00:00:00:00:23,,3600,1800000000,1,0,0,,0,,0");
        MemfileBackend b = new MemfileBackend(f, true, 0);
        Collection<Lease> leases = b.load();
        b.close();

        assertThat(leases).extracting(Lease::addressText).containsExactly("192.0.2.22", "192.0.2.23");
        assertThat(b.rowErrors()).isEqualTo(2);
    }

    private Path write(String... rows) throws Exception {
        Path f = dir.resolve("leases4.csv");
        Files.write(f, List.of(LeaseCsv.HEADER + "\n" + String.join("\n", rows)));
        return f;
    }
}
