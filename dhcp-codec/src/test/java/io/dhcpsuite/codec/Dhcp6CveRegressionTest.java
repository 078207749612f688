package io.dhcpsuite.codec;

import static io.dhcpsuite.codec.Dhcp6DecoderTest.assertMalformed;
import static io.dhcpsuite.codec.Dhcp6MessageTest.a;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DHCPv6 defects of Kea, ISC dhcpd and dnsmasq, replayed against the codec (docs/reliability.md).
 * Each test names its CVE and asserts the fail-closed behaviour: a precise
 * {@link MalformedPacketException}, or a correct decode, never another exception.
 */
class Dhcp6CveRegressionTest {

    static String relayForw(String link, String options) {
        return "0c 00" + link + "fe800000000000000000000000000001" + options;
    }

    static String relayMsg(String inner) {
        return "0009" + String.format("%04x", Captures.hex(inner).length) + inner;
    }

    /**
     * CVE-2019-6472: Kea's server asserted on a DUID over 128 octets. The codec refuses a clientid
     * longer than type plus 128 octets (130 in all, Kea's bound) as malformed; the longest legal
     * one decodes and round-trips whole.
     */
    @Test
    void cve_2019_6472_duidOver128OctetsIsMalformed() throws Exception {
        String longest = "00020000 0de9" + "ab".repeat(124);
        byte[] ok = Captures.hex("01000001 00010082" + longest);
        Dhcp6Message m = Dhcp6Decoder.decode(ok);
        assertThat(m.clientId().length()).isEqualTo(130);
        assertThat(m.clientId().enterpriseNumber()).isEqualTo(3561L);
        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(ok);

        assertMalformed("01000001 00010083" + longest + "ab",
                "option 1 (clientid) at offset 4: DUID length 131 is not in 3..130", 4);
        // The same inside a relayed message, with the offset in the outer packet.
        String inner = "01000001 00010200" + "00".repeat(512);
        assertMalformed(relayForw("20010db8000000000000000000000001", relayMsg(inner)),
                "option 1 (clientid) at offset 42: DUID length 512 is not in 3..130", 42);
    }

    /**
     * CVE-2017-14492 (dnsmasq: heap overflow from a crafted IPv6 packet whose lengths were
     * trusted): every option length, at every nesting level, is checked against what encloses it
     * before a byte is read; and the decoder never reads past the datagram it was given, even when
     * the buffer behind it holds bytes that would complete the option.
     */
    @Test
    void cve_2017_14492_optionLengthsBeyondTheBufferAreMalformed() throws Exception {
        byte[] buffer = Captures.hex("01000001 00010010 0001000132a8ca03 000c0102 03040000");
        assertThat(Dhcp6Decoder.decode(buffer).clientId().length()).isEqualTo(16);
        assertMalformed(() -> Dhcp6Decoder.decode(buffer, 0, 16),
                "option 1 length 16 exceeds remaining 8 at offset 4", 4);
        assertMalformed("01000001 0019000e 00000001 00000000 00000000 001a",
                "option header at offset 20 needs 4 octets, 2 left", 20);
        assertMalformed("01000001 00190010 00000001 00000000 00000000 001aff00",
                "option 26 length 65280 exceeds remaining 0 at offset 20", 20);
    }

    /**
     * CVE-2017-14493 (dnsmasq: stack overflow copying a relayed client's link-layer address into a
     * fixed buffer): the relay options are copied into arrays of their own length; a link-layer
     * address of any size is kept whole, and a relay-msg longer than the packet is malformed.
     */
    @Test
    void cve_2017_14493_relayCopiesAreBoundedByTheirLength() throws Exception {
        String hw = "ab".repeat(300);
        String inner = "01000001" + Dhcp6DecoderTest.CLIENTID;
        byte[] packet = Captures.hex(relayForw("20010db8000000000000000000000001",
                "004f012e 0001" + hw + relayMsg(inner)));

        Dhcp6Message m = Dhcp6Decoder.decode(packet);

        assertThat(m.relays().get(0).clientLinkLayerAddress().address()).hasSize(300);
        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(packet);
        assertMalformed(relayForw("20010db8000000000000000000000001", "00090100 01000001"),
                "option 9 length 256 exceeds remaining 4 at offset 34", 34);
    }

