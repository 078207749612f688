package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite and a real Kea 2.2 as a hot-standby pair over mutual TLS with basic auth: certificates
 * from a throw-away CA made with openssl (an RSA PKCS#1 key for the suite, an EC key for Kea), each
 * server's own files at the relationship level (its listener and its client), and
 * {@code require-client-certs} and {@code restrict-commands} on. The suite's entry carries a
 * {@code basic-auth-password}, Kea's a {@code basic-auth-password-file}: each side sends the
 * partner entry's credentials, and the suite's listener checks its own entry's (Kea 2.2's listener
 * checks none). Heartbeats, syncs and Kea's lease updates all cross TLS.
 */
class KeaHotStandbyTlsPairIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String relationship(String me, String suiteRole, String keaRole, Path pki) {
        return """
                { "this-server-name": "%1$s", "mode": "hot-standby",
                  "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
                  "trust-anchor": "%4$s/ca.pem", "cert-file": "%4$s/%1$s_cert.pem", "key-file": "%4$s/%1$s_key.pem",
                  "require-client-certs": true, "restrict-commands": true,
                  "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                       "http-listener-threads": 1, "http-client-threads": 1 },
                  "peers": [ { "name": "suite", "url": "https://127.0.0.2:8001/", "role": "%2$s",
                               "basic-auth-user": "suite-peer", "basic-auth-password": "suite-secret" },
                             { "name": "kea", "url": "https://127.0.0.3:8001/", "role": "%3$s",
                               "basic-auth-user": "kea-peer", "basic-auth-password-file": "%4$s/kea-password" } ] }"""
                .formatted(me, suiteRole, keaRole, pki);
    }

    /** A CA, then a certificate for each server signed by it, as an operator makes them with openssl. */
    static Path pki(Path dir) throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        openssl(pki, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca_key.pem", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=dhcp-suite test CA");
        openssl(pki, "genrsa", "-traditional", "-out", "suite_key.pem", "2048");
        openssl(pki, "ecparam", "-name", "prime256v1", "-genkey", "-out", "kea_key.pem");
        for (String name : List.of("suite", "kea")) {
            openssl(pki, "req", "-new", "-key", name + "_key.pem", "-out", name + ".csr", "-subj", "/CN=" + name);
            openssl(pki, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca_key.pem", "-CAcreateserial",
                    "-out", name + "_cert.pem", "-days", "2");
        }
        Files.writeString(pki.resolve("kea-password"), "kea-secret");
        return pki;
    }

    static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(cmd + ":\n" + r.output()).isZero();
    }

    /**
     * A command to an HA listener over TLS with curl, presenting {@code as}'s certificate (curl is
     * told not to check the listener's certificate: these carry no IP address, as Kea needs none).
     * Answers "HTTP-code body".
     */
    static String curl(Path pki, String as, String user, String password, String url, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sk", "--max-time", "5", "-w", "\n%{http_code}"));
        if (as != null) {
            cmd.addAll(List.of("--cert", pki.resolve(as + "_cert.pem").toString(), "--key", pki.resolve(as + "_key.pem").toString()));
        }
        if (user != null) {
            cmd.addAll(List.of("-u", user + ":" + password));
        }
        cmd.addAll(List.of("-H", "Content-Type: application/json", "-d", "{\"command\": \"" + command + "\"}", url));
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(20));
        if (r.exitCode() != 0) {
            return "curl-exit-" + r.exitCode();
        }
        String out = r.output().strip();
        int nl = out.lastIndexOf('\n');
        return out.substring(nl + 1) + " " + out.substring(0, Math.max(0, nl));
    }

    static String keaState(Path pki) throws Exception {
        String r = curl(pki, "suite", "kea-peer", "kea-secret", "https://127.0.0.3:8001/", "status-get");
        if (!r.startsWith("200 ")) {
            return r;
        }
        JsonNode n = JSON.readTree(r.substring(4));
        return (n.isArray() ? n.get(0) : n).at("/arguments/high-availability/0/ha-servers/local/state").asString();
    }

    void awaitHotStandby(Suite suite, KeaPeer kea, Path pki) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(kea.alive()).as("Kea runs; log:\n" + kea.logText()).isTrue();
            assertThat(keaState(pki)).as("Kea's state; log:\n" + kea.logText()).isEqualTo("hot-standby");
            assertThat(KeaHotStandbyPairIT.suiteHa(suite).at("/ha-servers/local/state").asString()).as("the suite's state")
                    .isEqualTo("hot-standby");
        });
    }

    @Test
    void keaPrimaryAndSuiteStandbyPairOverMutualTlsWithBasicAuth(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        KeaPeer.ensureLoopbackAddress("127.0.0.2");
        Path pki = pki(dir);
        Path cfg = KeaHotStandbyPairIT.suiteConfig(dir.resolve("suite"), relationship("suite", "standby", "primary", pki));
        try (Suite suite = Suite.start(cfg, dir.resolve("suite"));
                KeaPeer kea = KeaPeer.start("127.0.0.3", relationship("kea", "standby", "primary", pki), dir.resolve("kea"))) {
            awaitHotStandby(suite, kea, pki);

            // the suite's listener: the right peer with the right credentials gets in, nobody else
            String listener = "https://127.0.0.2:8001/";
            assertThat(curl(pki, "kea", "suite-peer", "suite-secret", listener, "ha-heartbeat")).startsWith("200 [{\"result\":0");
            assertThat(curl(pki, "kea", "suite-peer", "wrong", listener, "ha-heartbeat"))
                    .isEqualTo("401 {\"result\": 401, \"text\": \"Unauthorized\"}");
            assertThat(curl(pki, "kea", null, null, listener, "ha-heartbeat")).startsWith("401 ");
            assertThat(curl(pki, null, "suite-peer", "suite-secret", listener, "ha-heartbeat"))
                    .as("no client certificate: refused in the handshake").startsWith("curl-exit-");
            assertThat(curl(pki, "kea", "suite-peer", "suite-secret", listener, "config-get"))
                    .isEqualTo("403 {\"result\": 403, \"text\": \"Forbidden\"}");

            // Kea's lease updates reach the suite through its TLS listener with Kea's basic auth
            Map<Integer, String> acked;
            try (RelayClient relay = new RelayClient("127.0.0.3")) {
                acked = relay.dora(KeaHotStandbyPairIT.clients(4, 0x500));
            }
            assertThat(acked).as("Kea, the primary, serves; log:\n" + kea.logText()).hasSize(4);
            for (String address : acked.values()) {
                JsonNode lease = suite.command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
                assertThat(lease.path("result").asInt()).as("lease " + address + " on the suite: " + lease).isZero();
            }
            // the suite pulls over TLS from Kea's listener (client certificate, Kea's entry's credentials)
            String lost = acked.values().iterator().next();
            assertThat(suite.command("lease4-del", "{\"ip-address\": \"" + lost + "\"}").path("result").asInt()).isZero();
            JsonNode sync = suite.command("ha-sync", "{\"server-name\": \"kea\"}");
            assertThat(sync.path("result").asInt()).as(sync.toString()).isZero();
            assertThat(suite.command("lease4-get", "{\"ip-address\": \"" + lost + "\"}").path("result").asInt()).isZero();
        }
    }

    @Test
    void suitePrimaryAndKeaStandbyPairOverMutualTlsWithBasicAuth(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        KeaPeer.ensureLoopbackAddress("127.0.0.2");
        Path pki = pki(dir);
        Path cfg = KeaHotStandbyPairIT.suiteConfig(dir.resolve("suite"), relationship("suite", "primary", "standby", pki));
        try (Suite suite = Suite.start(cfg, dir.resolve("suite"));
                KeaPeer kea = KeaPeer.start("127.0.0.3", relationship("kea", "primary", "standby", pki), dir.resolve("kea"))) {
            // Kea, the standby, syncs from the suite's TLS listener before it reaches hot-standby
            awaitHotStandby(suite, kea, pki);
            assertThat(kea.logText()).contains("HA_SYNC_SUCCESSFUL");
            // the suite learns Kea's latest state at its next heartbeat (1 s)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode ha = KeaHotStandbyPairIT.suiteHa(suite);
                assertThat(ha.at("/ha-servers/remote/last-state").asString()).isEqualTo("hot-standby");
                assertThat(ha.at("/ha-servers/remote/in-touch").asBoolean()).isTrue();
            });
        }
    }
}
