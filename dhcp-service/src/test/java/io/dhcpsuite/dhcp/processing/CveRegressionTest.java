package io.dhcpsuite.dhcp.processing;

import static io.dhcpsuite.dhcp.processing.TestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.DhcpEncoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One test per published defect of Kea, ISC dhcpd and dnsmasq whose input reaches the suite's
 * DHCPv4 packet path (docs/reliability.md has the whole table, with the rows that do not apply).
 * Each sends the hostile packet through the real handler chain and asserts the suite's fail-closed
 * behaviour: the datagram is counted, then answered correctly or dropped with its drop counted;
 * no handler throws (DHCP4_PACKET_DROP_0007 would mean it did); no reply the codec cannot read.
 */
class CveRegressionTest {
    private static final String RELAY = "192.0.2.2";
    private static final Logger BAD_PACKETS = (Logger) LoggerFactory.getLogger("kea-dhcp4.bad-packets");
    private final ListAppender<ILoggingEvent> badPackets = new ListAppender<>();
    private Level levelBefore;
    private TestKit kit = new TestKit();
    private DatagramSocket d2;
    private NcrSender sender;

    @BeforeEach
    void watchBadPackets() {
        levelBefore = BAD_PACKETS.getLevel();
        badPackets.start();
        BAD_PACKETS.addAppender(badPackets);
    }

    @AfterEach
    void restore() {
        BAD_PACKETS.detachAppender(badPackets);
        BAD_PACKETS.setLevel(levelBefore);
        if (sender != null) {
            sender.close();
        }
        if (d2 != null) {
            d2.close();
        }
    }

    // ---------------------------------------------------------------- Kea

