package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.codec.ClientFqdn6;
import io.dhcpsuite.codec.Dhcp6Decoder;
import io.dhcpsuite.codec.Dhcp6Encoder;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.IaAddress;
import io.dhcpsuite.codec.IaNa;
import io.dhcpsuite.ddns.bind.Bind9;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 * DNS updates for DHCPv6 against a real BIND 9: the suite started by dhcpctl with Dhcp6 on
 * "lo/::1" (updates on, suffix example.org, check-with-dhcid) and DhcpDdns sending TSIG-signed
 * updates to named, which serves example.org and the ip6.arpa zone of 2001:db8::/32. Clients:
 * perfdhcp -6 with option 39 added ({@code -o 39,HEX}), and a client made here from the codec at
 * [::1]:546 that solicits, requests, renews and releases, so each step's effect on the zones is
 * checked in turn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ddns6EndToEndIT {
    @TempDir
    static Path dir;
    /** Apart from {@code dir}: chowned to bind, which must reach it. */
    @TempDir
    static Path bindDir;
    private Bind9 bind;
    private Suite suite;

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
        Path config = dir.resolve("ddns6.json");
        Files.writeString(config, """
                {
                  "Dhcp4": { "interfaces-config": { "interfaces": [ ] },
                             "lease-database": { "type": "memfile", "name": "%1$s/leases4.csv" } },
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "name": "%1$s/leases6.csv" },
                    "data-directory": "%1$s",
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": 53001 },
                    "ddns-qualifying-suffix": "example.org",
                    "ddns-use-conflict-resolution": true,
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                                   "pools": [ { "pool": "2001:db8:1::/80" } ] } ]
                  },
                  "DhcpDdns": {
                    "ip-address": "127.0.0.1", "port": 53001, "dns-server-timeout": 1000,
                    "tsig-keys": [ { "name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%2$s" } ],
                    "forward-ddns": { "ddns-domains": [ { "name": "example.org.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %3$d } ] } ] },
                    "reverse-ddns": { "ddns-domains": [ { "name": "%4$s.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %3$d } ] } ] }
                  }
                }
                """.formatted(dir.toAbsolutePath(), bind.secret, bind.port, Bind9.REVERSE6));
        suite = Suite.start(config, dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    private static boolean sameAddress(String a, String b) throws Exception {
        return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    }

    private void assertInDns(String fqdn, String ip) {
        await(fqdn + " -> " + ip + " in BIND").untilAsserted(() -> {
            List<String> aaaa = bind.aaaa(fqdn);
            assertThat(aaaa).hasSize(1);
            assertThat(sameAddress(aaaa.get(0), ip)).as(aaaa + " vs " + ip).isTrue();
            assertThat(bind.ptr(ip)).containsExactly(fqdn);
            assertThat(bind.hasDhcid(fqdn)).isTrue();
        });
    }

    private void assertGoneFromDns(String fqdn, String ip) {
        await(fqdn + " / " + ip + " gone from BIND").untilAsserted(() -> {
            assertThat(bind.aaaa(fqdn)).isEmpty();
            assertThat(bind.ptr(ip)).isEmpty();
            assertThat(bind.hasDhcid(fqdn)).isFalse();
        });
    }

    @Test
    @Order(1)
    void perfdhcpClientWithOption39GetsAaaaAndPtr() throws Exception {
        String hex = HexFormat.of().formatHex(new ClientFqdn6(true, false, false, "perf6", false).encode());
        List<String> cmd = List.of("perfdhcp", "-6", "-l", "lo", "-r", "1", "-n", "1", "-R", "1", "-W", "2000000",
                "-b", "duid=000100010000000077000000000001", "-o", "39," + hex, "::1");
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(60));
        assertThat(r.output()).contains("received packets: 1");
        JsonNode got = suite.command("dhcp6", "lease6-get-by-hostname", "{\"hostname\": \"perf6.example.org.\"}");
        assertThat(got.path("result").asInt()).as(got.toString()).isZero();
        JsonNode lease = got.path("arguments").path("leases").get(0);
        assertThat(lease.path("fqdn-fwd").asBoolean()).isTrue();
        assertThat(lease.path("fqdn-rev").asBoolean()).isTrue();
        assertInDns("perf6.example.org.", lease.path("ip-address").asText());
    }

    @Test
    @Order(2)
    void aClientsNameFollowsItsLeaseThroughRenewAndRelease() throws Exception {
        try (Client c = new Client(Duid.ll(1, new byte[] {0x02, 0, 0, 0, 0x60, 0x01}))) {
            ClientFqdn6 fqdn = new ClientFqdn6(true, false, false, "laptop6", false);
            Dhcp6Message advertise = c.exchange(Dhcp6MessageType.SOLICIT, null, null, fqdn);
            assertThat(advertise.messageType()).isEqualTo(Dhcp6MessageType.ADVERTISE);
            // RFC 4704: the server will do the AAAA update (S=1) and has completed the partial name
            assertThat(advertise.clientFqdn()).isEqualTo(new ClientFqdn6(true, false, false, "laptop6.example.org", true));
            String address = advertise.iaNa().get(0).addresses().get(0).address().getHostAddress();
            // an ADVERTISE changes nothing in DNS
            assertThat(bind.aaaa("laptop6.example.org.")).isEmpty();

            Dhcp6Message reply = c.exchange(Dhcp6MessageType.REQUEST, advertise.serverId(), address, fqdn);
            assertThat(reply.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
            assertThat(reply.clientFqdn().fqdnText()).isEqualTo("laptop6.example.org.");
            assertInDns("laptop6.example.org.", address);

            // the client renames itself on RENEW: the old name goes, the new one comes
            ClientFqdn6 renamed = new ClientFqdn6(true, false, false, "desk6.example.org", true);
            Dhcp6Message renewed = c.exchange(Dhcp6MessageType.RENEW, advertise.serverId(), address, renamed);
            assertThat(renewed.iaNa().get(0).addresses()).isNotEmpty();
            assertInDns("desk6.example.org.", address);
            assertThat(bind.aaaa("laptop6.example.org.")).isEmpty();

            c.exchange(Dhcp6MessageType.RELEASE, advertise.serverId(), address, null);
            assertGoneFromDns("desk6.example.org.", address);
        }
    }

    @Test
    @Order(3)
    void anEmptyNameGetsAGeneratedOneAndASecondClientCannotTakeAName() throws Exception {
        try (Client c = new Client(Duid.ll(1, new byte[] {0x02, 0, 0, 0, 0x60, 0x02}))) {
            Dhcp6Message advertise = c.exchange(Dhcp6MessageType.SOLICIT, null, null,
                    new ClientFqdn6(true, false, false, "", false));
            String address = advertise.iaNa().get(0).addresses().get(0).address().getHostAddress();
            Dhcp6Message reply = c.exchange(Dhcp6MessageType.REQUEST, advertise.serverId(), address,
                    new ClientFqdn6(true, false, false, "", false));
            // Kea's generated name: ddns-generated-prefix, the address with dashes, the suffix
            String generated = "myhost-" + normalized(address).replace(':', '-') + ".example.org.";
            assertThat(reply.clientFqdn().fqdnText()).isEqualTo(generated);
            assertInDns(generated, address);
        }
        // another DUID asking for perf6 (owned by perfdhcp's client): check-with-dhcid keeps it
        try (Client other = new Client(Duid.ll(1, new byte[] {0x02, 0, 0, 0, 0x60, 0x03}))) {
            ClientFqdn6 fqdn = new ClientFqdn6(true, false, false, "perf6", false);
            Dhcp6Message advertise = other.exchange(Dhcp6MessageType.SOLICIT, null, null, fqdn);
            String address = advertise.iaNa().get(0).addresses().get(0).address().getHostAddress();
            long sentBefore = d2Statistic("update-sent");
            other.exchange(Dhcp6MessageType.REQUEST, advertise.serverId(), address, fqdn);
            // D2's add: the name exists (YXDOMAIN), and its DHCID is not this client's (NXRRSET)
            await("D2 tried both forward steps").untilAsserted(() ->
                    assertThat(d2Statistic("update-sent")).isGreaterThanOrEqualTo(sentBefore + 2));
            await("D2 idle").untilAsserted(() -> assertThat(suite.command("d2", "status-get", null)
                    .path("arguments").path("transactions-in-progress").asInt()).isZero());
            List<String> aaaa = bind.aaaa("perf6.example.org.");
            assertThat(aaaa).hasSize(1);
            assertThat(sameAddress(aaaa.get(0), address)).isFalse();
            assertThat(bind.ptr(address)).isEmpty();
        }
    }

    @Test
    @Order(4)
    void leaseCommandsResendAndDeleteWithDdns() throws Exception {
        JsonNode got = suite.command("dhcp6", "lease6-get-by-hostname", "{\"hostname\": \"perf6.example.org.\"}");
        String ip = got.path("arguments").path("leases").get(0).path("ip-address").asText();
        JsonNode resend = suite.command("dhcp6", "lease6-resend-ddns", "{\"ip-address\": \"" + ip + "\"}");
        assertThat(resend.get("result").asInt()).as(resend.toString()).isZero();
        assertThat(resend.get("text").asString()).isEqualTo("NCR generated for: " + ip + ", hostname: perf6.example.org.");
        JsonNode del = suite.command("dhcp6", "lease6-del", "{\"ip-address\": \"" + ip + "\", \"update-ddns\": true}");
        assertThat(del.get("result").asInt()).as(del.toString()).isZero();
        assertGoneFromDns("perf6.example.org.", ip);
    }

    private long d2Statistic(String name) throws Exception {
        JsonNode answer = suite.command("d2", "statistic-get", "{\"name\": \"" + name + "\"}");
        JsonNode samples = answer.path("arguments").path(name);
        return samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0;
    }

    private static String normalized(String address) throws Exception {
        return io.dhcpsuite.config.Prefix6.format(io.dhcpsuite.config.Prefix6.address(
                InetAddress.getByName(address).getHostAddress()));
    }

    /** A DHCPv6 client at [::1]:546 talking to the suite's "lo/::1" socket, one IA_NA (IAID 1). */
    private static final class Client implements AutoCloseable {
        private final DatagramSocket socket;
        private final Duid duid;

        Client(Duid duid) throws Exception {
            this.duid = duid;
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 546));
            socket.setSoTimeout(3000);
        }

        Dhcp6Message exchange(Dhcp6MessageType type, Duid server, String address, ClientFqdn6 fqdn) throws Exception {
            int xid = ThreadLocalRandom.current().nextInt(1 << 24);
            List<IaAddress> addresses = new ArrayList<>();
            if (address != null) {
                addresses.add(new IaAddress((java.net.Inet6Address) InetAddress.getByName(address), 0, 0));
            }
            Dhcp6Message.Builder b = Dhcp6Message.builder().type(type).transactionId(xid).clientId(duid)
                    .iaNa(IaNa.of(1, 0, 0, addresses, null));
            if (server != null) {
                b.serverId(server);
            }
            if (fqdn != null) {
                b.clientFqdn(fqdn);
            }
            byte[] out = Dhcp6Encoder.encode(b.build());
            for (int attempt = 0; attempt < 3; attempt++) {
                socket.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.getByName("::1"), 547)));
                byte[] buf = new byte[4096];
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    while (true) {
                        socket.receive(in);
                        Dhcp6Message m = Dhcp6Decoder.decode(buf, 0, in.getLength());
                        if (m.transactionId() == xid) {
                            return m;
                        }
                    }
                } catch (SocketTimeoutException retry) {
                    // UDP: send again
                }
            }
            throw new AssertionError(type + " got no answer");
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
