package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.Dhcp6Decoder;
import io.dhcpsuite.codec.Dhcp6Encoder;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.Dhcp6Relay;
import io.dhcpsuite.codec.Dhcp6StatusCode;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.IaAddress;
import io.dhcpsuite.codec.IaNa;
import io.dhcpsuite.codec.IaPd;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.stats.Packet6Stats;
import io.dhcpsuite.dhcp.v6.leaseclient.BatchingLease6Client;
import io.dhcpsuite.dhcp.v6.leaseclient.HttpLease6Transport;
import io.dhcpsuite.dhcp.v6.transport.Dhcp6Sockets;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DHCPv6 server on a real socket bound to [::1] (the "lo/::1" entry of interfaces-config),
 * driven by a client socket and a relay socket on ::1, with a stand-in lease-service over HTTP.
 */
class Dhcp6ServerTest {
    private static final String CONFIG = """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": ["lo/::1"]},
              "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
              "option-data": [{"name": "dns-servers", "data": "2001:db8::53"}],
              "client-classes": [{"name": "relayed-7", "test": "relay6[0].option[18].exists"}],
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "interface": "lo", "rapid-commit": true,
                 "pools": [{"pool": "2001:db8:1::100 - 2001:db8:1::1ff"}],
                 "pd-pools": [{"prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56,
                               "excluded-prefix": "2001:db8:8:0:ff00::", "excluded-prefix-len": 72}],
                 "reservations": [{"duid": "00:03:00:01:aa:bb:cc:dd:ee:01", "ip-addresses": ["2001:db8:1::42"]}]},
                {"id": 2, "subnet": "2001:db8:2::/64", "interface-id": "port-7",
                 "pools": [{"pool": "2001:db8:2::/80"}],
                 "option-data": [{"name": "domain-search", "data": "example.org"}]}
              ]}}
            """;
    private static final Duid CLIENT = Duid.llt(1, 1000, new byte[] {2, 0, 0, 0, 0, 1});
    private static final Duid OTHER_SERVER = Duid.llt(1, 7, new byte[] {2, 0, 0, 0, 0, 9});

    private FakeLease6Service leaseService;
    private BatchingLease6Client leases;
    private Dhcp6Sockets sockets;
    private Packet6Stats stats;
    private Dhcp6Settings settings;
    private DatagramSocket client;
    private DatagramSocket relay;
    private InetSocketAddress server;

    @BeforeEach
    void start() throws Exception {
        leaseService = new FakeLease6Service();
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        relay = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        client.setSoTimeout(3000);
        relay.setSoTimeout(3000);
        SuiteConfig config = KeaConfigLoader.parse(CONFIG, null);
        Duid serverDuid = ServerDuid.make(io.dhcpsuite.config.ServerId.DEFAULTS, Clock.systemUTC());
        settings = Dhcp6Settings.of(config.dhcp6(), serverDuid, relay.getLocalPort(), client.getLocalPort());
        stats = new Packet6Stats(new Statistics(Clock.systemUTC()));
        leases = new BatchingLease6Client(16, 4, 256, Duration.ofSeconds(2),
                new HttpLease6Transport(leaseService.url(), Duration.ofSeconds(2), JsonMapper.builder().build()));
        sockets = Dhcp6Sockets.bind(config.dhcp6().interfacesConfig(), 0);
        sockets.start(new Dhcp6Processor(settings, leases, stats));
        server = new InetSocketAddress(InetAddress.getByName("::1"), sockets.sockets().get(0).port());
    }

    @AfterEach
    void stop() {
        sockets.close();
        leases.close();
        leaseService.close();
        client.close();
        relay.close();
    }

    private static Dhcp6Message.Builder query(Dhcp6MessageType type, int xid) {
        return Dhcp6Message.builder().type(type).transactionId(xid).clientId(CLIENT).elapsedTime(0);
    }

    private Dhcp6Message exchange(DatagramSocket from, Dhcp6Message q) throws Exception {
        send(from, q);
        return receive(from);
    }

    private void send(DatagramSocket from, Dhcp6Message q) throws Exception {
        byte[] b = Dhcp6Encoder.encode(q);
        from.send(new DatagramPacket(b, b.length, server));
    }

    private static Dhcp6Message receive(DatagramSocket on) throws Exception {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        on.receive(p);
        return Dhcp6Decoder.decode(buf, 0, p.getLength());
    }

