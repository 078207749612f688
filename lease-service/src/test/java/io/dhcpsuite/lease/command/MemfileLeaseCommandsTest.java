package io.dhcpsuite.lease.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.lease.memfile.LeaseCsv;
import io.dhcpsuite.lease.memfile.MemfileBackend;
import io.dhcpsuite.lease.store.LeaseBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every lease command on memfile, including those only memfile has (lease4-write). */
class MemfileLeaseCommandsTest extends LeaseCommandsContract {
    @TempDir
    Path dir;

    @Override
    LeaseBackend newBackend() {
        return new MemfileBackend(dir.resolve("kea-leases4.csv"), true, 0);
    }

    @Override
    LeaseBackend reopen() {
        return newBackend();
    }

    @Test
    void getByHwAddressClientIdAndHostname() {
        cmd("lease4-add", """
                {"ip-address": "192.0.2.20", "hw-address": "02:00:00:00:00:01", "client-id": "01:aa:bb", "hostname": "Host.Example.org."}""");
        cmd("lease4-add", """
                {"ip-address": "198.51.100.11", "hw-address": "02:00:00:00:00:01"}""");

        CommandResponse byHw = cmd("lease4-get-by-hw-address", "{\"hw-address\": \"02:00:00:00:00:01\"}");
        assertAnswer(byHw, ResultCode.SUCCESS, "2 IPv4 lease(s) found.");
        assertThat(addresses(byHw)).containsExactly("192.0.2.20", "198.51.100.11");
        assertAnswer(cmd("lease4-get-by-hw-address", "{\"hw-address\": \"02:00:00:00:00:02\"}"), ResultCode.EMPTY,
                "0 IPv4 lease(s) found.");
        assertAnswer(cmd("lease4-get-by-hw-address", "{}"), ResultCode.ERROR, "'hw-address' parameter not specified");
        assertAnswer(cmd("lease4-get-by-hw-address", "{\"hw-address\": 0}"), ResultCode.ERROR, "'hw-address' parameter must be a string");
        assertThat(cmd("lease4-get-by-hw-address", "{\"hw-address\": \"xx:yy\"}").result()).isEqualTo(ResultCode.ERROR);

        CommandResponse byCid = cmd("lease4-get-by-client-id", "{\"client-id\": \"01aabb\"}");
        assertAnswer(byCid, ResultCode.SUCCESS, "1 IPv4 lease(s) found.");
        assertThat(addresses(byCid)).containsExactly("192.0.2.20");
        assertAnswer(cmd("lease4-get-by-client-id", "{\"client-id\": \"0011\"}"), ResultCode.EMPTY, "0 IPv4 lease(s) found.");
        assertAnswer(cmd("lease4-get-by-client-id", "{}"), ResultCode.ERROR, "'client-id' parameter not specified");
        assertAnswer(cmd("lease4-get-by-client-id", "{\"client-id\": \"\"}"), ResultCode.ERROR,
                "identifier is too short (0), at least 2 is required");
        assertAnswer(cmd("lease4-get-by-client-id", "{\"client-id\": \"00\"}"), ResultCode.ERROR,
                "identifier is too short (1), at least 2 is required");

        // hostnames compare without case, as DNS names do
        CommandResponse byName = cmd("lease4-get-by-hostname", "{\"hostname\": \"host.example.org.\"}");
        assertAnswer(byName, ResultCode.SUCCESS, "1 IPv4 lease(s) found.");
        assertAnswer(cmd("lease4-get-by-hostname", "{\"hostname\": \"abc.com.\"}"), ResultCode.EMPTY, "0 IPv4 lease(s) found.");
        assertAnswer(cmd("lease4-get-by-hostname", "{\"hostname\": \"\"}"), ResultCode.ERROR, "'hostname' parameter is empty");
        assertAnswer(cmd("lease4-get-by-hostname", "{}"), ResultCode.ERROR, "'hostname' parameter not specified");
        assertAnswer(cmd("lease4-get-by-hostname", "{\"hostname\": 0}"), ResultCode.ERROR, "'hostname' parameter must be a string");
    }