    /** CVE-2015-8373: kea-dhcp4 crashed formatting a malformed packet for its debug log. */
    @Test
    void cve_2015_8373_malformedPacketWithDebugLoggingIsCountedAndDropped() {
        BAD_PACKETS.setLevel(Level.DEBUG);
        byte[] discover = encode(query(MessageType.DISCOVER, "02:00:00:00:00:31", RELAY)
                .option(OptionCodes.HOST_NAME, "host".getBytes(StandardCharsets.US_ASCII)));
        // option 12 now claims 200 bytes where 4 remain
        discover[indexOfOption(discover, OptionCodes.HOST_NAME) + 1] = (byte) 200;

        process(discover);

        assertThat(kit.stats.value(PacketStats.PARSE_FAILED)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
        assertThat(kit.sent).isEmpty();
        assertThat(badPackets.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getFormattedMessage()).startsWith("DHCP4_PACKET_DROP_0001").contains("option 12");
        });
        assertNoHandlerFailed();
    }

    /**
     * CVE-2019-6472: a DUID over 128 bytes killed Kea. In DHCPv4 a DUID travels in the client
     * identifier (RFC 4361: type 255, IAID, DUID); the longest one an option holds is served, and the
     * lease request carries it whole; a longer one, split over instances, is dropped.
     */
    @Test
    void cve_2019_6472_clientIdentifierWithOversizeDuidIsServedWhole() {
        byte[] clientId = new byte[255];
        Arrays.fill(clientId, (byte) 0x5a);
        clientId[0] = (byte) 255;
        TestKit.Sent r = kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:32", RELAY)
                .option(OptionCodes.CLIENT_ID, clientId).build(), RELAY, 67);

        assertThat(r).isNotNull();
        assertThat(r.message().messageType()).isEqualTo(MessageType.OFFER);
        assertThat(kit.leases.last().clientId()).isEqualTo(HexFormat.ofDelimiter(":").formatHex(clientId));

        // Longer, in two instances (RFC 3396): over Kea's 255-octet limit, dropped and counted
        byte[] longer = Arrays.copyOf(clientId, 300);
        int ops = kit.leases.ops.size();
        TestKit.Sent refused = kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:32", RELAY)
                .option(OptionCodes.CLIENT_ID, longer).build(), RELAY, 67);
        assertThat(refused).isNull();
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
        assertThat(kit.leases.ops).hasSize(ops);
        assertNoHandlerFailed();
    }

    /** CVE-2019-6473: a malformed client FQDN option made kea-dhcp4 exit. */
    @Test
    void cve_2019_6473_malformedFqdnOptionIsCountedAndDropped() {
        // flags E, a label of 63 bytes announced where 4 follow
        byte[] fqdn = HexFormat.of().parseHex("0500003f686f7374");
        process(encode(query(MessageType.DISCOVER, "02:00:00:00:00:33", RELAY)
                .option(OptionCodes.CLIENT_FQDN, fqdn)));

        assertThat(kit.stats.value(PacketStats.PARSE_FAILED) + kit.stats.value(PacketStats.RECEIVE_DROP)
                + kit.sent.size()).as("dropped and counted, or answered").isPositive();
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(kit.sent.isEmpty() ? 1 : 0);
        assertNoHandlerFailed();
    }

    /**
     * CVE-2025-40779: kea-dhcp4 asserted when a unicast request's subnet selection failed. A renewal
     * from a client whose ciaddr is in no subnet, sent straight to the server, is dropped and counted.
     */
    @Test
    void cve_2025_40779_unicastRequestWithNoSubnetIsDropped() {
        DhcpMessage request = query(MessageType.REQUEST, "02:00:00:00:00:34", null)
                .ciaddr(Ipv4.parse("192.0.2.200")).build();
        kit.send(request, "192.0.2.200", 68);

        assertThat(kit.stats.value(PacketStats.RECEIVED)).isEqualTo(1);
        assertThat(kit.sent).noneMatch(s -> s.message().messageType() == MessageType.ACK);
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP) + kit.stats.value(PacketStats.NAK_SENT)).isEqualTo(1);
        assertNoHandlerFailed();
    }

    /**
     * CVE-2025-11232: a host name that hostname-char-set sanitising emptied crashed Kea on the way
     * to the DNS update. The client gets its lease; no NCR names an empty or bare-suffix host.
     */
    @Test
    void cve_2025_11232_hostnameSanitisedToEmptyServesLeaseWithoutEmptyName() throws Exception {
        ddnsKit("""
                "hostname-char-set": "[^A-Za-z0-9.-]", "hostname-char-replacement": "",
                "ddns-replace-client-name": "never",
                """);
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:35", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.20"))
                .option(OptionCodes.HOST_NAME, "*** ???".getBytes(StandardCharsets.US_ASCII)).build(), RELAY, 67);

        assertThat(r).isNotNull();
        assertThat(r.message().messageType()).isEqualTo(MessageType.ACK);
        if (r.message().hasOption(OptionCodes.HOST_NAME)) {
            assertThat(r.message().optionString(OptionCodes.HOST_NAME)).isNotBlank().isNotEqualTo(".");
        }
        for (Ncr ncr : ncrs()) {
            assertThat(ncr.fqdn()).isNotBlank().isNotEqualTo("example.org.").doesNotStartWith(".");
        }
        assertNoHandlerFailed();
    }

    // ---------------------------------------------------------------- ISC dhcpd

    /**
     * CVE-2010-2156: ISC dhcpd crashed on a zero-length client identifier. RFC 2132 §9.14 asks for
     * at least 2 octets; shorter ones identify nobody (every such client would share one), so the
     * query is dropped and counted, as Kea drops a query whose identifier it cannot build.
     */
    @Test
    void cve_2010_2156_zeroLengthClientIdIsNotAnIdentity() {
        TestKit.Sent r = kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:36", RELAY)
                .option(OptionCodes.CLIENT_ID, new byte[0]).build(), RELAY, 67);
        assertDroppedAndCounted(r);
    }

    /** CVE-2012-3571: ISC dhcpd looped forever on a client identifier of length 1; dropped as above. */
    @Test
    void cve_2012_3571_oneByteClientIdIsNotAnIdentity() {
        TestKit.Sent r = kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:37", RELAY)
                .option(OptionCodes.CLIENT_ID, new byte[] {1}).build(), RELAY, 67);
        assertDroppedAndCounted(r);
    }

    /** CVE-2011-2748: ISC dhcpd crashed on a BOOTP request, one without option 53. */
    @Test
    void cve_2011_2748_bootpRequestWithoutMessageTypeIsDroppedAndCounted() {
        DhcpMessage bootp = DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).xid(0x2748)
                .hwAddress(1, TestKit.mac("02:00:00:00:00:38")).giaddr(Ipv4.parse(RELAY)).hops(1).build();
        kit.send(bootp, RELAY, 67);

        assertThat(kit.stats.value(PacketStats.RECEIVED)).isEqualTo(1);
        // no BOOTP class is configured: Kea drops BOOTP queries unless one is (its BOOTP hook)
        assertThat(kit.sent).isEmpty();
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
        assertNoHandlerFailed();
    }

    /** CVE-2011-2749: ISC dhcpd crashed on a packet cut short inside the fixed header. */
    @Test
    void cve_2011_2749_truncatedHeaderIsCountedAsParseFailure() {
        byte[] whole = encode(query(MessageType.DISCOVER, "02:00:00:00:00:39", RELAY));
        for (int len : new int[] {0, 1, 27, 235, 236, 239}) {
            process(Arrays.copyOf(whole, len));
        }
        assertThat(kit.stats.value(PacketStats.PARSE_FAILED)).isEqualTo(6);
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(6);
        assertThat(kit.sent).isEmpty();
        assertNoHandlerFailed();
    }

    /**
     * CVE-2015-8605: ISC dhcpd trusted IP/UDP length fields that disagreed with the packet. The suite
     * reads datagrams from UDP sockets (the kernel checks those lengths) and decodes exactly the
     * datagram's bytes: bytes past its end in the receive buffer are never read, and a datagram
     * shorter than its options claim is a parse failure.
     */
    @Test
    void cve_2015_8605_onlyTheDatagramsOwnBytesAreDecoded() {
        byte[] discover = encode(query(MessageType.DISCOVER, "02:00:00:00:00:40", RELAY)
                .option(OptionCodes.HOST_NAME, "exact".getBytes(StandardCharsets.US_ASCII)));
        byte[] buffer = new byte[2048];
        Arrays.fill(buffer, (byte) 0xee);
        System.arraycopy(discover, 0, buffer, 100, discover.length);
        kit.processor.process(buffer, 100, discover.length, kit.ingress, new InetSocketAddress(RELAY_ADDRESS, 67));
        assertThat(kit.sent).hasSize(1);
        assertThat(kit.leases.last().hostname()).isEqualTo("exact");
        assertThat(kit.sent.get(0).message().xid()).isEqualTo(0x1234);

        int cut = indexOfOption(discover, OptionCodes.HOST_NAME) + 4;
        kit.processor.process(buffer, 100, cut, kit.ingress, new InetSocketAddress(RELAY_ADDRESS, 67));
        assertThat(kit.stats.value(PacketStats.PARSE_FAILED)).isEqualTo(1);
        assertThat(kit.sent).hasSize(1);
        assertNoHandlerFailed();
    }

    /**
     * CVE-2018-5732: ISC dhcpd overflowed a buffer on oversize options; RFC 3396 lets one option span
     * several instances. A 300-byte host name split in two instances is read whole; one whose
     * length runs past the packet is a parse failure.
     */
    @Test
    void cve_2018_5732_splitLongOptionIsJoinedAndOversizeIsRefused() {
        byte[] name = new byte[300];
        Arrays.fill(name, (byte) 'h');
        byte[] discover = encode(query(MessageType.DISCOVER, "02:00:00:00:00:41", RELAY)
                .option(OptionCodes.VENDOR_CLASS_ID, name));
        DhcpMessage decoded = decoded(discover);
        assertThat(decoded.option(OptionCodes.VENDOR_CLASS_ID)).isEqualTo(name);
        int first = indexOfOption(discover, OptionCodes.VENDOR_CLASS_ID);
        assertThat(discover[first + 1] & 0xff).as("encoded as split instances").isEqualTo(255);

        process(discover);
        assertThat(kit.sent).hasSize(1);

        discover[first + 1 + 256 + 1] = (byte) 255; // the second instance now claims 255 bytes
        process(discover);
        assertThat(kit.stats.value(PacketStats.PARSE_FAILED)).isEqualTo(1);
        assertNoHandlerFailed();
    }

    /**
     * CVE-2022-2929: ISC dhcpd leaked memory on FQDN labels over 63 bytes. A wire label of 64
     * bytes is not a DNS label: the option is refused with the packet counted and dropped, and no
     * state is kept for it.
     */
    @Test
    void cve_2022_2929_fqdnLabelOver63BytesIsRefused() throws Exception {
        ddnsKit("");
        byte[] label = new byte[64];
        Arrays.fill(label, (byte) 'a');
        byte[] fqdn = new byte[3 + 1 + 64 + 1];
        fqdn[0] = ClientFqdn.FLAG_S | ClientFqdn.FLAG_E;
        fqdn[3] = 64;
        System.arraycopy(label, 0, fqdn, 4, 64);
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:42", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.21"))
                .option(OptionCodes.CLIENT_FQDN, fqdn).build(), RELAY, 67);

        assertThat(r).isNull();
        assertThat(kit.stats.value(PacketStats.PARSE_FAILED) + kit.stats.value(PacketStats.RECEIVE_DROP)).isPositive();
        assertThat(kit.leases.ops).isEmpty();
        assertThat(ncrs()).isEmpty();
        assertNoHandlerFailed();
    }

    // ---------------------------------------------------------------- dnsmasq

    /**
     * CVE-2026-2291: dnsmasq overran a buffer building maximum-length domain names. A client FQDN of
     * the longest legal length, completed with the qualifying suffix, must not yield a name over
     * 255 octets in the reply or an NCR.
     */
    @Test
    void cve_2026_2291_maximumLengthNamesStayWithinDnsLimits() throws Exception {
        ddnsKit("");
        StringBuilder name = new StringBuilder();
        while (name.length() + 64 < 250) {
            name.append("a".repeat(63)).append('.');
        }
        name.append("b".repeat(249 - name.length()));
        ClientFqdn partial = new ClientFqdn(true, false, true, false, 0, 0, name.toString(), false);
        TestKit.Sent r = kit.send(query(MessageType.REQUEST, "02:00:00:00:00:43", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.22"))
                .option(OptionCodes.CLIENT_FQDN, partial.encode()).build(), RELAY, 67);

        // the lease is served; the over-long name is dropped, as Kea's dns::Name refuses it
        assertThat(r).isNotNull();
        assertThat(r.message().messageType()).isEqualTo(MessageType.ACK);
        ClientFqdn answer = ClientFqdn.decode(r.message().option(OptionCodes.CLIENT_FQDN));
        assertThat(answer.fqdnText().length()).isLessThanOrEqualTo(254);
        assertThat(answer.n()).as("the server does no update").isTrue();
        assertThat(kit.leases.last().hostname()).isNullOrEmpty();
        assertThat(ncrs()).isEmpty();

        // a name that reaches exactly 253 characters with the suffix is served and updated
        String fits = name.substring(0, 253 - ".example.org".length());
        kit.send(query(MessageType.REQUEST, "02:00:00:00:00:44", RELAY)
                .optionAddress(OptionCodes.SERVER_ID, TestKit.SERVER)
                .optionAddress(OptionCodes.REQUESTED_ADDRESS, Ipv4.parse("198.19.0.23"))
                .option(OptionCodes.CLIENT_FQDN, partial.withName(fits, false).encode()).build(), RELAY, 67);
        assertThat(ncrs()).singleElement().satisfies(n -> assertThat(n.fqdn()).hasSize(254).endsWith(".example.org."));
        assertNoHandlerFailed();
    }

    // ---------------------------------------------------------------- helpers

    private static final InetAddress RELAY_ADDRESS = address(RELAY);

    private void assertDroppedAndCounted(TestKit.Sent r) {
        assertThat(r).isNull();
        assertThat(kit.stats.value(PacketStats.RECEIVED)).isEqualTo(1);
        assertThat(kit.stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(1);
        assertThat(kit.leases.ops).as("no lease request").isEmpty();
        assertNoHandlerFailed();
    }

    private void assertNoHandlerFailed() {
        assertThat(badPackets.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    private void ddnsKit(String extra) throws Exception {
        d2 = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        sender = new NcrSender(new InetSocketAddress("127.0.0.1", d2.getLocalPort()), null, 64, new Statistics(),
                "ncr-");
        kit = new TestKit(DdnsHandlerTest.config(d2.getLocalPort(), extra), sender);
    }

    /** The NCRs that reached the stand-in ddns-service within a short wait. */
    private List<Ncr> ncrs() throws Exception {
        List<Ncr> out = new ArrayList<>();
        d2.setSoTimeout(300);
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                d2.receive(p);
                out.add(NcrCodec.fromDatagram(p.getData(), 0, p.getLength()));
            }
        } catch (SocketTimeoutException end) {
            return out;
        }
    }

    private void process(byte[] datagram) {
        kit.processor.process(datagram, 0, datagram.length, kit.ingress, new InetSocketAddress(RELAY_ADDRESS, 67));
    }

    private static byte[] encode(DhcpMessage.Builder b) {
        return DhcpEncoder.encode(b.build());
    }

    private static DhcpMessage decoded(byte[] b) {
        try {
            return io.dhcpsuite.codec.DhcpDecoder.decode(b);
        } catch (io.dhcpsuite.codec.MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }

    /** Offset of the first instance of option {@code code} in an encoded packet (no overload). */
    private static int indexOfOption(byte[] p, int code) {
        int i = 240;
        while (i < p.length && (p[i] & 0xff) != 255) {
            if ((p[i] & 0xff) == 0) {
                i++;
                continue;
            }
            if ((p[i] & 0xff) == code) {
                return i;
            }
            i += 2 + (p[i + 1] & 0xff);
        }
        throw new IllegalArgumentException("no option " + code);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
