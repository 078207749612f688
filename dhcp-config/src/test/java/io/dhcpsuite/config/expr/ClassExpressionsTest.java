package io.dhcpsuite.config.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.codec.Ipv4;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassExpressionsTest {

    /** A relayed DISCOVER from 02:00:00:00:00:05 with vendor class "PXEClient:Arch:00000". */
    static final class FakePacket implements PacketView {
        final Map<Integer, byte[]> options = new HashMap<>();
        final Map<Integer, byte[]> relay = new HashMap<>();

        FakePacket() {
            options.put(60, "PXEClient:Arch:00000".getBytes(StandardCharsets.US_ASCII));
            options.put(61, new byte[] {1, 2, 0, 0, 0, 0, 5});
            options.put(12, "Host-A".getBytes(StandardCharsets.US_ASCII));
            relay.put(1, "eth0/1".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public byte[] option(int code) {
            return options.get(code);
        }

        @Override
        public byte[] relayAgentSubOption(int code) {
            return relay.get(code);
        }

        @Override
        public byte[] hwAddress() {
            return new byte[] {2, 0, 0, 0, 0, 5};
        }

        @Override
        public int hwType() {
            return 1;
        }

        @Override
        public int hlen() {
            return 6;
        }

        @Override
        public int messageType() {
            return 1;
        }

        @Override
        public int transactionId() {
            return 0x12345678;
        }

        @Override
        public int giaddr() {
            return Ipv4.parse("10.0.0.1");
        }

        @Override
        public int ciaddr() {
            return 0;
        }

        @Override
        public int yiaddr() {
            return 0;
        }

        @Override
        public int siaddr() {
            return Ipv4.parse("10.0.0.2");
        }

        @Override
        public int localAddress() {
            return Ipv4.parse("127.0.0.2");
        }

        @Override
        public int remoteAddress() {
            return Ipv4.parse("127.0.0.1");
        }

        @Override
        public int length() {
            return 300;
        }
    }

    static boolean eval(String test) {
        return ClassExpressions.compile(test).matches(new FakePacket(), Set.of("KNOWN", "gold"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // options by code and by name, hex/text/exists
        "option[60].text == 'PXEClient:Arch:00000' | true",
        "option[vendor-class-identifier].text == 'PXEClient:Arch:00000' | true",
        "option[61].hex == 0x01020000000005 | true",
        "option[61].hex == 0x0102 | false",
        "option[60].exists | true",
        "option[77].exists | false",
        "option[77].hex == '' | true",
        // relay agent sub-options
        "relay4[1].text == 'eth0/1' | true",
        "relay4[1].exists | true",
        "relay4[2].exists | false",
        // packet fields
        "pkt4.mac == 0x020000000005 | true",
        "pkt4.hlen == 6 | true",
        "pkt4.htype == 1 | true",
        "pkt4.msgtype == 1 | true",
        "pkt4.msgtype == 3 | false",
        "pkt4.transid == 0x12345678 | true",
        "pkt4.giaddr == 10.0.0.1 | true",
        "pkt4.siaddr == 10.0.0.2 | true",
        "pkt4.ciaddr == 0.0.0.0 | true",
        "pkt4.yiaddr == 0.0.0.0 | true",
        "pkt.len == 300 | true",
        "pkt.src == 127.0.0.1 | true",
        "pkt.dst == 127.0.0.2 | true",
        // substring, including Kea's negative start/length and 'all'
        "substring(option[60].text, 0, 9) == 'PXEClient' | true",
        "substring(option[60].text, 10, all) == 'Arch:00000' | true",
        "substring(option[60].text, 10, 'all') == 'Arch:00000' | true",
        "substring(option[60].text, -5, 5) == '00000' | true",
        "substring(option[60].text, -5, -3) == 'ch:' | true",
        "substring('foobar', 4, -2) == 'ob' | true",
        "substring('foobar', -1, 'all') == 'r' | true",
        "substring(option[60].text, 100, 2) == '' | true",
        "substring('abc', 1, 100) == 'bc' | true",
        // concat, ifelse, hexstring, case, split
        "concat('PXE', 'Client') == substring(option[60].text, 0, 9) | true",
        "ifelse(option[60].exists, 'yes', 'no') == 'yes' | true",
        "ifelse(option[77].exists, 'yes', 'no') == 'no' | true",
        "hexstring(pkt4.mac, ':') == '02:00:00:00:00:05' | true",
        "hexstring(0x0aff, '') == '0aff' | true",
        "lcase(option[12].text) == 'host-a' | true",
        "ucase(option[12].text) == 'HOST-A' | true",
        "split(option[60].text, ':', 2) == 'Arch' | true",
        "split(option[60].text, ':', 4) == '' | true",
        // boolean operators and precedence: not > and > or
        "member('gold') | true",
        "member('silver') | false",
        "not member('silver') | true",
        "member('silver') or member('gold') and option[60].exists | true",
        "(member('silver') or member('gold')) and option[77].exists | false",
        "not option[77].exists and not (pkt4.hlen == 5) | true",
        "member('silver') or not member('gold') | false",
        // literals are byte strings: an IP literal equals its 4 bytes, an integer its 4 bytes
        "10.0.0.1 == 0x0a000001 | true",
        "1 == 0x00000001 | true",
        "'A' == 0x41 | true",
        "0xa == 0x0a | true"
    })
    void evaluatesLikeKea(String test, boolean expected) {
        assertThat(eval(test)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "option[60].text === 1 | invalid character '=' at column 19",
        "option[60].text == | unexpected token end of expression at column 19",
        "option[60].text | unexpected token end of expression at column 16",
        "option[60].text == 'a' extra | unexpected token 'extra' at column 24",
        "option[no-such].exists | option 'no-such' at column 8 is not defined",
        "option[256].exists | option code 256 at column 8 is not in 0..255",
        "option[60].bogus == 'a' | unexpected token 'bogus' at column 12",
        "pkt4.iface == 'eth0' | unsupported field pkt4.iface at column 6",
        "pkt.iface == 'eth0' | unsupported field pkt.iface at column 5",
        "'abc == 'x' | unterminated string at column 11",
        "member(gold) | unexpected token 'gold' at column 8",
        "concat(option[60].exists, 'a') == 'a' | '.exists' is a condition, not a value, at column 19",
        "(member('a') | unexpected token end of expression at column 13",
        "substring('abc', x, 1) == 'a' | unexpected token 'x' at column 18"
    })
    void refusesBadExpressionsWithTheColumn(String test, String message) {
        assertThatThrownBy(() -> ClassExpressions.compile(test))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void refusesMemberOfAnUndefinedClassWhenGivenTheDictionary() {
        assertThatThrownBy(() -> ClassExpressions.compile("member('x')", n -> null, Set.of("y")::contains))
                .hasMessage("not defined client class 'x' at column 8");
        assertThat(ClassExpressions.compile("member('y')", n -> null, Set.of("y")::contains)
                .matches(new FakePacket(), Set.of("y"))).isTrue();
    }

    @Test
    void resolvesOptionNamesThroughTheGivenLookup() {
        ClassExpression e = ClassExpressions.compile("option[my-opt].exists", n -> n.equals("my-opt") ? 61 : null, c -> true);
        assertThat(e.matches(new FakePacket(), Set.of())).isTrue();
    }
}
