package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DhcpDecoderTest {

    /** A BOOTREQUEST header for 00:0c:01:02:03:04, the cookie, then {@code options} as given. */
    static byte[] packet(String optionsHex) {
        byte[] opts = Captures.hex(optionsHex);
        byte[] p = new byte[DhcpDecoder.MIN_LEN + opts.length];
        p[0] = 1;
        p[1] = 1;
        p[2] = 6;
        p[4] = 0x12;
        p[7] = 0x34;
        System.arraycopy(Captures.hex("000c01020304"), 0, p, 28, 6);
        Ipv4.toBytes(DhcpDecoder.MAGIC_COOKIE, p, DhcpDecoder.HEADER_LEN);
        System.arraycopy(opts, 0, p, DhcpDecoder.MIN_LEN, opts.length);
        return p;
    }

    private static void assertMalformed(byte[] p, String message, int offset) {
        ThrowingCallable call = () -> DhcpDecoder.decode(p);
        assertThatThrownBy(call).isInstanceOf(MalformedPacketException.class).hasMessage(message)
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(offset));
    }

    @Test
    void rejectsPacketShorterThanHeaderAndCookie() {
        assertMalformed(new byte[100], "packet length 100 shorter than the 240-byte BOOTP header and cookie", 100);
        assertMalformed(Arrays.copyOf(packet(""), 239),
                "packet length 239 shorter than the 240-byte BOOTP header and cookie", 239);
    }

    @Test
    void rejectsBadMagicCookie() {
        byte[] p = packet("3501 01 ff");
        Ipv4.toBytes(0x01020304, p, 236);
        assertMalformed(p, "bad magic cookie 0x01020304 at offset 236", 236);
    }

    @Test
    void rejectsHardwareAddressLengthOver16() {
        byte[] p = packet("350101ff");
        p[2] = 40;
        assertMalformed(p, "hlen 40 exceeds 16", 2);
    }

    @Test
    void rejectsOptionRunningPastTheEnd() {
        // 53/1/DISCOVER at 240..242, 61/7 at 243..251, 81 at 252 claims 3 bytes, 1 left.
        byte[] p = packet("350101 3d0701000c01020304 8103 00");
        assertMalformed(p, "option 129 length 3 exceeds remaining 1 at offset 252", 252);
        byte[] q = packet("350101 3d0701000c01020304 5103 00");
        assertMalformed(q, "option 81 length 3 exceeds remaining 1 at offset 252", 252);
        // One byte short at the very end of the packet.
        assertMalformed(packet("350101 0c02 41"), "option 12 length 2 exceeds remaining 1 at offset 243", 243);
    }

    @Test
    void rejectsOptionWithoutLengthByte() {
        assertMalformed(packet("350101 0c"), "option 12 at offset 243 has no length byte before the end of the options field", 243);
    }

    @Test
    void rejectsBadOverloadOption() {
        assertMalformed(packet("350101 340204 00 ff"), "option 52 length 2 at offset 243, expected 1", 243);
        assertMalformed(packet("350101 340104 ff"), "option 52 value 4 at offset 243 is not 1, 2 or 3", 245);
        byte[] p = packet("350101 340101 ff");
        p[108] = 52;
        p[109] = 1;
        p[110] = 1;
        p[111] = (byte) 255;
        assertMalformed(p, "option 52 inside the overloaded file field at offset 108", 108);
    }

    @Test
    void rejectsOptionOverrunningOverloadedSname() {
        byte[] p = packet("350101 340102 ff");
        p[44 + 60] = 12;
        p[44 + 61] = 5;
        assertMalformed(p, "option 12 length 5 exceeds remaining 2 at offset 104", 104);
    }

    @Test
    void acceptsMissingMessageTypeAndMissingEnd() throws Exception {
        DhcpMessage m = DhcpDecoder.decode(packet("0c04686f7374"));

        assertThat(m.messageType()).isNull();
        assertThat(m.optionString(OptionCodes.HOST_NAME)).isEqualTo("host");
        assertThat(DhcpDecoder.decode(packet("")).options()).isEmpty();
    }

    @Test
    void messageTypeIsNullForUnknownValueOrWrongLength() throws Exception {
        assertThat(DhcpDecoder.decode(packet("3501 63 ff")).messageType()).isNull();
        assertThat(DhcpDecoder.decode(packet("3502 0101 ff")).messageType()).isNull();
        assertThat(DhcpDecoder.decode(packet("3501 08 ff")).messageType()).isEqualTo(MessageType.INFORM);
    }

    @Test
    void skipsPadsAndStopsAtEnd() throws Exception {
        DhcpMessage m = DhcpDecoder.decode(packet("00 00 350103 00 ff 0c0141"));

        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(53);
    }

    @Test
    void keepsUnknownOptionsInOrder() throws Exception {
        DhcpMessage m = DhcpDecoder.decode(packet("350101 e003aabbcc 3c03666f6f fe00 ff"));

        assertThat(m.options()).containsExactly(
                new DhcpOption(53, new byte[] {1}),
                new DhcpOption(224, Captures.hex("aabbcc")),
                new DhcpOption(60, "foo".getBytes()),
                new DhcpOption(254, new byte[0]));
    }

    @Test
    void concatenatesSplitOptionsAtTheFirstPosition() throws Exception {
        // RFC 3396 §7: two 77 instances around a 12 join into one 77 before 12.
        DhcpMessage m = DhcpDecoder.decode(packet("350101 4d03010203 0c0141 4d020405 ff"));

        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(53, 77, 12);
        assertThat(m.option(77)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void readsOverloadedFileThenSnameAndDropsOverloadOption() throws Exception {
        byte[] p = packet("350101 340103 4d0101 ff");
        byte[] inFile = Captures.hex("0c0466696c65 4d0102 ff");
        byte[] inSname = Captures.hex("0f0b6578616d706c652e6f7267 4d0103 ff");
        System.arraycopy(inFile, 0, p, 108, inFile.length);
        System.arraycopy(inSname, 0, p, 44, inSname.length);

        DhcpMessage m = DhcpDecoder.decode(p);

        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(53, 77, 12, 15);
        assertThat(m.option(77)).containsExactly(1, 2, 3);
        assertThat(m.optionString(12)).isEqualTo("file");
        assertThat(m.optionString(15)).isEqualTo("example.org");
        assertThat(m.hasOption(OptionCodes.OVERLOAD)).isFalse();
        assertThat(m.file()).containsOnly(0);
        assertThat(m.sname()).containsOnly(0);
    }

    @Test
    void keepsFileAndSnameWhenNotOverloaded() throws Exception {
        byte[] p = packet("350101 ff");
        byte[] name = "pxelinux.0".getBytes();
        System.arraycopy(name, 0, p, 108, name.length);
        p[44] = 's';

        DhcpMessage m = DhcpDecoder.decode(p);

        assertThat(m.fileString()).isEqualTo("pxelinux.0");
        assertThat(m.snameString()).isEqualTo("s");
    }

    @Test
    void decodesFromAnOffsetReportingOffsetsRelativeToThePacket() throws Exception {
        byte[] p = packet("350101 0c05 41");
        byte[] buf = new byte[p.length + 20];
        System.arraycopy(p, 0, buf, 10, p.length);

        assertThatThrownBy(() -> DhcpDecoder.decode(buf, 10, p.length))
                .hasMessage("option 12 length 5 exceeds remaining 1 at offset 243");
        byte[] ok = packet("350101 ff");
        System.arraycopy(ok, 0, buf, 10, ok.length);
        assertThat(DhcpDecoder.decode(buf, 10, ok.length).messageType()).isEqualTo(MessageType.DISCOVER);
    }

    @Test
    void readsFixedHeaderFields() throws Exception {
        byte[] p = packet("350103 ff");
        p[3] = 2;
        p[8] = 0x01;
        p[9] = 0x02;
        p[10] = (byte) 0x80;
        Ipv4.toBytes(Ipv4.parse("192.0.2.5"), p, 12);
        Ipv4.toBytes(Ipv4.parse("192.0.2.6"), p, 16);
        Ipv4.toBytes(Ipv4.parse("192.0.2.7"), p, 20);
        Ipv4.toBytes(Ipv4.parse("192.0.2.8"), p, 24);

        DhcpMessage m = DhcpDecoder.decode(p);

        assertThat(m.xid()).isEqualTo(0x12000034);
        assertThat(m.hops()).isEqualTo(2);
        assertThat(m.secs()).isEqualTo(0x0102);
        assertThat(m.flags()).isEqualTo(0x8000);
        assertThat(m.broadcast()).isTrue();
        assertThat(Ipv4.format(m.ciaddr())).isEqualTo("192.0.2.5");
        assertThat(Ipv4.format(m.yiaddr())).isEqualTo("192.0.2.6");
        assertThat(Ipv4.format(m.siaddr())).isEqualTo("192.0.2.7");
        assertThat(Ipv4.format(m.giaddr())).isEqualTo("192.0.2.8");
        assertThat(m.hwAddress()).containsExactly(0, 0x0c, 1, 2, 3, 4);
    }
}
