package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4Test {

    @Test
    void parsesAndFormatsInNetworkOrder() {
        assertThat(Ipv4.parse("192.0.2.1")).isEqualTo(0xC0000201);
        assertThat(Ipv4.format(0xC612000A)).isEqualTo("198.18.0.10");
        assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(-1);
        assertThat(Ipv4.toUnsigned(-1)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void rejectsMalformedTextNamingIt() {
        for (String bad : new String[] {"10.0.0.300", "10.0.0", "10.0.0.1.", "1.2.3.4 ", "a.b.c.d", "", "1..2.3", "1.2.3.0004"}) {
            assertThatThrownBy(() -> Ipv4.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not a valid IPv4 address");
        }
    }

    @Test
    void parsesAPartOfALineWithoutThrowing() {
        String row = "198.19.255.250,02:00:00:00:00:01";
        assertThat(Ipv4.parse(row, 0, 14)).isEqualTo(0xC613FFFAL);
        assertThat(Ipv4.parse(row, 0, 15)).as("the comma is not part of an address").isEqualTo(-1);
        assertThat(Ipv4.parse("x255.255.255.255", 1, 16)).isEqualTo(0xFFFFFFFFL);
        assertThat(Ipv4.parse("10.0.0.300", 0, 10)).isEqualTo(-1);
        assertThat(Ipv4.parse("10.0.0", 0, 6)).isEqualTo(-1);
    }

    @Test
    void convertsBytesAndPrefixes() {
        byte[] b = new byte[6];
        Ipv4.toBytes(Ipv4.parse("198.18.0.1"), b, 1);
        assertThat(b).containsExactly(0, 198 - 256, 18, 0, 1, 0);
        assertThat(Ipv4.fromBytes(b, 1)).isEqualTo(Ipv4.parse("198.18.0.1"));
        assertThat(Ipv4.mask(15)).isEqualTo(Ipv4.parse("255.254.0.0"));
        assertThat(Ipv4.mask(0)).isZero();
        assertThat(Ipv4.mask(32)).isEqualTo(-1);
        assertThat(Ipv4.inPrefix(Ipv4.parse("198.19.255.1"), Ipv4.parse("198.18.0.0"), 15)).isTrue();
        assertThat(Ipv4.inPrefix(Ipv4.parse("198.20.0.1"), Ipv4.parse("198.18.0.0"), 15)).isFalse();
        assertThat(Ipv4.inPrefix(Ipv4.parse("192.0.2.1"), 0, 0)).isTrue();
        assertThat(Ipv4.prefixLength(Ipv4.parse("255.255.255.0"))).isEqualTo(24);
        assertThat(Ipv4.prefixLength(Ipv4.parse("255.0.255.0"))).isEqualTo(-1);
        assertThatThrownBy(() -> Ipv4.mask(33)).hasMessage("prefix length 33 is not in 0..32");
    }
}
