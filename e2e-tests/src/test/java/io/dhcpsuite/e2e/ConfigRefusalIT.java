package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration is refused by dhcpctl with the offending key's path, like kea-dhcp4 -t. */
class ConfigRefusalIT {
    @TempDir
    Path dir;

    @Test
    void testCommandNamesThePathOfAPoolOutsideItsSubnet() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                  "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" }, { "pool": "198.18.0.10 - 198.18.0.20" } ] } ] } }
                """);
        Suite.Result r = Suite.run(dir, Duration.ofMinutes(5), "test", "--config", bad.toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("Dhcp4/subnet4[0]/pools[1]/pool").doesNotContain("Exception");
    }

    @Test
    void testCommandNamesAMisspelledKey() throws Exception {
        Path bad = dir.resolve("typo.json");
        Files.writeString(bad, """
                { "Dhcp4": { "valid-lifetim": 300 } }
                """);
        Suite.Result r = Suite.run(dir, Duration.ofMinutes(5), "test", "--config", bad.toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("Dhcp4/valid-lifetim");
    }

    @Test
    void acceptsTheShippedExamples() throws Exception {
        for (String example : new String[] {"kea-dhcp4.json", "kea-dhcp4-postgresql.json"}) {
            Path file = Suite.ROOT.resolve("examples").resolve(example);
            Suite.Result r = Suite.run(dir, Duration.ofMinutes(5), "test", "--config", file.toString());
            assertThat(r.exitCode()).as(example + ":\n" + r.output()).isZero();
        }
    }

    @Test
    void startRefusesABadConfigWithoutStartingAnything() throws Exception {
        Path bad = dir.resolve("bad-type.json");
        Files.writeString(bad, """
                { "Dhcp4": { "valid-lifetime": "long" } }
                """);
        Suite.Result r = Suite.run(dir, Duration.ofMinutes(5), "start", "--config", bad.toString());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("Dhcp4/valid-lifetime");
        Suite.Result status = Suite.run(dir, Duration.ofMinutes(1), "status");
        assertThat(status.output()).doesNotContain("healthy");
    }
}
