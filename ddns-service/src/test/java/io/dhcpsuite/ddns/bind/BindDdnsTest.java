package io.dhcpsuite.ddns.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.Dhcid;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.d2.D2Config;
import io.dhcpsuite.config.d2.D2ConfigParser;
import io.dhcpsuite.ddns.dns.D2Stats;
import io.dhcpsuite.ddns.dns.DnsjavaUpdateSender;
import io.dhcpsuite.ddns.ncr.NcrReceiver;
import io.dhcpsuite.ddns.ncr.NcrUdpListener;
import io.dhcpsuite.ddns.queue.UpdateManager;
import io.dhcpsuite.ddns.transaction.NameChangeTransaction;
import io.dhcpsuite.ddns.transaction.Outcome;
import io.dhcpsuite.ddns.transaction.TransactionFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import tools.jackson.databind.json.JsonMapper;

/** ddns-service against a real BIND 9: NCRs in, zone contents checked with dnsjava queries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BindDdnsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    static Path dir;
    private Bind9 bind;

    @BeforeAll
    void startBind() throws Exception {
        assumeTrue(Bind9.installed(), "BIND 9 (" + Bind9.NAMED + ") is not installed: apt-get install bind9");
        bind = new Bind9(dir);
        bind.start();
    }

    @AfterAll
    void stopBind() throws Exception {
        if (bind != null) {
            bind.close();
        }
    }

    /** A D2 configuration for this BIND; {@code secret} lets a test use a wrong key. */
    private D2Config config(String secret, String fwdServers, int timeoutMs) {
        String json = """
                {"DhcpDdns": {
                  "dns-server-timeout": %d,
                  "tsig-keys": [{"name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%s"}],
                  "forward-ddns": {"ddns-domains": [
                    {"name": "example.org.", "key-name": "ddns-key", "dns-servers": [%s]},
                    {"name": "open.test.", "dns-servers": [{"ip-address": "127.0.0.1", "port": %d}]}]},
                  "reverse-ddns": {"ddns-domains": [
                    {"name": "18.198.in-addr.arpa.", "key-name": "ddns-key",
                     "dns-servers": [{"ip-address": "127.0.0.1", "port": %d}]},
                    {"name": "19.198.in-addr.arpa.", "dns-servers": [{"ip-address": "127.0.0.1", "port": %d}]}]}
                }}""".formatted(timeoutMs, secret, fwdServers, bind.port, bind.port, bind.port);
        return D2ConfigParser.fromDocument(JSON.readTree(json));
    }

    private D2Config config() {
        return config(bind.secret, "{\"ip-address\": \"127.0.0.1\", \"port\": " + bind.port + "}", 500);
    }

    private static Ncr ncr(boolean add, String fqdn, String ip, int client, long ttl, ConflictResolutionMode mode) {
        byte[] dhcid = Dhcid.fromHwAddress(1, new byte[] {0, 0x0c, 0x29, 0, 0, (byte) client}, fqdn);
        Instant expires = Instant.now().plusSeconds(ttl * 3);
        return add ? Ncr.add(true, true, fqdn, ip, dhcid, expires, ttl, mode)
                : Ncr.remove(true, true, fqdn, ip, dhcid, expires, ttl, mode);
    }

    private Outcome apply(D2Config config, Statistics stats, Ncr ncr) {
        TransactionFactory factory = new TransactionFactory(config,
                new DnsjavaUpdateSender(Duration.ofMillis(config.dnsServerTimeout()), stats));
        NameChangeTransaction tx = factory.create(ncr);
        assertThat(tx).as("transaction for %s", ncr).isNotNull();
        return tx.run();
    }

    private Outcome apply(Ncr ncr) {
        return apply(config(), new Statistics(), ncr);
    }

    private List<String> a(String name) throws Exception {
        return bind.records(name, Type.A).stream().map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    private List<String> ptr(String name) throws Exception {
        return bind.records(name, Type.PTR).stream().map(r -> ((PTRRecord) r).getTarget().toString()).toList();
    }

    private List<String> dhcid(String name) throws Exception {
        return bind.records(name, Type.DHCID).stream()
                .map(r -> HexFormat.of().withUpperCase().formatHex(((DHCIDRecord) r).getData())).toList();
    }

    @Test
    void addCreatesAddressDhcidAndPointerWithTheNcrTtl() throws Exception {
        Ncr ncr = ncr(true, "laptop1.example.org", "198.18.0.10", 1, 1200, ConflictResolutionMode.CHECK_WITH_DHCID);
        Statistics stats = new Statistics();

        Outcome outcome = apply(config(), stats, ncr);

        assertThat(outcome.ok()).as(outcome.reason()).isTrue();
        assertThat(a("laptop1.example.org.")).containsExactly("198.18.0.10");
        assertThat(dhcid("laptop1.example.org.")).containsExactly(ncr.dhcid());
        assertThat(ptr("10.0.18.198.in-addr.arpa.")).containsExactly("laptop1.example.org.");
        assertThat(dhcid("10.0.18.198.in-addr.arpa.")).containsExactly(ncr.dhcid());
        assertThat(bind.records("laptop1.example.org.", Type.A)).extracting(Record::getTTL).containsExactly(1200L);
        assertThat(stats.value(D2Stats.UPDATE_SENT)).isEqualTo(2);
        assertThat(stats.value(D2Stats.UPDATE_SIGNED)).isEqualTo(2);
        assertThat(stats.value(D2Stats.UPDATE_SUCCESS)).isEqualTo(2);
        assertThat(stats.value(D2Stats.key("ddns-key", "update-success"))).isEqualTo(2);
    }

    @Test
    void removeDeletesAddressDhcidAndPointer() throws Exception {
        Ncr add = ncr(true, "laptop2.example.org", "198.18.0.11", 2, 600, ConflictResolutionMode.CHECK_WITH_DHCID);
        assertThat(apply(add).ok()).isTrue();
        assertThat(a("laptop2.example.org.")).containsExactly("198.18.0.11");

        Outcome outcome = apply(ncr(false, "laptop2.example.org", "198.18.0.11", 2, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID));

        assertThat(outcome.ok()).as(outcome.reason()).isTrue();
        assertThat(a("laptop2.example.org.")).isEmpty();
        assertThat(dhcid("laptop2.example.org.")).isEmpty();
        assertThat(ptr("11.0.18.198.in-addr.arpa.")).isEmpty();
        assertThat(dhcid("11.0.18.198.in-addr.arpa.")).isEmpty();
    }

    @Test
    void sameClientMovingToAnotherAddressReplacesItsRecord() throws Exception {
        assertThat(apply(ncr(true, "mover.example.org", "198.18.0.30", 3, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID)).ok()).isTrue();

        Outcome outcome = apply(ncr(true, "mover.example.org", "198.18.0.31", 3, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID));

        assertThat(outcome.ok()).as(outcome.reason()).isTrue();
        assertThat(a("mover.example.org.")).containsExactly("198.18.0.31");
        assertThat(ptr("31.0.18.198.in-addr.arpa.")).containsExactly("mover.example.org.");
    }

    @Test
    void secondClientIsRefusedTheNameUnderCheckWithDhcid() throws Exception {
        Ncr first = ncr(true, "shared.example.org", "198.18.0.20", 4, 600, ConflictResolutionMode.CHECK_WITH_DHCID);
        assertThat(apply(first).ok()).isTrue();

        Outcome outcome = apply(ncr(true, "shared.example.org", "198.18.0.21", 5, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.reason()).contains("REPLACE_FWD").contains("NXRRSET");
        assertThat(a("shared.example.org.")).containsExactly("198.18.0.20");
        assertThat(dhcid("shared.example.org.")).containsExactly(first.dhcid());
        assertThat(ptr("21.0.18.198.in-addr.arpa.")).as("no reverse after a failed forward").isEmpty();
    }

    @Test
    void secondClientTakesTheNameUnderNoCheckWithoutDhcid() throws Exception {
        Ncr first = ncr(true, "taken.example.org", "198.18.0.40", 6, 600, ConflictResolutionMode.CHECK_WITH_DHCID);
        assertThat(apply(first).ok()).isTrue();

        Outcome outcome = apply(ncr(true, "taken.example.org", "198.18.0.41", 7, 600,
                ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID));

        assertThat(outcome.ok()).as(outcome.reason()).isTrue();
        assertThat(a("taken.example.org.")).containsExactly("198.18.0.41");
        assertThat(dhcid("taken.example.org.")).as("no-check-without-dhcid leaves DHCIDs alone")
                .containsExactly(first.dhcid());
        assertThat(ptr("41.0.18.198.in-addr.arpa.")).containsExactly("taken.example.org.");
        assertThat(dhcid("41.0.18.198.in-addr.arpa.")).isEmpty();
    }

    @Test
    void secondClientTakesTheNameUnderCheckExistsWithDhcidAndUnderNoCheckWithDhcid() throws Exception {
        assertThat(apply(ncr(true, "dhcp-owned.example.org", "198.18.0.50", 8, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID)).ok()).isTrue();
        Ncr second = ncr(true, "dhcp-owned.example.org", "198.18.0.51", 9, 600,
                ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID);

        assertThat(apply(second).ok()).isTrue();
        assertThat(a("dhcp-owned.example.org.")).containsExactly("198.18.0.51");
        assertThat(dhcid("dhcp-owned.example.org.")).containsExactly(second.dhcid());

        Ncr third = ncr(true, "dhcp-owned.example.org", "198.18.0.52", 10, 600,
                ConflictResolutionMode.NO_CHECK_WITH_DHCID);
        assertThat(apply(third).ok()).isTrue();
        assertThat(a("dhcp-owned.example.org.")).containsExactly("198.18.0.52");
        assertThat(dhcid("dhcp-owned.example.org.")).containsExactly(third.dhcid());
    }

    @Test
    void removeByAnotherClientLeavesTheOwnersRecords() throws Exception {
        assertThat(apply(ncr(true, "owned.example.org", "198.18.0.60", 11, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID)).ok()).isTrue();

        apply(ncr(false, "owned.example.org", "198.18.0.60", 12, 600, ConflictResolutionMode.CHECK_WITH_DHCID));

        assertThat(a("owned.example.org.")).containsExactly("198.18.0.60");
    }

    @Test
    void wrongTsigKeyFailsAndIsCounted() throws Exception {
        byte[] wrong = new byte[32];
        D2Config config = config(java.util.Base64.getEncoder().encodeToString(wrong),
                "{\"ip-address\": \"127.0.0.1\", \"port\": " + bind.port + "}", 500);
        Statistics stats = new Statistics();

        Outcome outcome = apply(config, stats, ncr(true, "badkey.example.org", "198.18.0.70", 13, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.reason()).contains("INVALID_RESPONSE").contains("TSIG");
        assertThat(a("badkey.example.org.")).isEmpty();
        assertThat(stats.value(D2Stats.UPDATE_SENT)).isEqualTo(3);
        assertThat(stats.value(D2Stats.UPDATE_ERROR)).isEqualTo(3);
        assertThat(stats.value(D2Stats.UPDATE_SUCCESS)).isZero();
        assertThat(stats.value(D2Stats.key("ddns-key", "update-error"))).isEqualTo(3);
        assertThat(stats.value(D2Stats.key("ddns-key", "update-sent"))).isEqualTo(3);
    }

    @Test
    void unreachableFirstServerFailsOverToTheSecond() throws Exception {
        int closed = Bind9.freePort();
        D2Config config = config(bind.secret, "{\"ip-address\": \"127.0.0.1\", \"port\": " + closed + "},"
                + "{\"ip-address\": \"127.0.0.1\", \"port\": " + bind.port + "}", 200);
        Statistics stats = new Statistics();

        Outcome outcome = apply(config, stats, ncr(true, "failover.example.org", "198.18.0.80", 14, 600,
                ConflictResolutionMode.CHECK_WITH_DHCID));

        assertThat(outcome.ok()).as(outcome.reason()).isTrue();
        assertThat(a("failover.example.org.")).containsExactly("198.18.0.80");
        assertThat(stats.value(D2Stats.UPDATE_TIMEOUT) + stats.value(D2Stats.UPDATE_ERROR))
                .as("three failed tries on the closed port").isEqualTo(3);
        assertThat(stats.value(D2Stats.UPDATE_SUCCESS)).isEqualTo(2);
    }

    @Test
    void ncrsOverUdpWithTheTwoByteLengthAreApplied() throws Exception {
        Statistics stats = new Statistics();
        D2Config config = config();
        TransactionFactory factory = new TransactionFactory(config,
                new DnsjavaUpdateSender(Duration.ofMillis(500), stats));
        try (UpdateManager manager = new UpdateManager(1024, 32, factory::create, stats);
             NcrUdpListener listener = new NcrUdpListener("127.0.0.1", Bind9.freePort(),
                     new NcrReceiver(manager, stats));
             DatagramSocket client = new DatagramSocket()) {
            listener.start();
            InetAddress lo = InetAddress.getLoopbackAddress();
            Ncr add = ncr(true, "udp-client.example.org", "198.18.0.90", 15, 900, ConflictResolutionMode.CHECK_WITH_DHCID);
            byte[] datagram = NcrCodec.toDatagram(add);
            client.send(new DatagramPacket(datagram, datagram.length, lo, listener.port()));
            byte[] garbage = {0, 5, '{', '"', 'x'};
            client.send(new DatagramPacket(garbage, garbage.length, lo, listener.port()));

            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> a("udp-client.example.org.").equals(List.of("198.18.0.90")));
            assertThat(ptr("90.0.18.198.in-addr.arpa.")).containsExactly("udp-client.example.org.");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stats.value(D2Stats.NCR_INVALID) == 1);
            assertThat(stats.value(D2Stats.NCR_RECEIVED)).isEqualTo(1);

            Ncr remove = ncr(false, "udp-client.example.org", "198.18.0.90", 15, 900,
                    ConflictResolutionMode.CHECK_WITH_DHCID);
            datagram = NcrCodec.toDatagram(remove);
            client.send(new DatagramPacket(datagram, datagram.length, lo, listener.port()));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a("udp-client.example.org.").isEmpty());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ptr("90.0.18.198.in-addr.arpa.").isEmpty());
        }
    }

    @Test
    void measuresTheUpdateRateWithAndWithoutTsig() throws Exception {
        int n = Integer.getInteger("ddns.bench.ncrs", 500);
        rate(200, "example.org", "198.18", 3, 600); // warm-up: JIT, BIND's zone journals
        rate(200, "open.test", "198.19", 4, 600);
        // Alternating rounds, best of two: the host is shared with other builds, so one round can be unlucky.
        double signed1 = rate(n, "example.org", "198.18", 1, 0);
        double unsigned1 = rate(n, "open.test", "198.19", 2, 0);
        double signed2 = rate(n, "example.org", "198.18", 5, 0);
        double unsigned2 = rate(n, "open.test", "198.19", 6, 0);
        double signed = Math.max(signed1, signed2);
        double unsigned = Math.max(unsigned1, unsigned2);
        String report = String.format(java.util.Locale.ROOT,
                "ddns-service -> %s: %d NCR adds per round (forward A+DHCID and reverse PTR+DHCID,"
                        + " check-with-dhcid), 32 transactions in parallel, best of 2 rounds:%n"
                        + "  with TSIG (HMAC-SHA256): %.0f NCRs/s (%.0f updates/s; rounds %.0f, %.0f)%n"
                        + "  without TSIG:           %.0f NCRs/s (%.0f updates/s; rounds %.0f, %.0f)%n",
                bind.log().lines().filter(l -> l.contains("starting BIND")).findFirst().orElse("named").trim()
                        .replaceAll("^.*starting ", "").replaceAll(" <id:.*$", ""), n,
                signed, signed * 2, signed1, signed2, unsigned, unsigned * 2, unsigned1, unsigned2);
        System.out.print(report);
        Files.writeString(Path.of("target", "ddns-bind-rate.txt"), report);
        assertThat(signed).isPositive();
        assertThat(unsigned).isPositive();
    }

    /** NCR adds per second for {@code n} distinct clients into one zone pair, all submitted at once. */
    private double rate(int n, String zone, String net, int salt, int offset) throws Exception {
        Statistics stats = new Statistics();
        TransactionFactory factory = new TransactionFactory(config(), new DnsjavaUpdateSender(Duration.ofMillis(2000), stats));
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        try (UpdateManager manager = new UpdateManager(n, 32, factory::create, stats)) {
            manager.setListener((ncr, o) -> outcomes.add(o));
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int host = i + offset;
                String ip = net + "." + (1 + host / 250) + "." + (1 + host % 250);
                Ncr ncr = ncr(true, "bench" + salt + "-" + i + "." + zone, ip, i, 600,
                        ConflictResolutionMode.CHECK_WITH_DHCID);
                assertThat(manager.submit(ncr)).isTrue();
            }
            assertThat(manager.awaitIdle(Duration.ofMinutes(2))).isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == n);
            assertThat(outcomes).allSatisfy(o -> assertThat(o.ok()).as(o.reason()).isTrue());
            return n / seconds;
        }
    }
}
