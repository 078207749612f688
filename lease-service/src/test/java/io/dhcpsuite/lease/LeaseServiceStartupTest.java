package io.dhcpsuite.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** How the service starts from its Kea-format file, and how it refuses a bad one. */
class LeaseServiceStartupTest {
    @TempDir
    Path dir;

    /**
     * The real process: {@code SuiteConfigBootstrap} ends it with status 2 and one line naming the
     * key's path, so this runs the service's main class in a JVM of its own.
     */
    @Test
    void refusedConfigurationStopsTheProcessWithTheKeyPath() throws Exception {
        Path cfg = dir.resolve("bad.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "lease-database": { "type": "memfile", "persist": false },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.50 - 192.0.2.10" } ] } ] } }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(java, "-cp", cp, LeaseServiceApplication.class.getName(),
                "--suite.config=" + cfg, "--server.port=0", "--management.server.port=0"))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.log").toFile())
                .redirectError(dir.resolve("err.log").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process ended").isTrue();
        String err = Files.readString(dir.resolve("err.log"), StandardCharsets.UTF_8);
        String out = Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + err).isEqualTo(2);
        assertThat(err.strip()).startsWith("ERROR configuration " + cfg + " refused: Dhcp4/subnet4[0]/pools[0]/pool: ")
                .doesNotContain("\tat ");
        assertThat(out).doesNotContain("Started LeaseServiceApplication").doesNotContain("\tat ");
    }

    @Test
    void badMaxRowErrorsStopsStartUpNamingTheKey() throws Exception {
        Path cfg = dir.resolve("rows.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "lease-database": { "type": "memfile", "persist": false, "max-row-errors": -1 } } }
                """);
        assertThatThrownBy(() -> start(cfg).close())
                .rootCause().hasMessageStartingWith("Dhcp4/lease-database/max-row-errors: ");
    }

    @Test
    void badServicePropertiesStopStartUpNamingTheKey() throws Exception {
        Path cfg = dir.resolve("ok.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "lease-database": { "type": "memfile", "persist": false } } }
                """);
        assertThatThrownBy(() -> start(cfg, "--suite.lease.commit-timeout=0s").close())
                .satisfies(e -> assertThat(messages(e)).contains("suite.lease.commit-timeout: PT0S is not positive"));
        assertThatThrownBy(() -> start(cfg, "--suite.lease-service.tcp-port=70000").close())
                .satisfies(e -> assertThat(messages(e)).contains("suite.lease-service.tcp-port: 70000"));
        assertThatThrownBy(() -> start(cfg, "--suite.lease.commit-timeout=soon").close())
                .satisfies(e -> assertThat(messages(e)).contains("suite.lease.commit-timeout"));
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void memfileWithoutNameIsKeaLeases4CsvInTheRunDirectory() throws Exception {
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "lease-database": { "type": "memfile", "lfc-interval": 0 },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ] } }
                """);
        Path run = dir.resolve("run-here");
        try (ConfigurableApplicationContext ctx = start(cfg, "--suite.run-dir=" + run)) {
            assertThat(run.resolve("kea-leases4.csv")).exists();
        }
    }

    static ConfigurableApplicationContext start(Path cfg, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--suite.config=" + cfg;
        System.arraycopy(more, 0, args, 2, more.length);
        return new SpringApplicationBuilder(LeaseServiceApplication.class).run(args);
    }
}
