package io.dhcpsuite.config.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same HA parameters through the suite's parser and through a real kea-dhcp4 (2.2 from the
 * distribution) with libdhcp_ha.so: both accept or both refuse. {@code kea-dhcp4 -t} does not call
 * a hook's load function, so it cannot judge HA parameters; the test starts the server instead
 * (no DHCP interfaces, the HA listener on 127.0.0.1) and reads whether it logged
 * {@code DHCP4_STARTED} or {@code HA_CONFIGURATION_FAILED}. The refusal texts are Kea's too, so
 * the test also checks that the suite's message carries Kea's reason.
 */
class HaConfigKeaAgreementTest {
    static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
    static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");
    static final String P1 = "{ \"name\": \"server1\", \"url\": \"http://127.0.0.1:18901/\", \"role\": \"primary\" }";
    static final String P2 = "{ \"name\": \"server2\", \"url\": \"http://127.0.0.1:18902/\", \"role\": \"%s\"%s }";

    static String rel(String mode, String extra, String role2, String peer2Extra) {
        return "{ \"this-server-name\": \"server1\", \"mode\": \"" + mode + "\", " + extra + "\"peers\": [ " + P1
                + ", " + P2.formatted(role2, peer2Extra) + " ] }";
    }

    /** name, relationship, Kea's reason when refused (null: accepted). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("valid hot-standby", rel("hot-standby", "", "standby", ""), null),
                Arguments.of("valid load-balancing with timers", rel("load-balancing",
                        "\"heartbeat-delay\": 1000, \"max-response-delay\": 3000, \"max-unacked-clients\": 0, ",
                        "secondary", ""), null),
                Arguments.of("valid passive-backup waiting for backups", rel("passive-backup",
                        "\"wait-backup-ack\": true, ", "backup", ""), null),
                Arguments.of("valid pause states", rel("hot-standby",
                        "\"state-machine\": { \"states\": [ { \"state\": \"waiting\", \"pause\": \"once\" } ] }, ",
                        "standby", ""), null),
                Arguments.of("two primaries", rel("hot-standby", "", "primary", ""), "multiple primary servers specified"),
                Arguments.of("secondary in hot-standby", rel("hot-standby", "", "secondary", ""),
                        "secondary servers not allowed in the hot standby configuration"),
                Arguments.of("standby in load-balancing", rel("load-balancing", "", "standby", ""),
                        "standby servers not allowed in the load balancing configuration"),
                Arguments.of("no secondary", rel("load-balancing", "", "backup", ""),
                        "secondary server required in the load balancing configuration"),
                Arguments.of("unknown role", rel("hot-standby", "", "stanby", ""), "unsupported value 'stanby' for role parameter"),
                Arguments.of("unknown mode", rel("hot-spare", "", "standby", ""), "unsupported value 'hot-spare' for mode parameter"),
                Arguments.of("host name url", rel("hot-standby", "", "standby", "").replace("127.0.0.1:18902", "localhost:18902"),
                        "bad url 'http://localhost:18902/'"),
                Arguments.of("https without TLS", rel("hot-standby", "", "standby", "").replace("http://127.0.0.1:18902",
                        "https://127.0.0.1:18902"), "https scheme is not supported"),
                Arguments.of("password and password file", rel("hot-standby", "", "standby",
                        ", \"basic-auth-user\": \"u\", \"basic-auth-password\": \"p\", \"basic-auth-password-file\": \"/etc/hostname\""),
                        "only one of basic-auth-password and basic-auth-password-file parameter can be configured in peer 'server2'"),
                Arguments.of("user with colon", rel("hot-standby", "", "standby", ", \"basic-auth-user\": \"u:x\""),
                        "user 'u:x' must not contain a ':' in peer 'server2'"),
                Arguments.of("wait-backup-ack in load-balancing", rel("load-balancing", "\"wait-backup-ack\": true, ",
                        "secondary", ""), "'wait-backup-ack' must be set to false in the load balancing configuration"),
                Arguments.of("delayed updates in hot-standby", rel("hot-standby", "\"delayed-updates-limit\": 10, ",
                        "standby", ""), "'delayed-updates-limit' must be set to 0 in the hot standby configuration"),
                Arguments.of("this server missing", rel("hot-standby", "", "standby", "").replace(
                        "\"this-server-name\": \"server1\"", "\"this-server-name\": \"server3\""),
                        "no peer configuration specified for the 'server3'"),
                Arguments.of("duplicate peer name", rel("hot-standby", "", "standby", "").replace("\"server2\"", "\"server1\""),
                        "peer with name 'server1' already specified"),
                Arguments.of("unknown state", rel("hot-standby",
                        "\"state-machine\": { \"states\": [ { \"state\": \"sleeping\" } ] }, ", "standby", ""),
                        "unknown state sleeping"),
                Arguments.of("heartbeat-delay over 16 bits", rel("hot-standby", "\"heartbeat-delay\": 70000, ", "standby", ""),
                        "'heartbeat-delay' must not be greater than 65535"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void suiteAndKeaAgree(String what, String relationship, String keaReason, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(KEA) && Files.exists(HOOKS.resolve("libdhcp_ha.so")), "kea-dhcp4 with libdhcp_ha.so");
        String suiteVerdict;
        try {
            HaConfigParserTest.parse(relationship);
            suiteVerdict = null;
        } catch (ConfigException e) {
            suiteVerdict = e.getMessage();
        }
        String keaVerdict = runKea(dir, relationship);
        if (keaReason == null) {
            assertThat(keaVerdict).as("Kea accepts").isNull();
            assertThat(suiteVerdict).as("suite accepts").isNull();
        } else {
            assertThat(keaVerdict).as("Kea refuses").contains(keaReason);
            assertThat(suiteVerdict).as("suite refuses").isNotNull();
            if (!keaReason.startsWith("'heartbeat-delay'") && !keaReason.startsWith("bad url")) {
                // the suite words range and URL errors its own way (naming the path and the limits)
                assertThat(suiteVerdict).contains(keaReason);
            }
        }
    }

    /** Kea's refusal reason, or null when it started. */
    static String runKea(Path dir, String relationship) throws IOException, InterruptedException {
        String config = """
                { "Dhcp4": { "interfaces-config": { "interfaces": [ ] },
                  "lease-database": { "type": "memfile", "persist": false },
                  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 16 },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.100" } ] } ],
                  "hooks-libraries": [ { "library": "%s" },
                    { "library": "%s", "parameters": { "high-availability": [ %s ] } } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ] } }
                """.formatted(HOOKS.resolve("libdhcp_lease_cmds.so"), HOOKS.resolve("libdhcp_ha.so"), relationship);
        Path file = Files.writeString(dir.resolve("kea.json"), config);
        ProcessBuilder pb = new ProcessBuilder(KEA.toString(), "-c", file.toString()).redirectErrorStream(true);
        pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        Process kea = pb.start();
        // a Kea that neither starts nor fails must not hang the build: closing it ends the read loop
        CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS).execute(kea::destroyForcibly);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(kea.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("DHCP4_STARTED")) {
                    return null;
                }
                int at = line.indexOf("HA_CONFIGURATION_FAILED");
                if (at >= 0) {
                    return line.substring(at);
                }
            }
            return "exited without a verdict";
        } finally {
            kea.destroy();
            if (!kea.waitFor(10, TimeUnit.SECONDS)) {
                kea.destroyForcibly();
            }
        }
    }
}
