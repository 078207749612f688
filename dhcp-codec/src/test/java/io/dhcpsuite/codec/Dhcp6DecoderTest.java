package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class Dhcp6DecoderTest {

    /** perfdhcp's DUID-LLT, 14 octets. */
    static final String CLIENTID = "0001000e 0001000132a8ca03000c01020304";
    static final String IA_NA = "0003000c 00000001 00000000 00000000";

    static byte[] hex(String h) {
        return Captures.hex(h);
    }

    static void assertMalformed(String packet, String message, int offset) {
        assertMalformed(() -> Dhcp6Decoder.decode(hex(packet)), message, offset);
    }

    static void assertMalformed(ThrowingCallable call, String message, int offset) {
        assertThatThrownBy(call).isInstanceOf(MalformedPacketException.class).hasMessage(message)
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(offset));
    }

    @Test
    void decodesSolicitWithTypedOptions() throws Exception {
        Dhcp6Message m = Dhcp6Decoder.decode(hex("01 123456" + CLIENTID + IA_NA
                + "00060004 00170018 00080002 0064 000e0000 00140000"));

        assertThat(m.messageType()).isEqualTo(Dhcp6MessageType.SOLICIT);
        assertThat(m.transactionId()).isEqualTo(0x123456);
        assertThat(m.relayed()).isFalse();
        assertThat(m.clientId().type()).isEqualTo(Duid.Type.LLT);
        assertThat(m.clientId().toHex()).isEqualTo("00:01:00:01:32:a8:ca:03:00:0c:01:02:03:04");
        assertThat(m.iaNa()).containsExactly(new IaNa(1, 0, 0, java.util.List.of()));
        assertThat(m.oro()).containsExactly(23, 24);
        assertThat(m.elapsedTime()).isEqualTo(100);
        assertThat(m.rapidCommit()).isTrue();
        assertThat(m.reconfigureAccept()).isTrue();
        assertThat(m.serverId()).isNull();
        assertThat(m.preference()).isNull();
        assertThat(m.options()).extracting(Dhcp6Option::code).containsExactly(1, 3, 6, 8, 14, 20);
    }

    @Test
    void keepsUnknownOptionsAndTypesByteForByte() throws Exception {
        // Option 65000 and type 200 mean nothing to the codec; a malformed-looking payload of an
        // option it does not interpret (dns-servers of 3 octets) is the server's business.
        byte[] packet = hex("c8 abcdef fde80005 0102030405 00170003 aabbcc 00000000");

        Dhcp6Message m = Dhcp6Decoder.decode(packet);

        assertThat(m.type()).isEqualTo(200);
        assertThat(m.messageType()).isNull();
        assertThat(m.option(65000)).containsExactly(1, 2, 3, 4, 5);
        assertThat(m.option(0)).isEmpty();
        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(packet);
    }

    @Test
    void carriesDhcpv4OverDhcpv6Opaque() throws Exception {
        // RFC 7341: DHCPV4-QUERY, 3 octets of flags (unicast bit set), option 87 holds a DHCPv4 packet.
        byte[] packet = hex("14 800000 00570006 010106000102");

        Dhcp6Message m = Dhcp6Decoder.decode(packet);

        assertThat(m.messageType()).isEqualTo(Dhcp6MessageType.DHCPV4_QUERY);
        assertThat(m.transactionId()).isEqualTo(0x800000);
        assertThat(m.dhcpv4Message()).containsExactly(1, 1, 6, 0, 1, 2);
        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(packet);
    }

    @Test
    void unwrapsNestedRelaysOutermostFirst() throws Exception {
        String inner = "01 000001" + CLIENTID;
        String relay1 = "0c 00 20010db8000100000000000000000001 fe800000000000000000000000000002"
                + "00120004 65746830" + "0009" + String.format("%04x", hex(inner).length) + inner;
        // The outer relay puts relay-msg first and remote-id after it; both orders re-encode exactly.
        String relay2 = "0c 01 20010db8000200000000000000000001 20010db8000100000000000000000001"
                + "0009" + String.format("%04x", hex(relay1).length) + relay1
                + "00250008 00000de9 61626364";
        byte[] packet = hex(relay2);

        Dhcp6Message m = Dhcp6Decoder.decode(packet);

        assertThat(m.messageType()).isEqualTo(Dhcp6MessageType.SOLICIT);
        assertThat(m.relays()).hasSize(2);
        Dhcp6Relay outer = m.relays().get(0);
        Dhcp6Relay first = m.relays().get(1);
        assertThat(outer.hopCount()).isEqualTo(1);
        assertThat(Ipv6.format(outer.linkAddress())).isEqualTo("2001:db8:2::1");
        assertThat(outer.remoteId()).isEqualTo(new RemoteId(3561, "abcd".getBytes()));
        assertThat(outer.relayMessageIndex()).isZero();
        assertThat(first.hopCount()).isZero();
        assertThat(Ipv6.format(first.peerAddress())).isEqualTo("fe80::2");
        assertThat(first.interfaceId()).asString().isEqualTo("eth0");
        assertThat(first.relayMessageIndex()).isEqualTo(1);
        // Kea's relay6[nest]: 0 closest to the server, -1 closest to the client.
        assertThat(m.relay(0)).isSameAs(outer);
        assertThat(m.relay(-1)).isSameAs(first);
        assertThat(m.relay(-2)).isSameAs(outer);
        assertThat(m.relay(2)).isNull();
        assertThat(m.relay(-3)).isNull();
        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(packet);
    }

    @Test
    void refusesTruncatedHeaders() {
        assertMalformed("", "packet length 0 has no message type", 0);
        assertMalformed("010000", "message at offset 0 has 3 octets, shorter than the 4-octet header", 0);
        assertMalformed("0c00" + "00".repeat(31), "relay message at offset 0 has 33 octets, shorter than the"
                + " 34-octet relay header", 0);
    }

    @Test
    void refusesOptionsRunningPastTheirEnclosure() {
        assertMalformed("01000000 000100", "option header at offset 4 needs 4 octets, 3 left", 4);
        assertMalformed("01000000 00010010 0001", "option 1 length 16 exceeds remaining 2 at offset 4", 4);
        // An IAADDR claiming more than its IA_NA holds: the offset is the IAADDR's, in the packet.
        assertMalformed("01000000 00030014 00000001 00000000 00000000 00050018 00000000",
                "option 5 length 24 exceeds remaining 4 at offset 20", 20);
    }

    @Test
    void refusesIaOptionsShorterThanTheirFixedPart() {
        assertMalformed("01000000 00030008 0000000100000000",
                "option 3 (ia-na) at offset 4: length 8 shorter than its 12-octet fixed part", 4);
        assertMalformed("01000000 00040002 0000",
                "option 4 (ia-ta) at offset 4: length 2 shorter than its 4-octet fixed part", 4);
        assertMalformed("01000000 00190020 00000001 00000000 00000000 001a0010" + "00".repeat(16),
                "option 26 (iaprefix) at offset 20: length 16 shorter than its 25-octet fixed part", 20);
        assertMalformed("01000000 00190029 00000001 00000000 00000000 001a0019 00000000 00000000 81"
                        + "20010db8000000000000000000000000",
                "option 26 (iaprefix) at offset 20: prefix length 129 exceeds 128", 20);
    }

    @Test
    void refusesOptionsNestedTooDeep() {
        // IA_NA inside IA_NA nine times: no client sends that, and the walk must stay bounded.
        String ia = "";
        for (int i = 0; i < 10; i++) {
            byte[] inner = hex(ia);
            ia = "0003" + String.format("%04x", 12 + inner.length) + "000000010000000000000000" + ia;
        }
        assertMalformed("01000000" + ia, "option 3 (ia-na) at offset 132: nests options deeper than 8 levels", 132);
    }

    @Test
    void refusesFixedSizeOptionsOfAnotherSize() {
        assertMalformed("01000000 00080003 000000", "option 8 (elapsed-time) at offset 4: length 3, expected 2", 4);
        assertMalformed("01000000 00070002 0000", "option 7 (preference) at offset 4: length 2, expected 1", 4);
        assertMalformed("01000000 000e0001 00", "option 14 (rapid-commit) at offset 4: length 1, expected 0", 4);
        assertMalformed("01000000 000c0004 00000000", "option 12 (unicast) at offset 4: length 4, expected 16", 4);
        assertMalformed("01000000 00060003 001700",
                "option 6 (oro) at offset 4: length 3 is odd, expected option codes of 2 octets", 4);
        assertMalformed("01000000 000d0001 00",
                "option 13 (status-code) at offset 4: length 1 shorter than the 2-octet status code", 4);
    }

    @Test
    void refusesDuidsOutsideKeasBounds() {
        assertMalformed("01000000 00010002 0001", "option 1 (clientid) at offset 4: DUID length 2 is not in 3..130", 4);
        assertMalformed("07000000 00020000", "option 2 (serverid) at offset 4: DUID length 0 is not in 3..130", 4);
    }

    @Test
    void refusesMalformedVendorAndRelayOptions() {
        assertMalformed("01000000 00100008 00000de9 0005 6162",
                "option 16 (vendor-class) at offset 12: data length 5 exceeds remaining 2", 12);
        assertMalformed("01000000 00110009 00000de9 00010005 61",
                "vendor sub-option 1 length 5 exceeds remaining 1 at offset 12", 12);
        assertMalformed("01000000 00250003 000000",
                "option 37 (remote-id) at offset 4: length 3 shorter than the 4-octet enterprise number", 4);
    }

    @Test
    void refusesMalformedClientFqdn() {
        assertMalformed("01000000 00270006 05 0468 6f73 74", "client FQDN flags 0x05 at offset 8 set both N and S", 8);
        assertMalformed("01000000 00270004 01 0568 6f", "client FQDN name label length 5 exceeds remaining 2 at offset 9",
                9);
        assertMalformed("01000000 00270004 01 00 6162",
                "client FQDN has 2 octets after the root label at offset 10", 10);
    }

    @Test
    void refusesRelaysWithoutExactlyOneRelayMessage() {
        String header = "0c00" + "00".repeat(32);
        assertMalformed(header + "00120001 61", "relay message at offset 0 has no relay-msg option", 0);
        assertMalformed(header + "00090000", "relay-msg option at offset 34 is empty", 34);
        assertMalformed(header + "00090004 01000000 00090004 01000000",
                "relay message at offset 0 has a second relay-msg option at offset 42", 42);
        // The inner message is decoded in place: its errors carry packet offsets.
        assertMalformed(header + "00090007 01000000 000800",
                "option header at offset 42 needs 4 octets, 3 left", 42);
    }
}
