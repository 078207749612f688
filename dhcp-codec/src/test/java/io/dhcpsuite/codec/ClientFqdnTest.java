package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientFqdnTest {

    @Test
    void decodesCanonicalWireFormatFullyQualified() throws Exception {
        ClientFqdn f = ClientFqdn.decode(Captures.hex("05 00 00 04686f7374 076578616d706c65 036f7267 00"));

        assertThat(f.s()).isTrue();
        assertThat(f.e()).isTrue();
        assertThat(f.o()).isFalse();
        assertThat(f.n()).isFalse();
        assertThat(f.domainName()).isEqualTo("host.example.org");
        assertThat(f.fullyQualified()).isTrue();
        assertThat(f.fqdnText()).isEqualTo("host.example.org.");
    }

    @Test
    void decodesPartialWireName() throws Exception {
        ClientFqdn f = ClientFqdn.decode(Captures.hex("04 00 00 04686f7374"));

        assertThat(f.domainName()).isEqualTo("host");
        assertThat(f.fullyQualified()).isFalse();
        assertThat(f.encode()).isEqualTo(Captures.hex("04 00 00 04686f7374"));
    }

    @Test
    void decodesDeprecatedAsciiBothWays() throws Exception {
        ClientFqdn full = ClientFqdn.decode(concat(Captures.hex("01 ff ff"), "host.example.org.".getBytes()));
        ClientFqdn partial = ClientFqdn.decode(concat(Captures.hex("00 00 00"), "host\0".getBytes()));

        assertThat(full).isEqualTo(new ClientFqdn(true, false, false, false, 255, 255, "host.example.org", true));
        assertThat(partial).isEqualTo(new ClientFqdn(false, false, false, false, 0, 0, "host", false));
        assertThat(full.encode()).isEqualTo(concat(Captures.hex("01 ff ff"), "host.example.org.".getBytes()));
        assertThat(partial.encode()).isEqualTo(concat(Captures.hex("00 00 00"), "host".getBytes()));
    }

    @Test
    void reencodesWithServerFlags() throws Exception {
        ClientFqdn fromClient = ClientFqdn.decode(Captures.hex("05 00 00 04686f7374 076578616d706c65 036f7267 00"));

        byte[] reply = fromClient.withFlags(false, true, true).encode();

        // What Kea 2.2 sent with DDNS off (see fqdn-ack in the captures).
        assertThat(reply).isEqualTo(Captures.hex("0e 00 00 04686f7374 076578616d706c65 036f7267 00"));
    }

    @Test
    void emptyAndRootNames() throws Exception {
        assertThat(ClientFqdn.decode(Captures.hex("04 00 00"))).isEqualTo(new ClientFqdn(false, false, true, false, 0, 0, "", false));
        assertThat(ClientFqdn.decode(Captures.hex("04 00 00 00")).fullyQualified()).isTrue();
        assertThat(new ClientFqdn(false, false, true, false, 0, 0, "", false).encode()).containsExactly(4, 0, 0);
    }

    @Test
    void escapesOddLabelOctetsAndReadsThemBack() throws Exception {
        byte[] wire = Captures.hex("04 00 00 03612e62 00");
        ClientFqdn f = ClientFqdn.decode(wire);

        assertThat(f.domainName()).isEqualTo("a\\.b");
        assertThat(f.encode()).isEqualTo(wire);
    }

    @Test
    void rejectsMalformedPayloads() {
        assertMalformed("05 00", "client FQDN option length 2 shorter than the 3 octets of flags and rcodes", 2);
        assertMalformed("09 00 00 00", "client FQDN flags 0x09 at offset 0 set both N and S", 0);
        assertMalformed("04 00 00 05686f7374", "client FQDN name label length 5 exceeds remaining 4 at offset 3", 3);
        assertMalformed("04 00 00 c00c", "client FQDN name has a compression pointer at offset 3, not allowed here", 3);
        assertMalformed("04 00 00 40", "client FQDN name label length 64 exceeds 63 at offset 3", 3);
        assertMalformed("04 00 00 0161 00 0162", "client FQDN has 2 octets after the root label at offset 6", 6);
        StringBuilder longName = new StringBuilder("04 00 00");
        for (int i = 0; i < 4; i++) {
            longName.append(" 3f").append("61".repeat(63));
        }
        assertMalformed(longName.toString(), "client FQDN name is longer than 255 octets at offset 195", 195);
    }

    @Test
    void ignoresMustBeZeroBits() throws Exception {
        ClientFqdn f = ClientFqdn.decode(Captures.hex("f5 00 00 00"));

        assertThat(f.flags()).isEqualTo(0x05);
    }

    private static void assertMalformed(String hex, String message, int offset) {
        assertThatThrownBy(() -> ClientFqdn.decode(Captures.hex(hex)))
                .isInstanceOf(MalformedPacketException.class).hasMessage(message)
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(offset));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