    /**
     * CVE-2017-14494 (dnsmasq: memory disclosure through a relay-forward whose lengths pointed past
     * the packet): whatever decodes holds only the datagram's own bytes. A message decoded from the
     * middle of a larger buffer re-encodes to exactly that slice.
     */
    @Test
    void cve_2017_14494_decodedRelayHoldsOnlyTheDatagramsBytes() throws Exception {
        byte[] packet = Captures.hex(relayForw("20010db8000000000000000000000001",
                "00120002 6530" + relayMsg("01000001" + Dhcp6DecoderTest.CLIENTID)));
        byte[] buffer = new byte[packet.length + 64];
        Arrays.fill(buffer, (byte) 0x5a);
        System.arraycopy(packet, 0, buffer, 32, packet.length);

        Dhcp6Message m = Dhcp6Decoder.decode(buffer, 32, packet.length);

        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(packet);
        assertMalformed(relayForw("20010db8000000000000000000000001", "00090008 01000001 00010010"),
                "option 1 length 16 exceeds remaining 0 at offset 42", 42);
    }

    /**
     * CVE-2022-0934 (dnsmasq: use after free of a relayed packet's buffer): the decoded message and
     * its relay layers own copies; reusing the receive buffer afterwards changes nothing.
     */
    @Test
    void cve_2022_0934_decodedMessageOwnsItsBytes() throws Exception {
        byte[] buffer = Captures.hex(relayForw("20010db8000000000000000000000001",
                "00120002 6530" + relayMsg("01000001" + Dhcp6DecoderTest.CLIENTID)));
        Dhcp6Message m = Dhcp6Decoder.decode(buffer);
        byte[] before = Dhcp6Encoder.encode(m);

        Arrays.fill(buffer, (byte) 0);

        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(before);
        assertThat(m.relays().get(0).interfaceId()).containsExactly('e', '0');
        assertThat(m.clientId().toHex()).isEqualTo("00:01:00:01:32:a8:ca:03:00:0c:01:02:03:04");
    }

    /**
     * kea#4268: Kea mishandled a pd-exclude whose excluded prefix was huge. The codec accepts only
     * an excluded length of 1..128, longer than the delegated prefix, with exactly the subnet-ID
     * octets the two lengths call for, so the prefix arithmetic never sees anything else.
     */
    @Test
    void kea_4268_hugePdExcludePrefixIsMalformed() {
        String iaPrefixHeader = "00000bb8 00000fa0 38 20010db8800000000000000000000000";
        assertMalformed(iaPd(iaPrefixHeader + "00430002 ff00"),
                "option 67 (pd-exclude) at offset 49: excluded prefix length 255 is not in 1..128", 49);
        assertMalformed(iaPd(iaPrefixHeader + "004300c9 40" + "ff".repeat(200)),
                "option 67 (pd-exclude) at offset 49: subnet ID of 200 octets, expected 1 for /56 to /64", 49);
        assertMalformed(iaPd(iaPrefixHeader + "00430002 3800"),
                "option 67 (pd-exclude) at offset 49: excluded prefix length 56 is not longer than the delegated /56",
                49);
        assertMalformed("07000001 00430012 80" + "ff".repeat(17),
                "option 67 (pd-exclude) at offset 4: subnet ID of 17 octets is longer than an IPv6 address", 4);
    }

    static String iaPd(String iaPrefixPayload) {
        int len = Captures.hex(iaPrefixPayload).length;
        return "07000001 0019" + String.format("%04x", 12 + 4 + len) + "00000001 000003e8 000007d0 001a"
                + String.format("%04x", len) + iaPrefixPayload;
    }

    /**
     * CVE-2010-3611 (dhcpd: crash on a relay-forward with an unspecified link address): a link
     * address of :: is legal (RFC 8415 §19.1.1: the relay has no global address on the link), so
     * it decodes, re-encodes and is kept in the RELAY-REPL; choosing a subnet is the server's job.
     */
    @Test
    void cve_2010_3611_unspecifiedLinkAddressDecodes() throws Exception {
        byte[] packet = Captures.hex(relayForw("00000000000000000000000000000000",
                "00120002 6530" + relayMsg("01000001" + Dhcp6DecoderTest.CLIENTID)));

        Dhcp6Message m = Dhcp6Decoder.decode(packet);

        assertThat(m.relays().get(0).linkAddress()).isEqualTo(a("::"));
        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(packet);
        Dhcp6Relay reply = Dhcp6Message.replyTo(m, Dhcp6MessageType.ADVERTISE).build().relays().get(0);
        assertThat(reply.linkAddress()).isEqualTo(a("::"));
        assertThat(reply.options()).isEqualTo(List.of(new Dhcp6Option(OptionCodes6.INTERFACE_ID, "e0".getBytes())));
    }
}
