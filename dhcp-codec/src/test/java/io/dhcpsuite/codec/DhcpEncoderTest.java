package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DhcpEncoderTest {

    private static DhcpMessage.Builder reply() {
        return DhcpMessage.builder().op(DhcpMessage.BOOTREPLY).xid(7)
                .hwAddress(1, Captures.hex("000c01020304"))
                .yiaddr(Ipv4.parse("198.18.0.10"));
    }

    private static int[] codesOnWire(byte[] p) {
        int[] codes = new int[p.length];
        int n = 0;
        int i = DhcpDecoder.MIN_LEN;
        while (i < p.length && (p[i] & 0xFF) != 255) {
            codes[n++] = p[i] & 0xFF;
            i += 2 + (p[i + 1] & 0xFF);
        }
        return Arrays.copyOf(codes, n);
    }

    @Test
    void builderPutsMessageTypeFirstServerIdSecondAndRelayInfoLast() {
        DhcpMessage m = reply()
                .optionAddress(OptionCodes.ROUTERS, Ipv4.parse("198.18.0.1"))
                .option(OptionCodes.RELAY_AGENT_INFO, Captures.hex("0104aabbccdd"))
                .optionUint32(OptionCodes.LEASE_TIME, 4000)
                .optionAddress(OptionCodes.SERVER_ID, Ipv4.parse("198.18.0.2"))
                .messageType(MessageType.ACK)
                .optionAddress(OptionCodes.SUBNET_MASK, Ipv4.mask(15))
                .build();

        assertThat(codesOnWire(DhcpEncoder.encode(m))).containsExactly(53, 54, 3, 51, 1, 82);
    }

    @Test
    void replacingAnOptionKeepsItsPosition() {
        DhcpMessage m = reply().messageType(MessageType.OFFER).option(12, "a".getBytes()).option(15, "b".getBytes())
                .option(12, "c".getBytes()).messageType(MessageType.ACK).build();

        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(53, 12, 15);
        assertThat(m.optionString(12)).isEqualTo("c");
        assertThat(m.messageType()).isEqualTo(MessageType.ACK);
    }

    @Test
    void splitsLongOptionsIntoConsecutiveInstances() throws Exception {
        byte[] big = new byte[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        DhcpMessage m = reply().messageType(MessageType.ACK).option(OptionCodes.CLASSLESS_STATIC_ROUTE, big).build();

        byte[] p = DhcpEncoder.encode(m);

        // RFC 3396 §5: 255 + 255 + 90 bytes in three consecutive instances of 121.
        assertThat(codesOnWire(p)).containsExactly(53, 121, 121, 121);
        assertThat(p[243 + 1] & 0xFF).isEqualTo(255);
        assertThat(p[243 + 257 + 1] & 0xFF).isEqualTo(255);
        assertThat(p[243 + 514 + 1] & 0xFF).isEqualTo(90);
        assertThat(p.length).isEqualTo(240 + 3 + 600 + 6 + 1);
        assertThat(DhcpDecoder.decode(p).option(121)).isEqualTo(big);
        assertThat(DhcpDecoder.decode(p)).isEqualTo(m);
    }

    @Test
    void writesEmptyOptionsAndEndAndPadsTo300() throws Exception {
        DhcpMessage m = reply().messageType(MessageType.NAK).option(80, new byte[0]).build();

        byte[] p = DhcpEncoder.encode(m);

        assertThat(p).hasSize(300);
        assertThat(Arrays.copyOfRange(p, 240, 246)).isEqualTo(Captures.hex("350106 5000 ff"));
        assertThat(Arrays.copyOfRange(p, 246, 300)).containsOnly(0);
        assertThat(DhcpDecoder.decode(p)).isEqualTo(m);
    }

    @Test
    void writesHeaderFields() throws Exception {
        DhcpMessage m = reply().hops(3).secs(65535).broadcast(true).ciaddr(Ipv4.parse("192.0.2.1"))
                .siaddr(Ipv4.parse("192.0.2.2")).giaddr(Ipv4.parse("192.0.2.3")).sname("srv").file("boot.bin")
                .messageType(MessageType.OFFER).build();

        DhcpMessage back = DhcpDecoder.decode(DhcpEncoder.encode(m));

        assertThat(back).isEqualTo(m);
        assertThat(back.snameString()).isEqualTo("srv");
        assertThat(back.fileString()).isEqualTo("boot.bin");
        assertThat(back.flags()).isEqualTo(0x8000);
    }

    @Test
    void refusesTooSmallBuffer() {
        DhcpMessage m = reply().messageType(MessageType.ACK).build();

        assertThatThrownBy(() -> DhcpEncoder.encode(m, new byte[310], 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer too small: need 300 bytes at offset 20, have 290");
        assertThat(DhcpEncoder.encodedLength(m)).isEqualTo(300);
    }
}
