package io.dhcpsuite.dhcp.processing;

import static io.dhcpsuite.dhcp.processing.TestKit.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.api.ddns.Dhcid;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MalformedPacketException;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NCRs each lease event produces, read from a UDP socket standing in for ddns-service. */
class DdnsHandlerTest {
    private static final String RELAY = "192.0.2.2";
    private static final String MAC = "02:00:00:00:00:41";
    private DatagramSocket d2;
    private NcrSender sender;
    private Statistics stats;
    private TestKit kit;

    static String config(int port, String extra) {
        return """
                {"Dhcp4": {
                  "valid-lifetime": 3000,
                  "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d},
                  "ddns-qualifying-suffix": "example.org",
                  %s
                  "subnet4": [
                    {"id": 1, "subnet": "198.19.0.0/24", "relay": {"ip-addresses": ["192.0.2.2"]},
                     "ddns-ttl-percent": 0.5,
                     "pools": [{"pool": "198.19.0.10 - 198.19.0.99"},
                               {"pool": "198.19.0.100 - 198.19.0.199", "ddns-send-updates": false}]}
                  ]}}
                """.formatted(port, extra);
    }

    @BeforeEach
    void start() throws Exception {
        d2 = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        d2.setSoTimeout(3000);
        kit("");
    }

    private void kit(String extra) {
        if (sender != null) {
            sender.close();
        }
        stats = new Statistics();
        sender = new NcrSender(new InetSocketAddress("127.0.0.1", d2.getLocalPort()), null, 64, stats, "ncr-");
        kit = new TestKit(config(d2.getLocalPort(), extra), sender);
    }

    @AfterEach
    void stop() {
        sender.close();
        d2.close();
    }

