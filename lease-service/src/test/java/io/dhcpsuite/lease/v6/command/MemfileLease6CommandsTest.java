package io.dhcpsuite.lease.v6.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.memfile.Memfile6Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lease6 commands on memfile, and lease6-write's file rules. */
class MemfileLease6CommandsTest extends Lease6CommandsContract {

    @Override
    Lease6Backend newBackend(Path dir) {
        return new Memfile6Backend(dir.resolve("kea-leases6.csv"), true, 0);
    }

    @Override
    Lease6Backend reopen(Path dir) {
        return new Memfile6Backend(dir.resolve("kea-leases6.csv"), true, 0);
    }

    @Test
    void writeDumpsIntoTheLeaseFileDirectoryOnly() throws Exception {
        cmd("lease6-add", "{\"ip-address\":\"2001:db8:1::20\",\"duid\":\"01:02:03\",\"iaid\":1}");
        CommandResponse ok = cmd("lease6-write", "{\"filename\":\"copy.csv\"}");
        assertThat(ok.result()).isZero();
        assertThat(ok.text()).isEqualTo("IPv6 lease database into 'copy.csv'.");
        List<String> lines = Files.readAllLines(dir.resolve("copy.csv"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("2001:db8:1::20,01:02:03,4000,");
        CommandResponse outside = cmd("lease6-write", "{\"filename\":\"/tmp/elsewhere/x.csv\"}");
        assertThat(outside.result()).isEqualTo(1);
        assertThat(outside.text()).startsWith("invalid path specified: '/tmp/elsewhere/x.csv', supported path is ");
        assertThat(cmd("lease6-write", "{\"filename\":\"kea-leases6.csv\"}").result()).isZero();
        assertThat(Files.readAllLines(dir.resolve("kea-leases6.csv"))).hasSize(2);
        assertReloads();
    }
}
