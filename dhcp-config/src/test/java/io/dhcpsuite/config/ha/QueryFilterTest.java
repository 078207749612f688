package io.dhcpsuite.config.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.MessageType;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryFilterTest {
    /** Hashes to 130 (RFC 3074 table), even: the primary's scope with two active servers. */
    static final byte[] EVEN = HexFormat.of().parseHex("0c0102030405");

    static HaRelationship lb(String me) {
        return HaConfigParserTest.parse(HaConfigParserTest.lb("").replace("\"this-server-name\": \"server1\"",
                "\"this-server-name\": \"" + me + "\"")).relationships().getFirst();
    }

    static HaRelationship hs(String me) {
        return HaConfigParserTest.parse(HaConfigParserTest.hs("").replace("\"this-server-name\": \"server1\"",
                "\"this-server-name\": \"" + me + "\"")).relationships().getFirst();
    }

    static DhcpMessage query(MessageType type, byte[] mac) {
        return DhcpMessage.builder().hwAddress(1, mac).messageType(type).build();
    }

    /** A MAC whose hash has the given parity, found by trying, so the test does not depend on one table entry. */
    static byte[] macWithParity(int parity) {
        for (int i = 0; ; i++) {
            byte[] mac = {0x0e, 0, 0, 0, (byte) (i >> 8), (byte) i};
            if (LoadBalancingHash.hash(mac) % 2 == parity) {
                return mac;
            }
        }
    }

    @Test
    void loadBalancingSplitsByHashParityAndEachServerServesItsOwnHalf() {
        QueryFilter primary = new QueryFilter(lb("server1"));
        QueryFilter secondary = new QueryFilter(lb("server2"));
        DhcpMessage even = query(MessageType.DISCOVER, macWithParity(0));
        DhcpMessage odd = query(MessageType.REQUEST, macWithParity(1));
        assertThat(primary.scopeOf4(even)).isZero();
        assertThat(primary.scopeClass(primary.scopeOf4(even))).isEqualTo("HA_server1");
        assertThat(primary.scopeClass(primary.scopeOf4(odd))).isEqualTo("HA_server2");
        assertThat(primary.accepts4(even, primary.scopeOf4(even))).isTrue();
        assertThat(primary.accepts4(odd, primary.scopeOf4(odd))).isFalse();
        assertThat(secondary.accepts4(even, secondary.scopeOf4(even))).isFalse();
        assertThat(secondary.accepts4(odd, secondary.scopeOf4(odd))).isTrue();
        assertThat(primary.servedScopes()).containsExactly("server1");
        assertThat(secondary.servedScopes()).containsExactly("server2");
    }

    @Test
    void failoverScopesServeBothHalvesAndNoScopesServeNone() {
        QueryFilter f = new QueryFilter(lb("server2"));
        DhcpMessage even = query(MessageType.DISCOVER, macWithParity(0));
        f.serveFailoverScopes();
        assertThat(f.servedScopes()).containsExactly("server1", "server2");
        assertThat(f.accepts4(even, f.scopeOf4(even))).isTrue();
        f.serveNoScopes();
        assertThat(f.accepts4(even, f.scopeOf4(even))).isFalse();
        assertThat(f.servedScopes()).isEmpty();
    }

    @Test
    void hotStandbyPutsEveryQueryInThePrimarysScopeWhichTheStandbyDoesNotServeByDefault() {
        QueryFilter standby = new QueryFilter(hs("server2"));
        DhcpMessage odd = query(MessageType.DISCOVER, macWithParity(1));
        assertThat(standby.scopeOf4(odd)).isZero();
        assertThat(standby.scopeClass(0)).isEqualTo("HA_server1");
        assertThat(standby.accepts4(odd, 0)).isFalse();
        standby.serveFailoverScopes();
        assertThat(standby.servedScopes()).containsExactly("server1");
        assertThat(standby.accepts4(odd, 0)).isTrue();
        assertThat(new QueryFilter(hs("server1")).servedScopes()).containsExactly("server1");
    }

    @Test
    void nonHaMessageTypesAlwaysPassAndAQueryWithoutKeyNeverDoes() {
        QueryFilter f = new QueryFilter(lb("server1"));
        f.serveNoScopes();
        DhcpMessage decline = query(MessageType.DECLINE, macWithParity(0));
        DhcpMessage other = query(MessageType.ACK, macWithParity(1));
        assertThat(f.accepts4(decline, f.scopeOf4(decline))).isFalse();
        assertThat(f.accepts4(other, f.scopeOf4(other))).isTrue();
        f.serveDefaultScopes();
        DhcpMessage noKey = DhcpMessage.builder().hlen(0).messageType(MessageType.DISCOVER).build();
        assertThat(f.scopeOf4(noKey)).isEqualTo(-1);
        assertThat(f.accepts4(noKey, -1)).isFalse();
    }

    @Test
    void leasesAreClassifiedLikeQueries() {
        QueryFilter f = new QueryFilter(lb("server1"));
        byte[] odd = macWithParity(1);
        assertThat(f.scopeOfLease4(null, odd)).isEqualTo(f.scopeOf4(query(MessageType.REQUEST, odd)));
        assertThat(f.scopeOfLease4(null, EVEN)).isZero();
    }

    @Test
    void haScopesRefusesAnUnknownServerWithKeasText() {
        QueryFilter f = new QueryFilter(lb("server1"));
        f.serveScopes(List.of("server2"));
        assertThat(f.servedScopes()).containsExactly("server2");
        assertThatThrownBy(() -> f.serveScopes(List.of("server9"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid server name specified 'server9' while enabling/disabling HA scopes");
        assertThat(f.servedScopes()).containsExactly("server2");
    }

    /** A DUID (DUID-LL of a made-up MAC) whose RFC 3074 hash has the given parity. */
    static byte[] duidWithParity(int parity) {
        for (int i = 0; ; i++) {
            byte[] duid = {0, 3, 0, 1, 0x0e, 0, 0, 0, (byte) (i >> 8), (byte) i};
            if (LoadBalancingHash.hash(duid) % 2 == parity) {
                return duid;
            }
        }
    }

    @Test
    void dhcp6LoadBalancingHashesTheClientDuidAndScopesOnlyKeasV6Types() {
        QueryFilter primary = new QueryFilter(lb("server1"));
        QueryFilter secondary = new QueryFilter(lb("server2"));
        byte[] even = duidWithParity(0);
        byte[] odd = duidWithParity(1);
        assertThat(LoadBalancingHash.hash(even) % 2).isZero();
        for (int type : new int[] {1, 3, 4, 5, 6, 8, 9}) {
            assertThat(primary.scopeOf6(type, even)).as("type " + type).isZero();
            assertThat(primary.scopeOf6(type, odd)).isEqualTo(1);
            assertThat(primary.accepts6(type, primary.scopeOf6(type, even))).isTrue();
            assertThat(primary.accepts6(type, primary.scopeOf6(type, odd))).isFalse();
            assertThat(secondary.accepts6(type, secondary.scopeOf6(type, odd))).isTrue();
            assertThat(secondary.accepts6(type, secondary.scopeOf6(type, even))).isFalse();
        }
        assertThat(primary.scopeClass(primary.scopeOf6(1, odd))).isEqualTo("HA_server2");
        // INFORMATION-REQUEST (11) is not scoped: every server answers it, in the primary's class
        assertThat(secondary.scopeOf6(11, even)).isZero();
        assertThat(secondary.accepts6(11, secondary.scopeOf6(11, even))).isTrue();
        // an HA-relevant query without a DUID belongs to no scope
        assertThat(primary.scopeOf6(1, null)).isEqualTo(-1);
        assertThat(primary.accepts6(1, -1)).isFalse();
    }

    @Test
    void dhcp6HotStandbyPutsEveryQueryInThePrimaryScope() {
        QueryFilter standby = new QueryFilter(hs("server2"));
        assertThat(standby.scopeOf6(3, duidWithParity(1))).isZero();
        assertThat(standby.accepts6(3, 0)).as("the standby serves nothing by default").isFalse();
        standby.serveFailoverScopes();
        assertThat(standby.accepts6(3, 0)).isTrue();
    }
}
