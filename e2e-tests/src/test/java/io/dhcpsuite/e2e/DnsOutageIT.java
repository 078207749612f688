package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.ddns.bind.Bind9;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The DNS server goes away under load: the suite with DDNS to a real BIND 9 on loopback, every
 * lease a name of its own ({@code ddns-replace-client-name: always}), perfdhcp at 100 DORA/s for
 * 30 s, and named stopped 10 s into the run and started again 10 s later. DHCP does not wait for
 * DNS: every DORA is answered at the offered rate. ddns-service behaves as Kea's D2: an update
 * that gets no answer fails its transaction, which is counted ({@code update-timeout},
 * {@code update-error}) and not retried later; NCRs beyond the queue bound are dropped and counted
 * ({@code queue-mgr-queue-full}); once named is back, new updates succeed.
 */
class DnsOutageIT {
    static final int RATE = 100;
    static final int SECONDS = 30;
    static final Duration BEFORE_STOP = Duration.ofSeconds(10);
    static final Duration OUTAGE = Duration.ofSeconds(10);
    static final List<String> D2_STATS = List.of("ncr-received", "update-sent", "update-success",
            "update-timeout", "update-error", "queue-mgr-queue-full");
    @TempDir
    static Path dir;
    @TempDir
    static Path bindDir;
    static Bind9 bind;
    static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Bind9.installed(), "BIND 9 is missing: apt-get install bind9");
        bind = new Bind9(bindDir);
        bind.start();
        Path config = dir.resolve("ddns-outage.json");
        Files.writeString(config, """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%1$s/leases4.csv" },
                    "valid-lifetime": 4000,
                    "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": 53001 },
                    "ddns-send-updates": true,
                    "ddns-replace-client-name": "always",
                    "ddns-generated-prefix": "dyn",
                    "ddns-qualifying-suffix": "example.org",
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/16",
                                   "pools": [ { "pool": "198.18.0.10 - 198.18.255.250" } ],
                                   "relay": { "ip-addresses": [ "127.0.0.1", "127.0.0.3" ] } } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "stdout" } ] } ]
                  },
                  "DhcpDdns": {
                    "ip-address": "127.0.0.1", "port": 53001, "dns-server-timeout": 500,
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
    static void stop() throws Exception {
        try {
            if (suite != null) {
                suite.close();
            }
        } finally {
            if (bind != null) {
                bind.close();
            }
        }
    }

    @Test
    void dhcpIsUnaffectedWhileNamedIsDownAndUpdatesSucceedOnceItIsBack() throws Exception {
        // a name of the generated kind reaches BIND before the fault
        String first = doraFrom127003(1);
        awaitName(first, Duration.ofSeconds(20));

        Map<String, Long> before = d2Stats();
        CompletableFuture<Perfdhcp.Report> load = Perfdhcp.runAsync(RATE, 1_000_000, SECONDS);
        Thread.sleep(BEFORE_STOP.toMillis());
        Map<String, Long> atStop;
        Map<String, Long> atRestart;
        long acksAtStop = suite.statistic("pkt4-ack-sent");
        long acksAtRestart;
        bind.stop();
        try {
            atStop = d2Stats();
            Thread.sleep(OUTAGE.toMillis());
            atRestart = d2Stats();
            acksAtRestart = suite.statistic("pkt4-ack-sent");
        } finally {
            bind.restart();
        }
        Perfdhcp.Report run = load.get();
        // D2 empties its queue: every queued NCR is done, one way or the other
        Awaitility.await("ddns-service idle").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().untilAsserted(() -> assertThat(suite.command("d2", "status-get", null)
                        .path("arguments").path("transactions-in-progress").asInt()).isZero());
        Map<String, Long> after = d2Stats();

        // a new lease after named's return: its update succeeds
        String fresh = doraFrom127003(2);
        long resumed = System.nanoTime();
        awaitName(fresh, Duration.ofSeconds(20));
        long nameMillis = (System.nanoTime() - resumed) / 1_000_000;

        int named = 0;
        for (String ip : run.leases()) {
            if (!bind.ptr(ip).isEmpty()) {
                named++;
            }
        }
        long failedDuringOutage = (atRestart.get("update-timeout") - atStop.get("update-timeout"))
                + (atRestart.get("update-error") - atStop.get("update-error"));
        Map<String, Long> delta = new LinkedHashMap<>();
        D2_STATS.forEach(s -> delta.put(s, after.get(s) - before.get(s)));

        assertThat(run.acks()).as("every DORA answered while named was down\n" + run.output())
                .isEqualTo(run.discoversSent());
        assertThat(run.discoversSent()).as("the offered rate held").isGreaterThanOrEqualTo((long) (RATE * SECONDS * 0.95));
        assertThat(acksAtRestart - acksAtStop).as("ACKs during the outage").isGreaterThanOrEqualTo((long) (RATE * 8));
        assertThat(delta.get("ncr-received")).as("an NCR for each new lease reached ddns-service")
                .isGreaterThanOrEqualTo(run.acks() - delta.get("queue-mgr-queue-full"));
        assertThat(failedDuringOutage).as("updates that failed while named was down, counted").isPositive();
        assertThat(delta.get("update-success")).as("updates that succeeded before and after").isPositive();
        System.out.printf("FAULT named stopped %d s under %d DORA/s with DDNS: %d DISCOVERs, %d ACKs (%d while named"
                        + " was down); D2 %s; %d of %d ACKed leases have their PTR; a new lease's name in BIND %d ms"
                        + " after its DORA%n", OUTAGE.toSeconds(), RATE, run.discoversSent(), run.acks(),
                acksAtRestart - acksAtStop, delta, named, run.leases().size(), nameMillis);
    }

    /** One DORA through a second relay (127.0.0.3) so as not to share perfdhcp's port; the address. */
    private static String doraFrom127003(int n) throws Exception {
        try (RelayClient relay = new RelayClient(Perfdhcp.SERVER, "127.0.0.3")) {
            String ip = relay.dora(new RelayClient.Client(RelayClient.mac(0x5500 + n), null, null)).get(0);
            assertThat(ip).isNotNull();
            return ip;
        }
    }

    private static void awaitName(String ip, Duration within) {
        String fqdn = "dyn-" + ip.replace('.', '-') + ".example.org.";
        Awaitility.await(fqdn + " in BIND").atMost(within).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(bind.a(fqdn)).containsExactly(ip);
                    assertThat(bind.ptr(ip)).containsExactly(fqdn);
                });
    }

    private static Map<String, Long> d2Stats() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : D2_STATS) {
            JsonNode answer = suite.command("d2", "statistic-get", "{\"name\": \"" + name + "\"}");
            JsonNode samples = answer.path("arguments").path(name);
            out.put(name, samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0);
        }
        return out;
    }
}
