package io.dhcpsuite.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void passesTheExampleAndPrintsWarnings(@TempDir Path dir) throws Exception {
        assertThat(ConfigCheck.run(new String[] {"../examples/kea-dhcp4.json"})).isZero();
        assertThat(out.toString()).isEqualTo("Syntax check OK" + System.lineSeparator());

        Path f = dir.resolve("c.json");
        Files.writeString(f, "{ \"Dhcp4\": { \"offer-lifetime\": 60 } }");
        assertThat(ConfigCheck.run(new String[] {f.toString()})).isZero();
        assertThat(err.toString()).contains("WARN Dhcp4/offer-lifetime: accepted but not implemented");
    }

    @Test
    void failsWithThePathAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pols\": [] } ] } }");
        assertThat(ConfigCheck.run(new String[] {f.toString()})).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR Dhcp4/subnet4[0]/pols: unknown parameter (did you mean 'pools'?)"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    /** ConfigCheck's exit status on a file holding {@code json}. */
    private static int check(Path dir, String json) throws Exception {
        Path f = Files.writeString(Files.createTempFile(dir, "c", ".json"), json);
        return ConfigCheck.run(new String[] {f.toString()});
    }

    @Test
    void checksTheDdnsAndAgentSectionsEvenWithoutDhcp4(@TempDir Path dir) throws Exception {
        assertThat(check(dir, "{ \"DhcpDdns\": { \"port\": 70000 } }")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR DhcpDdns/port: value 70000 is out of range 1..65535"
                + System.lineSeparator());

        err.reset();
        assertThat(check(dir, "{ \"Control-agent\": { \"http-prot\": 8000 } }")).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR Control-agent/http-prot: unknown parameter");

        err.reset();
        assertThat(check(dir, "{ \"Control-agent\": { \"http-port\": 8000 }, \"DhcpDdns\": {} }")).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo("Syntax check OK" + System.lineSeparator());
    }

    @Test
    void checksADhcp6SectionAsKeaDhcp6Does(@TempDir Path dir) throws Exception {
        assertThat(check(dir, """
                { "Dhcp6": { "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                  "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 48 } ] } ] } }
                """)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR Dhcp6/subnet6[0]/pd-pools[0]/delegated-len: Delegated length (48)"
                + " must be longer than or equal to prefix length (56)" + System.lineSeparator());

        err.reset();
        assertThat(check(dir, """
                { "Dhcp6": { "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "rapid-commit": true,
                  "pools": [ { "pool": "2001:db8:1::/80" } ] } ] } }
                """)).isZero();
        assertThat(err.toString()).doesNotContain("WARN Dhcp6").doesNotContain("nothing the suite serves");
        assertThat(out.toString()).isEqualTo("Syntax check OK" + System.lineSeparator());
    }

    @Test
    void warnsWhenNoSectionIsForTheSuite(@TempDir Path dir) throws Exception {
        assertThat(check(dir, "{ \"Netconf\": {} }")).isZero();
        assertThat(err.toString()).contains("no Dhcp4, Dhcp6, DhcpDdns or Control-agent section");
    }

    @Test
    void refusesABadHighAvailabilityConfigNamingThePeer(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, """
                { "Dhcp4": { "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_lease_cmds.so" },
                  { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": { "high-availability": [
                    { "this-server-name": "server1", "mode": "hot-standby", "peers": [
                      { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                      { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary" } ] } ] } } ] } }
                """);
        assertThat(ConfigCheck.run(new String[] {f.toString()})).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR Dhcp4/hooks-libraries[1]/parameters/high-availability[0]/peers[1]"
                + "/role: secondary servers not allowed in the hot standby configuration" + System.lineSeparator());
        Files.writeString(f, Files.readString(f).replace("\"secondary\"", "\"standby\""));
        assertThat(ConfigCheck.run(new String[] {f.toString()})).isZero();
    }

    @Test
    void failsOnAMissingFileOrMissingArgument(@TempDir Path dir) {
        assertThat(ConfigCheck.run(new String[] {dir.resolve("none.json").toString()})).isEqualTo(1);
        assertThat(err.toString()).contains("ERROR ").contains("none.json: no such file").doesNotContain("\tat ");
        assertThat(ConfigCheck.run(new String[0])).isEqualTo(1);
    }
}
