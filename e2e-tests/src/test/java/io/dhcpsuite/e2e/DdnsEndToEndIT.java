package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.ddns.bind.Bind9;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole DDNS path against a real BIND 9: the suite started by dhcpctl with Dhcp4 (updates on,
 * suffix example.org, check-with-dhcid) and DhcpDdns (TSIG-signed updates to named), clients from
 * perfdhcp and crafted relayed packets, zones read back with dnsjava.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DdnsEndToEndIT {
    @TempDir
    static Path dir;
    /** Apart from {@code dir}: chowned to bind, which must reach it. */
    @TempDir
    static Path bindDir;
    private Bind9 bind;
    private Suite suite;
    private RelayClient relay;

    private static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions();
    }

    @BeforeAll
    void start() throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Bind9.installed(), "BIND 9 is missing: apt-get install bind9");
        bind = new Bind9(bindDir);
        bind.start();
        Path config = dir.resolve("ddns.json");
        Files.writeString(config, """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%1$s/leases4.csv" },
                    "valid-lifetime": 600, "min-valid-lifetime": 2, "max-valid-lifetime": 7200,
                    "expired-leases-processing": { "reclaim-timer-wait-time": 1, "hold-reclaimed-time": 0 },
                    "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": 53001 },
                    "ddns-send-updates": true,
                    "ddns-qualifying-suffix": "example.org",
                    "ddns-conflict-resolution-mode": "check-with-dhcid",
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/16",
                                   "pools": [ { "pool": "198.18.0.10 - 198.18.255.250" } ],
                                   "relay": { "ip-addresses": [ "127.0.0.1" ] } } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "stdout" } ] } ]
                  },
                  "DhcpDdns": {
                    "ip-address": "127.0.0.1", "port": 53001, "dns-server-timeout": 1000,
                    "tsig-keys": [ { "name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%2$s" } ],
                    "forward-ddns": { "ddns-domains": [ { "name": "example.org.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %3$d } ] } ] },
                    "reverse-ddns": { "ddns-domains": [ { "name": "18.198.in-addr.arpa.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %3$d } ] } ] }
                  }
                }
                """.formatted(dir.toAbsolutePath(), bind.secret, bind.port));
        suite = Suite.start(config, dir);
        Perfdhcp.warmUp();
    }

    @AfterAll
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (suite != null) {
            suite.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    private RelayClient relay() throws Exception {
        if (relay == null) {
            relay = new RelayClient();
        }
        return relay;
    }

    private void assertInDns(String fqdn, String ip) throws Exception {
        await(fqdn + " -> " + ip + " in BIND").untilAsserted(() -> {
            assertThat(bind.a(fqdn)).containsExactly(ip);
            assertThat(bind.ptr(ip)).containsExactly(fqdn);
            assertThat(bind.hasDhcid(fqdn)).isTrue();
        });
    }

    private void assertGoneFromDns(String fqdn, String ip) throws Exception {
        await(fqdn + " / " + ip + " gone from BIND").untilAsserted(() -> {
            assertThat(bind.a(fqdn)).isEmpty();
            assertThat(bind.ptr(ip)).isEmpty();
            assertThat(bind.hasDhcid(fqdn)).isFalse();
        });
    }

    @Test
    @Order(1)
    void perfdhcpClientsWithOption81GetTheirNameIntoBind() throws Exception {
        String hex = HexFormat.of().formatHex(RelayClient.fqdn("perf").encode());
        Perfdhcp.Report r = Perfdhcp.run(20, 10, 2, "-o", "81," + hex);
        assertThat(r.acks()).as(r.output()).isPositive();
        // every perfdhcp client sends the same name: the first one owns it (check-with-dhcid)
        await("perf.example.org in BIND").untilAsserted(() -> {
            List<String> a = bind.a("perf.example.org.");
            assertThat(a).hasSize(1);
            assertThat(r.leases()).contains(a.get(0));
            assertThat(bind.ptr(a.get(0))).containsExactly("perf.example.org.");
            assertThat(bind.hasDhcid("perf.example.org.")).isTrue();
        });
    }

    @Test
    @Order(2)
    void distinctNamesAppearAndGoAwayOnRelease() throws Exception {
        List<RelayClient.Client> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(new RelayClient.Client(RelayClient.mac(1000 + i), RelayClient.fqdn("host-" + i), null));
        }
        Map<Integer, String> acked = relay().dora(clients);
        assertThat(acked).hasSize(20);
        for (var e : acked.entrySet()) {
            assertInDns("host-" + e.getKey() + ".example.org.", e.getValue());
        }
        for (int i = 0; i < 5; i++) {
            relay().release(clients.get(i), acked.get(i));
        }
        for (int i = 0; i < 5; i++) {
            assertGoneFromDns("host-" + i + ".example.org.", acked.get(i));
        }
        assertThat(bind.a("host-5.example.org.")).containsExactly(acked.get(5));
    }

    @Test
    @Order(3)
    void namesGoAwayWhenTheLeaseExpires() throws Exception {
        RelayClient.Client c = new RelayClient.Client(RelayClient.mac(2000), RelayClient.fqdn("short-lived"), 4L);
        String ip = relay().dora(c).get(0);
        assertThat(ip).isNotNull();
        assertInDns("short-lived.example.org.", ip);
        // 4 s lease, reclaimed within a second of expiry, then the remove NCR
        assertGoneFromDns("short-lived.example.org.", ip);
        JsonNode lease = suite.command("lease4-get", "{\"ip-address\": \"" + ip + "\"}");
        assertThat(lease.get("result").asInt()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void aSecondClientCannotTakeANameUnderCheckWithDhcid() throws Exception {
        String owner = relay().dora(new RelayClient.Client(RelayClient.mac(3000), RelayClient.fqdn("shared"), null)).get(0);
        assertInDns("shared.example.org.", owner);
        long sentBefore = d2Statistic("update-sent");
        String thief = relay().dora(new RelayClient.Client(RelayClient.mac(3001), RelayClient.fqdn("shared"), null)).get(0);
        assertThat(thief).isNotNull().isNotEqualTo(owner);
        // D2's add: step 1 (name must not exist) gets YXDOMAIN, step 2 (DHCID must match) NXRRSET, so
        // the transaction fails before the reverse step: no A record and no PTR for the thief
        await("D2 tried both forward steps").untilAsserted(() ->
                assertThat(d2Statistic("update-sent")).isGreaterThanOrEqualTo(sentBefore + 2));
        await("D2 idle").untilAsserted(() -> assertThat(suite.command("d2", "status-get", null)
                .path("arguments").path("transactions-in-progress").asInt()).isZero());
        assertThat(bind.a("shared.example.org.")).containsExactly(owner);
        assertThat(bind.ptr(thief)).isEmpty();
    }

    @Test
    @Order(5)
    void leaseCommandsResendAndDeleteWithDdns() throws Exception {
        RelayClient.Client c = new RelayClient.Client(RelayClient.mac(4000), RelayClient.fqdn("cmd"), null);
        String ip = relay().dora(c).get(0);
        assertInDns("cmd.example.org.", ip);
        JsonNode resend = suite.command("lease4-resend-ddns", "{\"ip-address\": \"" + ip + "\"}");
        assertThat(resend.get("result").asInt()).isZero();
        assertThat(resend.get("text").asString()).isEqualTo("NCR generated for: " + ip + ", hostname: cmd.example.org.");
        assertThat(suite.command("lease4-resend-ddns", "{\"ip-address\": \"198.18.250.250\"}").get("result").asInt())
                .isEqualTo(3);
        JsonNode del = suite.command("lease4-del", "{\"ip-address\": \"" + ip + "\", \"update-ddns\": true}");
        assertThat(del.get("result").asInt()).as(del.toString()).isZero();
        assertGoneFromDns("cmd.example.org.", ip);
        // ddns-service answers as D2 through the gateway's "d2" service
        assertThat(d2Statistic("ncr-received")).isPositive();
        assertThat(suite.command("d2", "status-get", null).get("result").asInt()).isZero();
    }

    private long d2Statistic(String name) throws Exception {
        JsonNode answer = suite.command("d2", "statistic-get", "{\"name\": \"" + name + "\"}");
        JsonNode samples = answer.path("arguments").path(name);
        return samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0;
    }

    /** DORAs with distinct FQDNs, timed from the first DISCOVER until every A record is in BIND. */
    @Test
    @Order(6)
    void measuresTheUpdateRateIntoBind() throws Exception {
        int total = 600;
        int batch = 100;
        Map<String, String> names = new java.util.HashMap<>();
        Set<String> missing = new HashSet<>();
        long t0 = System.nanoTime();
        int acked = 0;
        for (int from = 0; from < total; from += batch) {
            List<RelayClient.Client> clients = new ArrayList<>();
            for (int i = from; i < from + batch; i++) {
                clients.add(new RelayClient.Client(RelayClient.mac(10_000 + i), RelayClient.fqdn("rate-" + i), null));
            }
            Map<Integer, String> got = relay().dora(clients);
            int base = from;
            got.forEach((i, ip) -> names.put("rate-" + (base + i) + ".example.org.", ip));
            acked += got.size();
        }
        long doraNanos = System.nanoTime() - t0;
        missing.addAll(names.keySet());
        Awaitility.await("all " + total + " names in BIND").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> {
                    missing.removeIf(n -> {
                        try {
                            // the reverse step runs after the forward one: a PTR means both are in
                            return !bind.a(n).isEmpty() && !bind.ptr(names.get(n)).isEmpty();
                        } catch (Exception e) {
                            return false;
                        }
                    });
                    return missing.isEmpty();
                });
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = total / seconds;
        String line = String.format("DDNS end to end: %d DORAs with FQDN (%d ACKed in %.2f s) -> %d A+PTR+DHCID in BIND"
                + " after %.2f s = %.0f updates/s (TSIG hmac-sha256, check-with-dhcid)%n",
                total, acked, doraNanos / 1e9, total, seconds, rate);
        System.out.print(line);
        Files.writeString(Suite.ROOT.resolve("e2e-tests/target/ddns-e2e-rate.txt"), line);
        assertThat(acked).isEqualTo(total);
    }
}
