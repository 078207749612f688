package io.dhcpsuite.config.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.codec.Ipv6;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassExpressions6Test {

    /** One relay layer (RELAY-FORW) as a packet view sees it. */
    record Relay(String linkAddress, String peerAddress, Map<Integer, byte[]> options) {
    }

    /**
     * A SOLICIT (type 1, transaction 0x00abcdef) from DUID 00:01:..., with vendor class 4491
     * "docsis3.0" and vendor options 4491 (sub-option 2 "CM"), arriving on eth1 through two
     * relays: the one closest to the server (index 0) and the one closest to the client (index 1)
     * with an interface-id (18) and a remote-id (37).
     */
    static final class Solicit implements PacketView6 {
        final Map<Integer, byte[]> options = new HashMap<>();
        final List<Relay> relays;

        Solicit(List<Relay> relays) {
            this.relays = relays;
            options.put(1, new byte[] {0, 1, 0, 1, 1, 2, 3, 4, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f});
            options.put(16, concat(new byte[] {0, 0, 0x11, (byte) 0x8b, 0, 9}, bytes("docsis3.0")));
            options.put(17, concat(new byte[] {0, 0, 0x11, (byte) 0x8b, 0, 2, 0, 2}, bytes("CM")));
        }

        static Solicit relayedTwice() {
            return new Solicit(List.of(
                    new Relay("2001:db8:ffff::1", "fe80::1", Map.of(18, bytes("outer"))),
                    new Relay("2001:db8:1::1", "fe80::abcd", Map.of(18, bytes("ge-0/0/1"), 37, bytes("rid")))));
        }

        @Override
        public byte[] option(int code) {
            return options.get(code);
        }

        @Override
        public int messageType() {
            return 1;
        }

        @Override
        public int transactionId() {
            return 0xabcdef;
        }

        @Override
        public int relayCount() {
            return relays.size();
        }

        @Override
        public byte[] relayOption(int level, int code) {
            return relays.get(level).options().get(code);
        }

        @Override
        public byte[] relayLinkAddress(int level) {
            return Ipv6.parse(relays.get(level).linkAddress());
        }

        @Override
        public byte[] relayPeerAddress(int level) {
            return Ipv6.parse(relays.get(level).peerAddress());
        }

        @Override
        public byte[] localAddress() {
            return Ipv6.parse("ff02::1:2");
        }

        @Override
        public byte[] remoteAddress() {
            return Ipv6.parse("fe80::abcd");
        }

        @Override
        public int length() {
            return 120;
        }

        @Override
        public String interfaceName() {
            return "eth1";
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static boolean eval(String test, PacketView6 packet) {
        ClassExpression6 e = ClassExpressions.compile6(test, name -> name.equals("client-id") ? 1 : null, c -> true);
        return e.matches(packet, Set.of("KNOWN"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pkt6.msgtype == 1                                             | true",
        "pkt6.msgtype == 3                                             | false",
        "pkt6.transid == 11259375                                      | true",
        "option[1].exists                                              | true",
        "option[client-id].exists and not option[23].exists            | true",
        "substring(option[1].hex, 0, 2) == 0x0001                      | true",
        "relay6[0].option[18].text == 'outer'                          | true",
        "relay6[1].option[18].text == 'ge-0/0/1'                       | true",
        "relay6[-1].option[37].hex == 'rid'                            | true",
        "relay6[-2].option[18].text == 'outer'                         | true",
        "relay6[0].option[37].exists                                   | false",
        "relay6[2].option[18].exists                                   | false",
        "relay6[-3].option[18].exists                                  | false",
        "relay6[1].linkaddr == 2001:db8:1::1                           | true",
        "relay6[0].peeraddr == fe80::1                                 | true",
        "relay6[5].linkaddr == ''                                      | true",
        "pkt.src == fe80::abcd and pkt.dst == ff02::1:2                | true",
        "pkt.iface == 'eth1'                                           | true",
        "pkt.len == 120                                                | true",
        "vendor.enterprise == 4491                                     | true",
        "vendor[4491].exists and vendor[0].exists                      | true",
        "vendor[9].exists                                              | false",
        "vendor[4491].option[2].text == 'CM'                           | true",
        "vendor[4491].option[3].exists                                 | false",
        "vendor-class[4491].exists                                     | true",
        "vendor-class.enterprise == 4491                               | true",
        "vendor-class[4491].data == 'docsis3.0'                        | true",
        "vendor-class[4491].data[1] == ''                              | true",
        "member('KNOWN') and substring(relay6[1].option[18].text, 0, 2) == 'ge' | true",
    })
    void evaluatesDhcp6TermsAgainstARelayedSolicit(String test, boolean expected) {
        assertThat(eval(test, Solicit.relayedTwice())).as(test).isEqualTo(expected);
    }

    @Test
    void aDirectQueryHasNoRelays() {
        Solicit direct = new Solicit(List.of());
        assertThat(eval("relay6[0].option[18].exists", direct)).isFalse();
        assertThat(eval("relay6[-1].linkaddr == ''", direct)).isTrue();
        assertThat(eval("option[1].exists", direct)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pkt4.msgtype == 1           | pkt4 can only be used in DHCPv4, at column 1",
        "relay4[1].exists            | relay4 can only be used in DHCPv4, at column 1",
        "relay6[32].option[1].exists | nest level 32 at column 8 is not in -32..31",
        "relay6[-33].linkaddr == ''  | nest level -33 at column 8 is not in -32..31",
        "option[65536].exists        | option code 65536 at column 8 is not in 0..65535",
        "relay6[0].foo == ''         | unexpected token 'foo' at column 11",
        "pkt6.hlen == 1              | unsupported field pkt6.hlen at column 6",
        "pkt.src == 2001:db8:::1     | invalid IPv6 address '2001:db8:::1' at column 12",
    })
    void refusesWhatKeaRefusesInDhcp6(String test, String message) {
        assertThatThrownBy(() -> ClassExpressions.compile6(test, n -> null, c -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void dhcp4KeepsItsOwnTerms() {
        // relay6 and pkt6 are DHCPv6 terms; IPv6 literals are not tokens in DHCPv4
        assertThatThrownBy(() -> ClassExpressions.compile("pkt6.msgtype == 1")).hasMessageContaining("pkt6");
        assertThatThrownBy(() -> ClassExpressions.compile("pkt.src == ::1")).hasMessageContaining("':'");
        assertThatThrownBy(() -> ClassExpressions.compile("pkt.iface == 'eth0'")).hasMessage(
                "unsupported field pkt.iface at column 5");
    }
}