    private Ncr receive() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
        d2.receive(p);
        return NcrCodec.fromDatagram(p.getData(), 0, p.getLength());
    }

    private void assertNoNcr() throws Exception {
        d2.setSoTimeout(300);
        try {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            d2.receive(p);
            throw new AssertionError("unexpected NCR " + new String(p.getData(), 2, p.getLength() - 2, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException expected) {
            d2.setSoTimeout(3000);
        }
    }

    private TestKit.Sent request(String address, ClientFqdn fqdn) {
        DhcpMessage.Builder b = query(MessageType.REQUEST, MAC, RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse(address));
        if (fqdn != null) {
            b.option(OptionCodes.CLIENT_FQDN, fqdn.encode());
        }
        return kit.send(b.build(), RELAY, 67);
    }

    private static ClientFqdn fqdn(String name) {
        return new ClientFqdn(true, false, true, false, 0, 0, name, false);
    }

    /** The fake lease-service answers the next ASSIGNED with {@code previous} as the client's old lease. */
    private void previousLease(Lease4 previous) {
        Function<LeaseOp4, LeaseResult4> base = kit.leases::allocate;
        kit.leases.answer = op -> {
            LeaseResult4 r = base.apply(op);
            return new LeaseResult4(r.id(), r.status(), r.lease(), true, null, previous);
        };
    }

    private static Lease4 lease(String ip, String hostname) {
        return new Lease4(ip, MAC, null, 1, null, 1_700_000_000L, 3000, true, true, hostname, 0, null);
    }

    @Test
    void newLeaseWithFqdnSendsAnAddAfterTheAck() throws Exception {
        TestKit.Sent r = request("198.19.0.20", fqdn("laptop"));
        ClientFqdn answer = ClientFqdn.decode(r.message().option(OptionCodes.CLIENT_FQDN));
        assertThat(answer.s()).isTrue();
        assertThat(answer.n()).isFalse();
        assertThat(answer.fqdnText()).isEqualTo("laptop.example.org.");
        Ncr add = receive();
        assertThat(add.isAdd()).isTrue();
        assertThat(add.fqdn()).isEqualTo("laptop.example.org.");
        assertThat(add.ipAddress()).isEqualTo("198.19.0.20");
        assertThat(add.forwardChange()).isTrue();
        assertThat(add.reverseChange()).isTrue();
        assertThat(add.leaseLength()).as("ddns-ttl-percent 0.5 of 3000").isEqualTo(1500);
        assertThat(add.dhcid()).isEqualTo(Dhcid.toHex(Dhcid.fromHwAddress(1, TestKit.mac(MAC), "laptop.example.org.")));
        assertThat(add.conflictResolutionMode()).isEqualTo("check-with-dhcid");
        // the sender counts after its write returns, which may be after the datagram arrived here
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(stats.value("ncr-sent")).isEqualTo(1));
    }

    @Test
    void discoverSendsNothing() throws Exception {
        kit.send(query(MessageType.DISCOVER, MAC, RELAY).option(OptionCodes.CLIENT_FQDN, fqdn("laptop").encode()).build(),
                RELAY, 67);
        assertNoNcr();
    }

    @Test
    void renewalWithTheSameNameSendsNothingUnlessUpdateOnRenew() throws Exception {
        previousLease(lease("198.19.0.20", "laptop.example.org."));
        request("198.19.0.20", fqdn("laptop"));
        assertNoNcr();
        kit("\"ddns-update-on-renew\": true,");
        previousLease(lease("198.19.0.20", "laptop.example.org."));
        request("198.19.0.20", fqdn("laptop"));
        Ncr add = receive();
        assertThat(add.isAdd()).isTrue();
        assertThat(add.fqdn()).isEqualTo("laptop.example.org.");
    }

    @Test
    void renewalWithANewNameRemovesTheOldThenAddsTheNew() throws Exception {
        previousLease(lease("198.19.0.20", "old.example.org."));
        request("198.19.0.20", fqdn("laptop"));
        Ncr remove = receive();
        Ncr add = receive();
        assertThat(remove.isAdd()).isFalse();
        assertThat(remove.fqdn()).isEqualTo("old.example.org.");
        assertThat(add.isAdd()).isTrue();
        assertThat(add.fqdn()).isEqualTo("laptop.example.org.");
    }

    @Test
    void clientDroppingItsNameOnRenewalOnlyRemoves() throws Exception {
        previousLease(lease("198.19.0.20", "old.example.org."));
        request("198.19.0.20", null);
        Ncr remove = receive();
        assertThat(remove.isAdd()).isFalse();
        assertNoNcr();
    }

    @Test
    void releaseRemoves() throws Exception {
        kit.leases.answer = op -> new LeaseResult4(op.id(), LeaseResult4.Status.RELEASED,
                lease("198.19.0.20", "laptop.example.org."), false, null);
        kit.send(query(MessageType.RELEASE, MAC, null).ciaddr(Ipv4.parse("198.19.0.20"))
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER).build(), "198.19.0.20", 68);
        Ncr remove = receive();
        assertThat(remove.isAdd()).isFalse();
        assertThat(remove.fqdn()).isEqualTo("laptop.example.org.");
        assertThat(remove.ipAddress()).isEqualTo("198.19.0.20");
    }

    @Test
    void declineRemovesTheNamesOfTheLeaseBeforeProbation() throws Exception {
        kit.leases.answer = op -> new LeaseResult4(op.id(), LeaseResult4.Status.DECLINED,
                new Lease4("198.19.0.20", "", null, 1, null, 0, 86400, false, false, "", 1, null), false, null,
                lease("198.19.0.20", "laptop.example.org."));
        kit.send(query(MessageType.DECLINE, MAC, RELAY).optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.20")).build(), RELAY, 67);
        assertThat(receive().fqdn()).isEqualTo("laptop.example.org.");
    }

    @Test
    void clientNoUpdateAndPoolWithoutUpdatesSendNothing() throws Exception {
        request("198.19.0.21", new ClientFqdn(false, false, true, true, 0, 0, "quiet", false));
        ClientFqdn answer = ClientFqdn.decode(kit.sent.get(kit.sent.size() - 1).message().option(OptionCodes.CLIENT_FQDN));
        assertThat(answer.n()).isTrue();
        request("198.19.0.150", fqdn("nopool"));
        ClientFqdn p = ClientFqdn.decode(kit.sent.get(kit.sent.size() - 1).message().option(OptionCodes.CLIENT_FQDN));
        assertThat(p.n()).as("ddns-send-updates false in this pool").isTrue();
        assertThat(kit.leases.last().fqdnFwd()).isFalse();
        assertNoNcr();
    }

    @Test
    void nameThatSanitisesToNothingGetsNoUpdate() throws Exception {
        request("198.19.0.22", fqdn("___"));
        assertThat(kit.leases.last().hostname()).isNull();
        assertNoNcr();
    }

    @Test
    void bothNAndSSetIsDropped() {
        byte[] bad = {0x09, 0, 0, 'x'};
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, MAC, RELAY).optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.20"))
                .option(OptionCodes.CLIENT_FQDN, bad).build(), RELAY, 67);
        assertThat(r).isNull();
        assertThat(kit.stats.value("pkt4-receive-drop")).isEqualTo(1);
    }

    @Test
    void emptyNameIsGeneratedFromTheAddressByLeaseService() throws MalformedPacketException {
        kit.leases.answer = op -> {
            assertThat(op.generateHostname()).isTrue();
            assertThat(op.hostname()).isEmpty();
            Lease4 l = new Lease4(op.requestedAddress(), MAC, null, 1, null, 1_700_000_000L, 3000, op.fqdnFwd(),
                    op.fqdnRev(), "myhost-198-19-0-23.example.org.", 0, null);
            return new LeaseResult4(op.id(), LeaseResult4.Status.ASSIGNED, l, false, null);
        };
        TestKit.Sent r = request("198.19.0.23", fqdn(""));
        assertThat(ClientFqdn.decode(r.message().option(OptionCodes.CLIENT_FQDN)).fqdnText())
                .isEqualTo("myhost-198-19-0-23.example.org.");
    }

    @Test
    void ddnsServiceDownNeverStopsTheAcks() throws Exception {
        int port = d2.getLocalPort();
        d2.close();
        sender.close();
        stats = new Statistics();
        sender = new NcrSender(new InetSocketAddress("127.0.0.1", port), null, 2, stats, "ncr-");
        kit = new TestKit(config(port, ""), sender);
        List<TestKit.Sent> acks = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            acks.add(request("198.19.0." + (10 + i % 80), fqdn("pc" + i)));
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
        assertThat(acks).allSatisfy(a -> assertThat(a.message().messageType()).isEqualTo(MessageType.ACK));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sender.pending() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(stats.value("ncr-queue-full") + stats.value("ncr-send-failed"))
                .as("lost NCRs are counted").isPositive();
    }
}