    @Test
    void getByStateTakesANumberOrANameAndAnOptionalSubnet() {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        add("198.51.100.11", "02:00:00:00:00:02", 2);
        cmd("lease4-add", "{\"ip-address\": \"192.0.2.21\", \"hw-address\": \"02:00:00:00:00:03\", \"state\": 1}");

        assertAnswer(cmd("lease4-get-by-state", "{\"state\": 0}"), ResultCode.SUCCESS, "2 IPv4 lease(s) found with state 0.");
        assertThat(addresses(cmd("lease4-get-by-state", "{\"state\": \"assigned\"}"))).containsExactly("192.0.2.20", "198.51.100.11");
        assertThat(addresses(cmd("lease4-get-by-state", "{\"state\": 0, \"subnet-id\": 2}"))).containsExactly("198.51.100.11");
        assertThat(addresses(cmd("lease4-get-by-state", "{\"state\": \"declined\", \"subnet-id\": 0}"))).containsExactly("192.0.2.21");
        assertAnswer(cmd("lease4-get-by-state", "{\"state\": \"released\", \"subnet-id\": 1}"), ResultCode.EMPTY,
                "0 IPv4 lease(s) found with state 3.");
        assertAnswer(cmd("lease4-get-by-state", "{\"state\": 9}"), ResultCode.EMPTY, "0 IPv4 lease(s) found with state 9.");
        assertAnswer(cmd("lease4-get-by-state", "{\"state\": \"not_a_state\"}"), ResultCode.ERROR,
                "'state' parameter value (not_a_state) is not recognized");
        assertAnswer(cmd("lease4-get-by-state", "{\"state\": {}}"), ResultCode.ERROR, "'state' parameter must be a number or a string");
        assertAnswer(cmd("lease4-get-by-state", "{}"), ResultCode.ERROR, "'state' parameter not specified");
    }

    @Test
    void wipeDeletesOneSubnetOrEveryConfiguredSubnet() {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        add("192.0.2.21", "02:00:00:00:00:02", 1);
        add("198.51.100.11", "02:00:00:00:00:03", 2);
        assertAnswer(cmd("lease4-wipe", "{\"subnet-id\": 1}"), ResultCode.SUCCESS, "Deleted 2 IPv4 lease(s) from subnet(s) 1");
        assertThat(stats.value("subnet[1].assigned-addresses")).isZero();
        assertAnswer(cmd("lease4-wipe", "{\"subnet-id\": 1}"), ResultCode.EMPTY, "Deleted 0 IPv4 lease(s) from subnet(s) 1");
        assertAnswer(cmd("lease4-wipe", null), ResultCode.SUCCESS, "Deleted 1 IPv4 lease(s) from subnet(s) 1 2");
        assertAnswer(cmd("lease4-get-all", null), ResultCode.EMPTY, "0 IPv4 lease(s) found.");
    }

    @Test
    void writeDumpsTheLeasesInKeasFormat() throws Exception {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        Path out = dir.resolve("dump.csv");
        assertAnswer(cmd("lease4-write", "{\"filename\": \"" + out + "\"}"), ResultCode.SUCCESS,
                "IPv4 lease database into '" + out + "'.");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(LeaseCsv.HEADER);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("192.0.2.20,02:00:00:00:00:01,,3600," + (NOW + 3600) + ",1,");
        // onto the active file: compaction, the journal keeps exactly the live leases
        Path active = dir.resolve("kea-leases4.csv");
        cmd("lease4-del", "{\"ip-address\": \"192.0.2.20\"}");
        add("192.0.2.21", "02:00:00:00:00:02", 1);
        assertAnswer(cmd("lease4-write", "{\"filename\": \"" + active + "\"}"), ResultCode.SUCCESS,
                "IPv4 lease database into '" + active + "'.");
        assertThat(Files.readAllLines(active)).hasSize(2).last().asString().startsWith("192.0.2.21,");
        assertAnswer(cmd("lease4-write", "{}"), ResultCode.ERROR, "missing parameter 'filename'");
        assertAnswer(cmd("lease4-write", "{\"filename\": \"\"}"), ResultCode.ERROR, "'filename' parameter is empty");
    }

    /** CVE-2025-32801/32803: Kea's lease4-write wrote wherever the caller said; 2.7.9 keeps it in the data directory. */
    @Test
    void cve_2025_32801_leaseWriteRefusesPathsOutsideTheLeaseFileDirectory(@TempDir Path elsewhere) throws Exception {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        for (String bad : List.of(elsewhere.resolve("dump.csv").toString(), dir.resolve("../dump.csv").toString(),
                dir.resolve("sub/dump.csv").toString(), "/etc/cron.d/dhcp")) {
            assertAnswer(cmd("lease4-write", "{\"filename\": \"" + bad + "\"}"), ResultCode.ERROR,
                    "invalid path specified: '" + bad + "', supported path is '" + dir.toAbsolutePath().normalize() + "'");
        }
        try (var files = Files.list(elsewhere)) {
            assertThat(files).as("nothing written outside the data directory").isEmpty();
        }
        // a bare name is a file in the data directory, as in Kea
        assertAnswer(cmd("lease4-write", "{\"filename\": \"backup.csv\"}"), ResultCode.SUCCESS,
                "IPv4 lease database into 'backup.csv'.");
        assertThat(Files.readAllLines(dir.resolve("backup.csv"))).hasSize(2);
    }

