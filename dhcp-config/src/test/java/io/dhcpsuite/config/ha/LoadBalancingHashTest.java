package io.dhcpsuite.config.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.MessageType;
import java.util.HexFormat;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Expected values come from a separate implementation of RFC 3074 section 6 (a few lines of
 * Python over the RFC's table), not from this class; the split against a real Kea load-balancing
 * pair is checked end to end in e2e-tests (KeaLoadBalancingSplitIT).
 */
class LoadBalancingHashTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void matchesAnIndependentRfc3074Implementation() {
        assertThat(LoadBalancingHash.hash(hex("0c0102030405"))).isEqualTo(130);
        assertThat(LoadBalancingHash.hash(hex("000c01020306"))).isEqualTo(210);
        assertThat(LoadBalancingHash.hash(hex("01aabbccddeeff"))).isEqualTo(102);
        assertThat(LoadBalancingHash.hash(hex("ff"))).isEqualTo(234);
        assertThat(LoadBalancingHash.hash(new byte[0])).isZero();
    }

    @Test
    void hashesOnlyTheGivenSlice() {
        byte[] framed = hex("99990c010203040599");
        assertThat(LoadBalancingHash.hash(framed, 2, 6)).isEqualTo(130);
    }

    @Test
    void theMixingTableIsAPermutationSoEveryValueIsReachable() {
        TreeSet<Integer> seen = new TreeSet<>();
        for (int b = 0; b < 256; b++) {
            seen.add(LoadBalancingHash.hash(new byte[] {(byte) b}));
        }
        assertThat(seen).hasSize(256);
    }

    @Test
    void aQueryIsKeyedByClientIdentifierElseByHardwareAddress() {
        DhcpMessage byMac = DhcpMessage.builder().hwAddress(1, hex("0c0102030405"))
                .messageType(MessageType.DISCOVER).build();
        assertThat(LoadBalancingHash.hash4(byMac)).isEqualTo(130);
        DhcpMessage byClientId = byMac.toBuilder().option(61, hex("01aabbccddeeff")).build();
        assertThat(LoadBalancingHash.hash4(byClientId)).isEqualTo(102);
        DhcpMessage emptyClientId = byMac.toBuilder().option(61, new byte[0]).build();
        assertThat(LoadBalancingHash.hash4(emptyClientId)).isEqualTo(130);
        DhcpMessage noKey = DhcpMessage.builder().hlen(0).messageType(MessageType.DISCOVER).build();
        assertThat(LoadBalancingHash.hash4(noKey)).isEqualTo(-1);
        assertThat(LoadBalancingHash.hashLease4(null, hex("0c0102030405"))).isEqualTo(130);
        assertThat(LoadBalancingHash.hashLease4(hex("01aabbccddeeff"), hex("0c0102030405"))).isEqualTo(102);
        assertThat(LoadBalancingHash.hashLease4(null, null)).isEqualTo(-1);
    }
}
