package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionDataCodecTest {

    private static OptionDefinition std(String name) {
        return StandardOptions4.byName(name);
    }

    private static OptionDefinition custom(OptionType type, boolean array) {
        return OptionDefinition.of("custom", 200, "dhcp4", type, array);
    }

    private static OptionDefinition record(boolean array, OptionType... fields) {
        return new OptionDefinition("rec", 201, "dhcp4", OptionType.RECORD, array, List.of(fields), "");
    }

    private static byte[] csv(OptionDefinition def, String data) {
        return OptionDataCodec.encode(def, data, true);
    }

    private static void assertRoundTrip(OptionDefinition def, String text, String hex, String formatted) {
        byte[] wire = csv(def, text);
        assertThat(wire).as(text).isEqualTo(Captures.hex(hex));
        assertThat(OptionDataCodec.format(def, wire)).isEqualTo(formatted);
        assertThat(csv(def, formatted)).isEqualTo(wire);
    }

    @Test
    void ipv4AddressArrays() {
        assertRoundTrip(std("domain-name-servers"), "198.18.0.2,  198.18.0.3", "c6120002 c6120003", "198.18.0.2, 198.18.0.3");
        assertRoundTrip(std("subnet-mask"), "255.254.0.0", "fffe0000", "255.254.0.0");
        assertThatThrownBy(() -> csv(std("routers"), "198.18.0.1, 10.0.0.300"))
                .hasMessage("'10.0.0.300' is not a valid IPv4 address");
        assertThatThrownBy(() -> csv(std("subnet-mask"), "255.0.0.0, 255.255.0.0"))
                .hasMessage("option subnet-mask takes one ipv4-address value, got 2 (write a comma inside a string as \\,)");
    }

    @Test
    void unsignedAndSignedIntegersWithRanges() {
        assertRoundTrip(std("default-ip-ttl"), "64", "40", "64");
        assertRoundTrip(std("interface-mtu"), "1500", "05dc", "1500");
        assertRoundTrip(std("dhcp-lease-time"), "4294967295", "ffffffff", "4294967295");
        assertRoundTrip(std("time-offset"), "-3600", "fffff1f0", "-3600");
        assertRoundTrip(custom(OptionType.INT8, true), "-128, 127", "807f", "-128, 127");
        assertRoundTrip(custom(OptionType.INT16, false), "-2", "fffe", "-2");
        assertRoundTrip(std("dhcp-parameter-request-list"), "1, 3, 0x06", "010306", "1, 3, 6");
        assertThatThrownBy(() -> csv(std("default-ip-ttl"), "300")).hasMessage("'300' is out of range for uint8");
        assertThatThrownBy(() -> csv(std("default-ip-ttl"), "-1")).hasMessage("'-1' is out of range for uint8");
        assertThatThrownBy(() -> csv(std("interface-mtu"), "65536")).hasMessage("'65536' is out of range for uint16");
        assertThatThrownBy(() -> csv(std("dhcp-lease-time"), "4294967296")).hasMessage("'4294967296' is out of range for uint32");
        assertThatThrownBy(() -> csv(custom(OptionType.INT8, false), "128")).hasMessage("'128' is out of range for int8");
        assertThatThrownBy(() -> csv(std("boot-size"), "12a")).hasMessage("'12a' is not a valid uint16");
        assertThatThrownBy(() -> csv(std("time-offset"), "")).hasMessage("'' is not a valid int32");
    }

    @Test
    void booleans() {
        assertRoundTrip(std("ip-forwarding"), "true", "01", "true");
        assertRoundTrip(std("ip-forwarding"), "false", "00", "false");
        assertThat(csv(std("ip-forwarding"), "1")).containsExactly(1);
        assertThatThrownBy(() -> csv(std("ip-forwarding"), "yes")).hasMessage("'yes' is not a valid boolean (true or false)");
    }

    @Test
    void stringsWithEscapedCommas() {
        assertRoundTrip(std("domain-name"), "example.org", "6578616d706c652e6f7267", "example.org");
        assertRoundTrip(std("dhcp-message"), "no\\, thanks", "6e6f2c207468616e6b73", "no\\, thanks");
        assertThatThrownBy(() -> csv(std("domain-name"), "")).hasMessage("option domain-name: empty string values are not allowed");
    }

    @Test
    void fqdnsInWireFormat() {
        assertRoundTrip(std("domain-search"), "example.org, sub.example.org.",
                "076578616d706c65036f726700 03737562076578616d706c65036f726700", "example.org., sub.example.org.");
        assertThatThrownBy(() -> csv(std("v4-lost"), "a..b")).hasMessage("'a..b' is not a valid domain name: empty label");
        assertThatThrownBy(() -> csv(std("v4-lost"), "x".repeat(64) + ".org"))
                .hasMessageEndingWith("label longer than 63 octets");
    }

    @Test
    void records() {
        // fqdn record: flags, rcode1, rcode2, name
        assertRoundTrip(std("fqdn"), "5, 0, 0, host.example.org", "050000 04686f7374076578616d706c65036f726700",
                "5, 0, 0, host.example.org.");
        assertRoundTrip(std("vivco-suboptions"), "4491, 0a0b", "0000118b 0a0b", "4491, 0A0B");
        assertRoundTrip(std("status-code"), "0, all\\, good", "00 616c6c2c20676f6f64", "0, all\\, good");
        // Kea's record arrays repeat the last field: option-6rd takes one or more IPv4 border relays.
        assertRoundTrip(std("option-6rd"), "8, 32, 2001:db8::, 192.0.2.1, 192.0.2.2",
                "08 20 20010db8000000000000000000000000 c0000201 c0000202", "8, 32, 2001:db8::, 192.0.2.1, 192.0.2.2");
        assertThatThrownBy(() -> csv(std("client-ndi"), "1, 2"))
                .hasMessage("option client-ndi needs 3 values (uint8, uint8, uint8), got 2");
        assertThatThrownBy(() -> csv(std("client-ndi"), "1, 2, 3, 4"))
                .hasMessage("option client-ndi needs 3 values (uint8, uint8, uint8), got 4");
        assertThatThrownBy(() -> csv(std("slp-directory-agent"), "true"))
                .hasMessage("option slp-directory-agent needs 2 or more values (boolean, ipv4-address), got 1");
    }

    @Test
    void ipv6AddressesPrefixesAndPsid() {
        assertRoundTrip(custom(OptionType.IPV6_ADDRESS, false), "2001:DB8:0:0:1::1", "20010db8000000000001000000000001", "2001:db8::1:0:0:1");
        assertRoundTrip(custom(OptionType.IPV6_PREFIX, false), "2001:db8::/32", "20 20010db8", "2001:db8::/32");
        assertRoundTrip(std("v4-portparams"), "2, 3/4", "02 04 3000", "2, 3/4");
        assertThatThrownBy(() -> csv(custom(OptionType.IPV6_ADDRESS, false), "example.org"))
                .hasMessage("'example.org' is not a valid IPv6 address");
        assertThatThrownBy(() -> csv(custom(OptionType.IPV6_ADDRESS, false), "1:2:3:4:5:6:7:8:9"))
                .hasMessage("'1:2:3:4:5:6:7:8:9' is not a valid IPv6 address");
        assertThatThrownBy(() -> csv(custom(OptionType.IPV6_PREFIX, false), "2001:db8::/129"))
                .hasMessage("'2001:db8::/129': ipv6-prefix length '129' is not in 0..128");
        assertThatThrownBy(() -> csv(std("v4-portparams"), "2, 16/4")).hasMessage("'16/4': psid 16 does not fit 4 bits");
    }

    @Test
    void tuples() {
        assertRoundTrip(custom(OptionType.TUPLE, true), "abc, de", "03616263 026465", "abc, de");
        // RFC 8572: the v4 SZTP redirect URIs have two-byte lengths.
        assertRoundTrip(std("v4-sztp-redirect"), "https://a", "0009 68747470733a2f2f61", "https://a");
    }

    @Test
    void classlessStaticRoutesInKeaTextForm() {
        assertRoundTrip(std("classless-static-route"), "10.0.0.0/8 - 10.0.0.1, 198.18.0.0/15 - 198.18.0.1, 0.0.0.0/0 - 192.0.2.1",
                "08 0a 0a000001  0f c612 c6120001  00 c0000201",
                "10.0.0.0/8 - 10.0.0.1, 198.18.0.0/15 - 198.18.0.1, 0.0.0.0/0 - 192.0.2.1");
        assertThatThrownBy(() -> csv(std("classless-static-route"), "10.0.0.0/33 - 10.0.0.1"))
                .hasMessage("'10.0.0.0/33 - 10.0.0.1': prefix length '33' is not in 0..32");
        assertThatThrownBy(() -> csv(std("classless-static-route"), "10.0.0.0/8 10.0.0.1"))
                .hasMessage("'10.0.0.0/8 10.0.0.1' is not a valid classless static route (expected 'destination/length - router')");
        assertThatThrownBy(() -> csv(std("classless-static-route"), "10.0.0.0/8 - 10.0.0.256"))
                .hasMessage("'10.0.0.0/8 - 10.0.0.256' is not a valid classless static route: '10.0.0.256' is not a valid IPv4 address");
    }

    @Test
    void binaryAndEmptyTypes() {
        assertThat(csv(std("dhcp-client-identifier"), "01:00:0c:01:02:03:04")).isEqualTo(Captures.hex("01000c01020304"));
        assertThat(OptionDataCodec.format(std("user-class"), Captures.hex("0a0b"))).isEqualTo("0A0B");
        assertThat(csv(std("dhcp-agent-options"), "")).isEmpty();
        assertThatThrownBy(() -> csv(std("dhcp-agent-options"), "1"))
                .hasMessage("option dhcp-agent-options of type empty takes no data, got '1'");
    }

    @Test
    void hexFormsWhenCsvFormatIsFalse() {
        OptionDefinition mtu = std("interface-mtu");
        assertThat(OptionDataCodec.encode(mtu, "05DC", false)).containsExactly(0x05, 0xdc - 256);
        assertThat(OptionDataCodec.encode(mtu, "0x5dc", false)).containsExactly(0x05, 0xdc - 256);
        assertThat(OptionDataCodec.encode(mtu, "05:dc", false)).containsExactly(0x05, 0xdc - 256);
        assertThat(OptionDataCodec.encode(mtu, "5 dc", false)).containsExactly(0x05, 0xdc - 256);
        assertThat(OptionDataCodec.encode(std("routers"), "", false)).isEmpty();
        assertThatThrownBy(() -> OptionDataCodec.encode(mtu, "05dg", false)).hasMessage("'05dg' is not a valid hex string");
        assertThatThrownBy(() -> OptionDataCodec.encode(mtu, "05:1dc", false)).hasMessage("'05:1dc' is not a valid hex string");
        assertThatThrownBy(() -> OptionDataCodec.encode(mtu, "0x", false)).hasMessage("'0x' is not a valid hex string");
        assertThatThrownBy(() -> OptionDataCodec.encode(mtu, "05dc00", false))
                .hasMessage("3 bytes of data do not fit option interface-mtu (uint16)");
        assertThatThrownBy(() -> OptionDataCodec.encode(std("routers"), "c612000102", false))
                .hasMessage("5 bytes of data do not fit option routers (ipv4-address array)");
    }

    @Test
    void formatFallsBackToHexForDataThatDoesNotFit() {
        assertThat(OptionDataCodec.format(std("subnet-mask"), Captures.hex("ffff00"))).isEqualTo("FFFF00");
        assertThat(OptionDataCodec.format(std("ip-forwarding"), Captures.hex("02"))).isEqualTo("02");
        assertThat(OptionDataCodec.format(std("domain-search"), Captures.hex("03616263"))).isEqualTo("03616263");
    }
}