    private static void assertSilent(DatagramSocket on) throws Exception {
        on.setSoTimeout(500);
        try {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            on.receive(p);
            throw new AssertionError("expected no answer, got " + Dhcp6Decoder.decode(p.getData(), 0, p.getLength()));
        } catch (SocketTimeoutException expected) {
            // silence, as expected
        } finally {
            on.setSoTimeout(3000);
        }
    }

    private static Inet6Address v6(String text) throws Exception {
        return (Inet6Address) InetAddress.getByAddress(Ipv6.parse(text));
    }

    @Test
    void solicitAdvertiseRequestReplyWithAnAddressAndAPrefix() throws Exception {
        Dhcp6Message adv = exchange(client, query(Dhcp6MessageType.SOLICIT, 0x10)
                .iaNa(IaNa.of(1, 0, 0, List.of(), null)).iaPd(IaPd.of(2, 0, 0, List.of(), null))
                .oro(OptionCodes6.DNS_SERVERS).build());
        assertThat(adv.messageType()).isEqualTo(Dhcp6MessageType.ADVERTISE);
        assertThat(adv.transactionId()).isEqualTo(0x10);
        assertThat(adv.clientId()).isEqualTo(CLIENT);
        assertThat(adv.serverId()).isEqualTo(settings.serverDuid());
        IaNa na = adv.iaNa().get(0);
        assertThat(na.iaid()).isEqualTo(1);
        assertThat(na.t1()).isEqualTo(1000);
        assertThat(na.t2()).isEqualTo(2000);
        assertThat(Ipv6.format(na.addresses().get(0).address().getAddress())).isEqualTo("2001:db8:1::100");
        assertThat(na.addresses().get(0).preferredLifetime()).isEqualTo(3000);
        assertThat(na.addresses().get(0).validLifetime()).isEqualTo(4000);
        IaPd pd = adv.iaPd().get(0);
        assertThat(pd.prefixes().get(0).prefixLength()).isEqualTo(56);
        assertThat(pd.prefixes().get(0).pdExclude()).as("not asked for in the ORO").isNull();
        assertThat(adv.option(OptionCodes6.DNS_SERVERS)).isEqualTo(Ipv6.parse("2001:db8::53"));
        LeaseOp6 op = leaseService.ops.get(0);
        assertThat(op.kind()).isEqualTo(LeaseOp6.Kind.ADVERTISE);
        assertThat(op.subnetIds()).containsExactly(1L);
        assertThat(op.duid()).isEqualTo(CLIENT.toHex());
        assertThat(op.hwAddress()).isEqualTo("02:00:00:00:00:01");
        assertThat(op.ias()).extracting(LeaseOp6.Ia::type).containsExactly("IA_NA", "IA_PD");
        assertThat(op.ias().get(0).preferredLifetime()).isEqualTo(3000);

        Dhcp6Message reply = exchange(client, query(Dhcp6MessageType.REQUEST, 0x11)
                .serverId(settings.serverDuid()).add(adv.find(OptionCodes6.IA_NA)).build());
        assertThat(reply.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
        assertThat(leaseService.ops.get(1).kind()).isEqualTo(LeaseOp6.Kind.ASSIGN);
        assertThat(leaseService.ops.get(1).ias().get(0).hints().get(0).address()).isEqualTo("2001:db8:1::100");
        // the counter moves just after the reply leaves
        await().atMost(Duration.ofSeconds(2)).until(() -> stats.value(Packet6Stats.SENT) == 2);
        assertThat(stats.value(Packet6Stats.SOLICIT_RECEIVED)).isEqualTo(1);
        assertThat(stats.value(Packet6Stats.REQUEST_RECEIVED)).isEqualTo(1);
        assertThat(stats.value(Packet6Stats.ADVERTISE_SENT)).isEqualTo(1);
        assertThat(stats.value(Packet6Stats.REPLY_SENT)).isEqualTo(1);
        assertThat(stats.value(Packet6Stats.SENT)).isEqualTo(2);
        assertThat(stats.value(Packet6Stats.RECEIVED)).isEqualTo(2);
    }

    @Test
    void aDelegatedPrefixCarriesItsExcludedPrefixWhenTheClientAsks() throws Exception {
        Dhcp6Message adv = exchange(client, query(Dhcp6MessageType.SOLICIT, 0x12)
                .iaPd(IaPd.of(2, 0, 0, List.of(), null)).oro(OptionCodes6.PD_EXCLUDE).build());
        io.dhcpsuite.codec.IaPrefix p = adv.iaPd().get(0).prefixes().get(0);
        assertThat(Ipv6.format(p.prefix().getAddress())).isEqualTo("2001:db8:8:100::");
        assertThat(p.pdExclude().prefixLength()).isEqualTo(72);
        assertThat(Ipv6.format(p.excludedPrefix().getAddress())).isEqualTo("2001:db8:8:100:ff00::");
        assertThat(adv.iaPd().get(0).t1()).isEqualTo(1000);
    }

    @Test
    void rapidCommitAnswersASolicitWithACommittedReply() throws Exception {
        Dhcp6Message reply = exchange(client, query(Dhcp6MessageType.SOLICIT, 0x20)
                .iaNa(IaNa.of(1, 0, 0, List.of(), null)).rapidCommit().build());
        assertThat(reply.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
        assertThat(reply.rapidCommit()).isTrue();
        assertThat(leaseService.ops.get(0).kind()).isEqualTo(LeaseOp6.Kind.ASSIGN);
    }

    @Test
    void aRelayedSolicitIsSelectedByInterfaceIdAndAnsweredToTheRelay() throws Exception {
        Dhcp6Message inner = query(Dhcp6MessageType.SOLICIT, 0x30).iaNa(IaNa.of(5, 0, 0, List.of(), null))
                .oro(OptionCodes6.DOMAIN_SEARCH).build();
        Dhcp6Option ifaceId = new Dhcp6Option(OptionCodes6.INTERFACE_ID, "port-7".getBytes(StandardCharsets.US_ASCII));
        Dhcp6Message relayed = inner.toBuilder().addRelay(new Dhcp6Relay(Dhcp6MessageType.RELAY_FORW.code(), 0,
                v6("::"), v6("fe80::1"), List.of(ifaceId))).build();
        Dhcp6Message answer = exchange(relay, relayed);
        assertThat(answer.relays()).hasSize(1);
        assertThat(answer.relays().get(0).messageType()).isEqualTo(Dhcp6MessageType.RELAY_REPL);
        assertThat(answer.relays().get(0).interfaceId()).isEqualTo("port-7".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.messageType()).isEqualTo(Dhcp6MessageType.ADVERTISE);
        assertThat(answer.option(OptionCodes6.DOMAIN_SEARCH)).isNotNull();
        assertThat(answer.option(OptionCodes6.DNS_SERVERS)).isNull();
        LeaseOp6 op = leaseService.ops.get(0);
        assertThat(op.subnetIds()).containsExactly(2L);
        assertThat(op.clientClasses()).contains("ALL", "relayed-7", "UNKNOWN");
    }

    @Test
    void aReservationByDuidGoesToTheLeaseStepAndMakesTheClientKnown() throws Exception {
        Duid reserved = Duid.fromHex("00:03:00:01:aa:bb:cc:dd:ee:01");
        Dhcp6Message adv = exchange(client, Dhcp6Message.builder().type(Dhcp6MessageType.SOLICIT).transactionId(0x40)
                .clientId(reserved).iaNa(IaNa.of(1, 0, 0, List.of(), null)).build());
        assertThat(Ipv6.format(adv.iaNa().get(0).addresses().get(0).address().getAddress())).isEqualTo("2001:db8:1::42");
        LeaseOp6 op = leaseService.ops.get(0);
        assertThat(op.ias().get(0).reserved()).containsExactly(new LeaseOp6.Prefix("2001:db8:1::42", 128));
        assertThat(op.ias().get(0).reservedSubnetId()).isEqualTo(1);
        assertThat(op.clientClasses()).contains("KNOWN");
    }

    @Test
    void queriesForAnotherServerOrWithoutAServerIdAreDroppedAndCounted() throws Exception {
        send(client, query(Dhcp6MessageType.REQUEST, 0x50).serverId(OTHER_SERVER)
                .iaNa(IaNa.of(1, 0, 0, List.of(), null)).build());
        send(client, query(Dhcp6MessageType.REQUEST, 0x51).iaNa(IaNa.of(1, 0, 0, List.of(), null)).build());
        send(client, query(Dhcp6MessageType.SOLICIT, 0x52).serverId(settings.serverDuid()).build());
        assertSilent(client);
        assertThat(stats.value(Packet6Stats.RECEIVE_DROP)).isEqualTo(3);
        assertThat(leaseService.ops).isEmpty();
    }

    @Test
    void malformedPacketsAreCountedAndDropped() throws Exception {
        byte[] bad = {1, 0, 0, 1, 0, 3, 0, 40, 0, 0};
        client.send(new DatagramPacket(bad, bad.length, server));
        await().atMost(Duration.ofSeconds(3)).until(() -> stats.value(Packet6Stats.PARSE_FAILED) == 1);
        assertThat(stats.value(Packet6Stats.RECEIVE_DROP)).isEqualTo(1);
        assertThat(stats.value(Packet6Stats.RECEIVED)).isEqualTo(1);
        assertSilent(client);
    }

    @Test
    void renewOfAnUnknownBindingGetsNoBindingAndReleaseASummaryStatus() throws Exception {
        Dhcp6Message renew = exchange(client, query(Dhcp6MessageType.RENEW, 0x60).serverId(settings.serverDuid())
                .iaNa(IaNa.of(99, 0, 0, List.of(new IaAddress(v6("2001:db8:1::150"), 0, 0)), null)).build());
        assertThat(renew.iaNa().get(0).statusCode().code()).isEqualTo(Dhcp6StatusCode.NO_BINDING);
        assertThat(leaseService.ops.get(0).kind()).isEqualTo(LeaseOp6.Kind.RENEW);

        Dhcp6Message release = exchange(client, query(Dhcp6MessageType.RELEASE, 0x61).serverId(settings.serverDuid())
                .iaNa(IaNa.of(1, 0, 0, List.of(new IaAddress(v6("2001:db8:1::150"), 0, 0)), null)).build());
        assertThat(release.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
        assertThat(release.statusCode().code()).isEqualTo(Dhcp6StatusCode.SUCCESS);
        assertThat(release.iaNa().get(0).statusCode().code()).isEqualTo(Dhcp6StatusCode.SUCCESS);
        assertThat(release.iaNa().get(0).addresses()).isEmpty();
        assertThat(leaseService.ops.get(1).kind()).isEqualTo(LeaseOp6.Kind.RELEASE);
    }

    @Test
    void confirmTellsOnLinkFromNotOnLinkWithoutLeaseService() throws Exception {
        Dhcp6Message on = exchange(client, query(Dhcp6MessageType.CONFIRM, 0x70)
                .iaNa(IaNa.of(1, 0, 0, List.of(new IaAddress(v6("2001:db8:1::150"), 0, 0)), null)).build());
        assertThat(on.statusCode().code()).isEqualTo(Dhcp6StatusCode.SUCCESS);
        Dhcp6Message off = exchange(client, query(Dhcp6MessageType.CONFIRM, 0x71)
                .iaNa(IaNa.of(1, 0, 0, List.of(new IaAddress(v6("2001:db8:5::1"), 0, 0)), null)).build());
        assertThat(off.statusCode().code()).isEqualTo(Dhcp6StatusCode.NOT_ON_LINK);
        send(client, query(Dhcp6MessageType.CONFIRM, 0x72).iaNa(IaNa.of(1, 0, 0, List.of(), null)).build());
        assertSilent(client);
        assertThat(leaseService.ops).isEmpty();
    }

    @Test
    void informationRequestGetsTheRequestedOptions() throws Exception {
        Dhcp6Message reply = exchange(client, Dhcp6Message.builder().type(Dhcp6MessageType.INFORMATION_REQUEST)
                .transactionId(0x80).oro(OptionCodes6.DNS_SERVERS).build());
        assertThat(reply.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
        assertThat(reply.option(OptionCodes6.DNS_SERVERS)).isEqualTo(Ipv6.parse("2001:db8::53"));
        assertThat(reply.iaNa()).isEmpty();
        assertThat(stats.value(Packet6Stats.INFREQUEST_RECEIVED)).isEqualTo(1);
        assertThat(leaseService.ops).isEmpty();
    }

    @Test
    void aFailedLeaseStepSendsNothing() throws Exception {
        leaseService.fail = true;
        send(client, query(Dhcp6MessageType.SOLICIT, 0x90).iaNa(IaNa.of(1, 0, 0, List.of(), null)).build());
        assertSilent(client);
        await().atMost(Duration.ofSeconds(3)).until(() -> stats.value(Packet6Stats.RECEIVE_DROP) == 1);
        assertThat(stats.value(Packet6Stats.SENT)).isZero();
        assertThat(Arrays.asList(leases.batchesFailed())).containsExactly(1L);
    }
}