    /** CVE-2025-32803: a link planted in the data directory must not carry the write elsewhere. */
    @Test
    void cve_2025_32803_leaseWriteReplacesALinkInsteadOfFollowingIt(@TempDir Path elsewhere) throws Exception {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        Path victim = Files.writeString(elsewhere.resolve("victim"), "keep me\n");
        Path link = Files.createSymbolicLink(dir.resolve("dump.csv"), victim);

        assertAnswer(cmd("lease4-write", "{\"filename\": \"" + link + "\"}"), ResultCode.SUCCESS,
                "IPv4 lease database into '" + link + "'.");

        assertThat(Files.readString(victim)).isEqualTo("keep me\n");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readAllLines(link)).hasSize(2).first().isEqualTo(LeaseCsv.HEADER);
    }

    @Test
    void leasesReclaimNeedsRemoveAndReclaimsEveryExpiredLease() {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        add("192.0.2.21", "02:00:00:00:00:02", 1);
        assertAnswer(cmd("leases-reclaim", null), ResultCode.ERROR, "Missing mandatory 'remove' parameter.");
        assertAnswer(cmd("leases-reclaim", "{\"remove\": \"yes\"}"), ResultCode.ERROR, "'remove' parameter expected to be a boolean.");

        clock.advance(Duration.ofSeconds(3601));
        assertAnswer(cmd("leases-reclaim", "{\"remove\": false}"), ResultCode.SUCCESS, "Reclamation of expired leases is complete.");
        assertThat(addresses(cmd("lease4-get-by-state", "{\"state\": \"expired-reclaimed\"}"))).containsExactly("192.0.2.20", "192.0.2.21");
        assertThat(stats.value("reclaimed-leases")).isEqualTo(2);
        assertThat(stats.value("subnet[1].assigned-addresses")).isZero();

        add("192.0.2.22", "02:00:00:00:00:03", 1);
        clock.advance(Duration.ofSeconds(3601));
        assertAnswer(cmd("leases-reclaim", "{\"remove\": true}"), ResultCode.SUCCESS, "Reclamation of expired leases is complete.");
        assertAnswer(cmd("lease4-get", "{\"ip-address\": \"192.0.2.22\"}"), ResultCode.EMPTY, "Lease not found.");
        assertThat(stats.value("reclaimed-leases")).isEqualTo(3);
    }

    @Test
    void statisticCommandsAnswerUnknownNamesAsKeaDoes() {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        CommandResponse unknown = cmd("statistic-get", "{\"name\": \"x\"}");
        assertThat(unknown.result()).isEqualTo(ResultCode.SUCCESS);
        assertThat(unknown.arguments().isEmpty()).isTrue();
        assertAnswer(cmd("statistic-reset", "{\"name\": \"x\"}"), ResultCode.ERROR, "No 'x' statistic found");
        assertAnswer(cmd("statistic-remove", "{\"name\": \"x\"}"), ResultCode.ERROR, "No 'x' statistic found");
        assertAnswer(cmd("statistic-get", "{}"), ResultCode.ERROR, "'name' parameter not specified");

        CommandResponse known = cmd("statistic-get", "{\"name\": \"subnet[1].assigned-addresses\"}");
        assertThat(known.arguments().get("subnet[1].assigned-addresses").get(0).get(0).asLong()).isEqualTo(1);
        assertAnswer(cmd("statistic-reset", "{\"name\": \"subnet[1].assigned-addresses\"}"), ResultCode.SUCCESS,
                "Statistic 'subnet[1].assigned-addresses' reset.");
        assertThat(stats.value("subnet[1].assigned-addresses")).isZero();
        assertAnswer(cmd("statistic-remove", "{\"name\": \"subnet[1].assigned-addresses\"}"), ResultCode.SUCCESS,
                "Statistic 'subnet[1].assigned-addresses' removed.");
        assertThat(cmd("statistic-get", "{\"name\": \"subnet[1].assigned-addresses\"}").arguments().isEmpty()).isTrue();
    }
}
