package io.dhcpsuite.dhcp.processing;

import static io.dhcpsuite.dhcp.processing.TestKit.addr;
import static io.dhcpsuite.dhcp.processing.TestKit.codes;
import static io.dhcpsuite.dhcp.processing.TestKit.prl;
import static io.dhcpsuite.dhcp.processing.TestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.DhcpOption;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MalformedPacketException;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.codec.RelayAgentInfo;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler chain with real decoded requests: what is in the reply and what is not. */
class PacketProcessorTest {
    private static final String RELAY = "192.0.2.2";
    private final TestKit kit = new TestKit();

    private TestKit.Sent discover(DhcpMessage.Builder b) {
        return kit.send(b.build(), RELAY, 67);
    }

    @Test
    void offersReservedAddressToKnownClient() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:05", RELAY)
                .option(OptionCodes.PARAMETER_REQUEST_LIST, prl(1, 3, 12)));
        assertThat(r).isNotNull();
        assertThat(r.message().messageType()).isEqualTo(MessageType.OFFER);
        assertThat(addr(r.message().yiaddr())).isEqualTo("198.19.0.5");
        assertThat(kit.leases.last().reservedAddress()).isEqualTo("198.19.0.5");
        assertThat(kit.leases.last().clientClasses()).contains("KNOWN").doesNotContain("UNKNOWN");
        assertThat(r.message().optionString(OptionCodes.HOST_NAME)).isEqualTo("printer");
        assertThat(addr(r.message().optionAddress(OptionCodes.SERVER_ID))).isEqualTo("127.0.0.2");
        assertThat(addr(r.message().optionAddress(OptionCodes.SUBNET_MASK))).isEqualTo("255.255.255.0");
    }

    @Test
    void unknownClientGetsPoolAddressAndUnknownClass() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:99", RELAY));
        assertThat(addr(r.message().yiaddr())).isEqualTo("198.19.0.10");
        assertThat(kit.leases.last().clientClasses()).contains("ALL", "UNKNOWN").doesNotContain("KNOWN");
        assertThat(kit.leases.last().kind()).isEqualTo(LeaseOp4.Kind.OFFER);
        assertThat(kit.leases.last().exact()).isFalse();
        assertThat(r.message().hasOption(OptionCodes.HOST_NAME)).isFalse();
    }

    @Test
    void honoursRequestedLeaseTimeWithinBounds() {
        assertThat(leaseTime(5000L)).isEqualTo(5000);
        assertThat(leaseTime(10L)).isEqualTo(1000);
        assertThat(leaseTime(99999L)).isEqualTo(8000);
        assertThat(leaseTime(null)).isEqualTo(4000);
    }

    private long leaseTime(Long requested) {
        DhcpMessage.Builder b = query(MessageType.DISCOVER, "02:00:00:00:00:10", RELAY);
        if (requested != null) {
            b.optionUint32(OptionCodes.LEASE_TIME, requested);
        }
        TestKit.Sent r = discover(b);
        assertThat(kit.leases.last().validLifetime()).isEqualTo(r.message().optionUint32(OptionCodes.LEASE_TIME));
        return r.message().optionUint32(OptionCodes.LEASE_TIME);
    }

    @Test
    void classLifetimeOverridesSubnet() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:11", RELAY)
                .option(OptionCodes.VENDOR_CLASS_ID, "short".getBytes(StandardCharsets.US_ASCII))
                .optionUint32(OptionCodes.LEASE_TIME, 5000));
        // The class's triplet is 600/600/600: the request is clamped to it.
        assertThat(r.message().optionUint32(OptionCodes.LEASE_TIME)).isEqualTo(600);
    }

    @Test
    void explicitTimersAreSentBelowValidLifetime() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:12", RELAY));
        assertThat(r.message().optionUint32(OptionCodes.RENEWAL_TIME)).isEqualTo(1000);
        assertThat(r.message().optionUint32(OptionCodes.REBINDING_TIME)).isEqualTo(2000);
    }

    @Test
    void timersAtOrAboveValidLifetimeAreNotSent() {
        // Requested 1000 s: T2 = 2000 is not below the lifetime, so not sent; T1 = 1000 is not below it either.
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:13", RELAY)
                .optionUint32(OptionCodes.LEASE_TIME, 1000));
        assertThat(r.message().hasOption(OptionCodes.REBINDING_TIME)).isFalse();
        assertThat(r.message().hasOption(OptionCodes.RENEWAL_TIME)).isFalse();
        assertThat(r.message().optionUint32(OptionCodes.LEASE_TIME)).isEqualTo(1000);
    }

    @Test
    void optionPrecedenceReservationOverSubnet() {
        TestKit.Sent known = discover(query(MessageType.DISCOVER, "02:00:00:00:00:05", RELAY));
        assertThat(addr(known.message().optionAddress(OptionCodes.ROUTERS))).isEqualTo("198.19.0.254");
        TestKit.Sent other = discover(query(MessageType.DISCOVER, "02:00:00:00:00:06", RELAY));
        assertThat(addr(other.message().optionAddress(OptionCodes.ROUTERS))).isEqualTo("198.19.0.1");
    }

    @Test
    void optionPrecedencePoolOverSubnetAndSharedNetworkOverClassOverGlobal() {
        TestKit.Sent r = kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:20", "192.0.2.1")
                .option(OptionCodes.VENDOR_CLASS_ID, "PXEClient:Arch:00000".getBytes(StandardCharsets.US_ASCII))
                .build(), "192.0.2.1", 67);
        assertThat(addr(r.message().yiaddr())).isEqualTo("198.18.0.10");
        // pool routers win over the subnet's
        assertThat(addr(r.message().optionAddress(OptionCodes.ROUTERS))).isEqualTo("198.18.0.2");
        // shared network domain-name wins over the class's and the global one
        assertThat(r.message().optionString(OptionCodes.DOMAIN_NAME)).isEqualTo("shared.example");
        // class boot fields
        assertThat(r.message().fileString()).isEqualTo("pxelinux.0");
        assertThat(addr(r.message().siaddr())).isEqualTo("192.0.2.69");
    }

    @Test
    void classOptionWinsOverGlobal() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:21", RELAY)
                .option(OptionCodes.VENDOR_CLASS_ID, "PXEClient".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.message().optionString(OptionCodes.DOMAIN_NAME)).isEqualTo("class.example");
        TestKit.Sent plain = discover(query(MessageType.DISCOVER, "02:00:00:00:00:22", RELAY));
        assertThat(plain.message().optionString(OptionCodes.DOMAIN_NAME)).isEqualTo("global.example");
        assertThat(plain.message().fileString()).isEmpty();
    }

    @Test
    void sendsOnlyRequestedOptionsPlusAlwaysSendAndNeverNeverSend() {
        TestKit.Sent unasked = discover(query(MessageType.DISCOVER, "02:00:00:00:00:30", RELAY));
        assertThat(codes(unasked.message())).doesNotContain(OptionCodes.NTP_SERVERS, OptionCodes.NIS_DOMAIN)
                .contains(OptionCodes.TIME_OFFSET, OptionCodes.ROUTERS);
        TestKit.Sent asked = discover(query(MessageType.DISCOVER, "02:00:00:00:00:31", RELAY)
                .option(OptionCodes.PARAMETER_REQUEST_LIST, prl(42, 40)));
        assertThat(addr(asked.message().optionAddress(OptionCodes.NTP_SERVERS))).isEqualTo("192.0.2.123");
        assertThat(asked.message().hasOption(OptionCodes.NIS_DOMAIN)).isFalse();
    }

    @Test
    void echoesClientId() {
        byte[] cid = {1, 2, 0, 0, 0, 0, 0x40};
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:40", RELAY)
                .option(OptionCodes.CLIENT_ID, cid));
        assertThat(r.message().option(OptionCodes.CLIENT_ID)).isEqualTo(cid);
        assertThat(kit.leases.last().clientId()).isEqualTo("01:02:00:00:00:00:40");
    }

    @Test
    void doesNotEchoClientIdWhenDisabled() {
        TestKit k = new TestKit(TestKit.CONFIG.replace("\"valid-lifetime\": 4000,", "\"valid-lifetime\": 4000, \"echo-client-id\": false,"));
        TestKit.Sent r = k.send(query(MessageType.DISCOVER, "02:00:00:00:00:41", RELAY)
                .option(OptionCodes.CLIENT_ID, new byte[] {1, 2, 3}).build(), RELAY, 67);
        assertThat(r.message().hasOption(OptionCodes.CLIENT_ID)).isFalse();
    }

    @Test
    void echoesOption82UnchangedAndLastToRelay() {
        RelayAgentInfo rai = RelayAgentInfo.of(List.of(new DhcpOption(1, new byte[] {'e', 't', 'h', '0'}),
                new DhcpOption(2, new byte[] {9, 9})));
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:50", RELAY)
                .option(OptionCodes.RELAY_AGENT_INFO, rai.encode()));
        assertThat(r.message().option(OptionCodes.RELAY_AGENT_INFO)).isEqualTo(rai.encode());
        List<Integer> codes = codes(r.message());
        assertThat(codes.get(codes.size() - 1)).isEqualTo(OptionCodes.RELAY_AGENT_INFO);
        assertThat(r.destination().getAddress().getHostAddress()).isEqualTo(RELAY);
        assertThat(r.destination().getPort()).isEqualTo(67);
    }

    @Test
    void requestInSelectingStateIsAckedWithExactAddress() {
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:60", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.77")).build(), RELAY, 67);
        assertThat(r.message().messageType()).isEqualTo(MessageType.ACK);
        assertThat(addr(r.message().yiaddr())).isEqualTo("198.19.0.77");
        LeaseOp4 op = kit.leases.last();
        assertThat(op.kind()).isEqualTo(LeaseOp4.Kind.REQUEST);
        assertThat(op.exact()).isTrue();
        assertThat(op.requestedAddress()).isEqualTo("198.19.0.77");
        assertThat(kit.stats.value(PacketStats.ACK_SENT)).isEqualTo(1);
    }

    @Test
    void requestForAnotherServerIsDropped() {
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:61", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, Ipv4.parse("192.0.2.250"))
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.77")).build(), RELAY, 67);
        assertThat(r).isNull();
        assertThat(kit.leases.ops).isEmpty();
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
    }

    @Test
    void renewingUsesCiaddrAndUnicastsToIt() {
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:62", null)
                .ciaddr(Ipv4.parse("198.19.0.78")).build(), "198.19.0.78", 68);
        LeaseOp4 op = kit.leases.last();
        assertThat(op.requestedAddress()).isEqualTo("198.19.0.78");
        assertThat(op.exact()).isTrue();
        assertThat(r.message().messageType()).isEqualTo(MessageType.ACK);
        assertThat(addr(r.message().ciaddr())).isEqualTo("198.19.0.78");
        assertThat(r.destination().getAddress().getHostAddress()).isEqualTo("198.19.0.78");
        assertThat(r.destination().getPort()).isEqualTo(68);
    }

    @Test
    void initRebootForUnknownLeaseIsNakedWhenAuthoritative() {
        kit.leases.answer = op -> FakeLeaseClient.status(op, LeaseResult4.Status.UNKNOWN);
        byte[] cid = {1, 2, 3};
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:63", RELAY)
                .option(OptionCodes.CLIENT_ID, cid)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.99")).build(), RELAY, 67);
        assertThat(kit.leases.last().exact()).isTrue();
        assertThat(r.message().messageType()).isEqualTo(MessageType.NAK);
        assertThat(r.message().yiaddr()).isZero();
        assertThat(r.message().broadcast()).isTrue();
        assertThat(r.message().hasOption(OptionCodes.MESSAGE)).isTrue();
        assertThat(r.message().option(OptionCodes.CLIENT_ID)).isEqualTo(cid);
        assertThat(addr(r.message().optionAddress(OptionCodes.SERVER_ID))).isEqualTo("127.0.0.2");
        assertThat(codes(r.message())).doesNotContain(OptionCodes.LEASE_TIME, OptionCodes.ROUTERS);
        assertThat(kit.stats.value(PacketStats.NAK_SENT)).isEqualTo(1);
    }

    @Test
    void initRebootForUnknownLeaseIsIgnoredWhenNotAuthoritative() {
        kit.leases.answer = op -> FakeLeaseClient.status(op, LeaseResult4.Status.UNKNOWN);
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:64", "192.0.2.1")
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.18.0.50")).build(), "192.0.2.1", 67);
        assertThat(r).isNull();
        assertThat(kit.stats.value(PacketStats.NAK_SENT)).isZero();
    }

    @Test
    void requestForAddressTheClientCannotHaveIsNakedEvenWhenNotAuthoritative() {
        kit.leases.answer = op -> FakeLeaseClient.status(op, LeaseResult4.Status.NAK);
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:65", "192.0.2.1")
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.18.0.50")).build(), "192.0.2.1", 67);
        assertThat(r.message().messageType()).isEqualTo(MessageType.NAK);
    }

    @Test
    void directNakIsBroadcast() {
        kit.leases.answer = op -> FakeLeaseClient.status(op, LeaseResult4.Status.NAK);
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:66", null)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("127.0.100.9")).build(), "0.0.0.0", 68);
        assertThat(r.message().messageType()).isEqualTo(MessageType.NAK);
        assertThat(r.destination().getAddress().getHostAddress()).isEqualTo("255.255.255.255");
    }

    @Test
    void informGetsAckWithOptionsAndNoLease() {
        TestKit.Sent r = kit.send(query(MessageType.INFORM, "02:00:00:00:00:70", null)
                .ciaddr(Ipv4.parse("198.19.0.33"))
                .option(OptionCodes.PARAMETER_REQUEST_LIST, prl(3, 42)).build(), "198.19.0.33", 68);
        assertThat(r.message().messageType()).isEqualTo(MessageType.ACK);
        assertThat(r.message().yiaddr()).isZero();
        assertThat(addr(r.message().ciaddr())).isEqualTo("198.19.0.33");
        assertThat(codes(r.message())).doesNotContain(OptionCodes.LEASE_TIME, OptionCodes.RENEWAL_TIME,
                OptionCodes.REBINDING_TIME);
        assertThat(addr(r.message().optionAddress(OptionCodes.ROUTERS))).isEqualTo("198.19.0.1");
        assertThat(addr(r.message().optionAddress(OptionCodes.NTP_SERVERS))).isEqualTo("192.0.2.123");
        assertThat(r.destination().getAddress().getHostAddress()).isEqualTo("198.19.0.33");
        assertThat(kit.leases.ops).isEmpty();
    }

    @Test
    void releaseSendsNoReply() {
        TestKit.Sent r = kit.send(query(MessageType.RELEASE, "02:00:00:00:00:71", null)
                .ciaddr(Ipv4.parse("198.19.0.34"))
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER).build(), "198.19.0.34", 68);
        assertThat(r).isNull();
        assertThat(kit.leases.last().kind()).isEqualTo(LeaseOp4.Kind.RELEASE);
        assertThat(kit.leases.last().requestedAddress()).isEqualTo("198.19.0.34");
        assertThat(kit.stats.value(PacketStats.RELEASE_RECEIVED)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isZero();
    }

    @Test
    void declineUsesOption50AndSendsNoReply() {
        TestKit.Sent r = kit.send(query(MessageType.DECLINE, "02:00:00:00:00:72", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.35")).build(), RELAY, 67);
        assertThat(r).isNull();
        assertThat(kit.leases.last().kind()).isEqualTo(LeaseOp4.Kind.DECLINE);
        assertThat(kit.leases.last().requestedAddress()).isEqualTo("198.19.0.35");
    }

    @Test
    void clientFqdnIsAnsweredWithNoUpdateFlagsWhenDdnsIsOff() throws MalformedPacketException {
        ClientFqdn asked = new ClientFqdn(true, false, true, false, 0, 0, "laptop", false);
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:80", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.80"))
                .option(OptionCodes.CLIENT_FQDN, asked.encode()).build(), RELAY, 67);
        ClientFqdn answer = ClientFqdn.decode(r.message().option(OptionCodes.CLIENT_FQDN));
        assertThat(answer.n()).isTrue();
        assertThat(answer.s()).isFalse();
        assertThat(answer.o()).isTrue();
        assertThat(answer.e()).isTrue();
        assertThat(answer.domainName()).isEqualTo("laptop");
        assertThat(answer.fullyQualified()).isTrue();
        LeaseOp4 op = kit.leases.last();
        assertThat(op.hostname()).isEqualTo("laptop.");
        assertThat(op.fqdnFwd()).isFalse();
        assertThat(op.fqdnRev()).isFalse();
        assertThat(r.message().hasOption(OptionCodes.HOST_NAME)).isFalse();
    }

    @Test
    void hostnameIsSanitisedEchoedAndStored() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:81", RELAY)
                .option(OptionCodes.HOST_NAME, "My_Laptop!".getBytes(StandardCharsets.US_ASCII)));
        // Kea's processHostnameOption lower-cases the name it answers
        assertThat(r.message().optionString(OptionCodes.HOST_NAME)).isEqualTo("mylaptop");
        assertThat(kit.leases.last().hostname()).isEqualTo("mylaptop");
    }

    @Test
    void reservedHostnameWinsOverClientHostname() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:05", RELAY)
                .option(OptionCodes.HOST_NAME, "whatever".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.message().optionString(OptionCodes.HOST_NAME)).isEqualTo("printer");
        assertThat(kit.leases.last().hostname()).isEqualTo("printer");
    }

    @Test
    void sharedNetworkCandidatesFollowClassGuards() {
        kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:90", "192.0.2.1").build(), "192.0.2.1", 67);
        assertThat(kit.leases.last().subnetIds()).containsExactly(10L);
        kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:91", "192.0.2.1")
                .option(OptionCodes.VENDOR_CLASS_ID, "PXEClient".getBytes(StandardCharsets.US_ASCII)).build(),
                "192.0.2.1", 67);
        assertThat(kit.leases.last().subnetIds()).containsExactly(10L, 11L);
    }

    @Test
    void dropClassDropsThePacket() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:92", RELAY)
                .option(OptionCodes.VENDOR_CLASS_ID, "evil".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r).isNull();
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
        assertThat(kit.leases.ops).isEmpty();
    }

    @Test
    void disabledServiceDropsQueries() {
        kit.state.disable(DhcpState.ORIGIN_USER, 0);
        assertThat(discover(query(MessageType.DISCOVER, "02:00:00:00:00:93", RELAY))).isNull();
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.DISCOVER_RECEIVED)).isEqualTo(1);
        kit.state.enable(DhcpState.ORIGIN_USER);
        assertThat(discover(query(MessageType.DISCOVER, "02:00:00:00:00:93", RELAY))).isNotNull();
    }

    @Test
    void discoverWithoutSubnetIsDroppedAndRequestNaked() {
        assertThat(kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:94", "192.0.2.200").build(),
                "192.0.2.200", 67)).isNull();
        TestKit.Sent nak = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:94", "192.0.2.200")
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.18.0.50")).build(), "192.0.2.200", 67);
        assertThat(nak.message().messageType()).isEqualTo(MessageType.NAK);
    }

    @Test
    void bootReplyAndMissingMessageTypeAreDroppedAndCounted() {
        DhcpMessage reply = query(MessageType.OFFER, "02:00:00:00:00:95", RELAY).op(DhcpMessage.BOOTREPLY).build();
        assertThat(kit.send(reply, RELAY, 67)).isNull();
        DhcpMessage bootp = query(MessageType.DISCOVER, "02:00:00:00:00:95", RELAY)
                .removeOption(OptionCodes.MESSAGE_TYPE).build();
        assertThat(kit.send(bootp, RELAY, 67)).isNull();
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(2);
        assertThat(kit.stats.value(PacketStats.OFFER_RECEIVED)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.UNKNOWN_RECEIVED)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.RECEIVED)).isEqualTo(2);
    }

    @Test
    void malformedRelayAgentOptionCountsAsParseFailure() {
        TestKit.Sent r = discover(query(MessageType.DISCOVER, "02:00:00:00:00:96", RELAY)
                .option(OptionCodes.RELAY_AGENT_INFO, new byte[] {1, 9, 0}));
        assertThat(r).isNull();
        assertThat(kit.stats.value(PacketStats.PARSE_FAILED)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
    }

    @Test
    void garbageIsCountedAndSurvived() {
        kit.processor.process(new byte[] {1, 2, 3}, 0, 3, kit.ingress, null);
        assertThat(kit.stats.value(PacketStats.PARSE_FAILED)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.RECEIVED)).isEqualTo(1);
        assertThat(discover(query(MessageType.DISCOVER, "02:00:00:00:00:97", RELAY))).isNotNull();
    }

    @Test
    void leaseServiceFailureDropsThePacket() {
        TestKit k = new TestKit();
        PacketProcessor p = new PacketProcessor(k.settings, k.state, (op, cb) -> {
            cb.done(null, new java.io.IOException("connection refused"));
            return true;
        }, k.stats);
        DhcpMessage q = query(MessageType.DISCOVER, "02:00:00:00:00:98", RELAY).build();
        byte[] wire = io.dhcpsuite.codec.DhcpEncoder.encode(q);
        p.process(wire, 0, wire.length, k.ingress, null);
        assertThat(k.sent).isEmpty();
        assertThat(k.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
    }

    @Test
    void fullLeaseQueueDropsThePacket() {
        TestKit k = new TestKit();
        PacketProcessor p = new PacketProcessor(k.settings, k.state, (op, cb) -> false, k.stats);
        byte[] wire = io.dhcpsuite.codec.DhcpEncoder.encode(query(MessageType.DISCOVER, "02:00:00:00:00:99", RELAY).build());
        p.process(wire, 0, wire.length, k.ingress, null);
        assertThat(k.sent).isEmpty();
        assertThat(k.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
    }
}
