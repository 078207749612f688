package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DHCPv6 frames of lease wire version 2, byte for byte (the DHCPv4 frames are
 * {@link LeaseWireGoldenTest}'s). A change that breaks one of them is a new protocol version
 * (docs/lease-wire.md), not an edit of this test.
 */
class LeaseWire6GoldenTest {

    static byte[] hex(String commented) {
        StringBuilder sb = new StringBuilder();
        for (String line : commented.split("\n")) {
            int hash = line.indexOf('#');
            sb.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    private static byte[] frame(long id, byte type, byte[] payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LeaseWire.writeFrame(out, id, type, payload);
        return out.toByteArray();
    }

    private static LeaseWire.Frame read(byte[] bytes) throws Exception {
        return LeaseWire.readFrame(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void helloOfVersionTwo() {
        assertThat(LeaseWire.VERSION).isEqualTo(2);
        assertThat(LeaseWire.MIN_VERSION).as("a lease-service still serves the previous release's dhcp-service").isEqualTo(1);
        assertThat(HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4).putInt(LeaseWire.MAGIC).array()))
                .isEqualTo("4c574232");
        assertThat(LeaseWire.BATCH6).isEqualTo((byte) 4);
        assertThat(LeaseWire.RESULTS6).isEqualTo((byte) 5);
    }

    // A BATCH6 frame, correlation id 42, with one op:
    // LeaseOp6(id 9, ASSIGN, subnets [1], duid 00:01, hw null,
    //          [Ia(IA_NA, iaid 1, hints [2001:db8:1::5/128], reserved [], reserved subnet 0, 3000, 4000)],
    //          classes [ALL], hostname null, fqdn-fwd false, fqdn-rev false, generate-hostname false)
    static final String BATCH6 = """
            0000008d                    # length 141
            000000000000002a            # correlation id 42
            04                          # type BATCH6
            00000001                    # 1 op
            0000000000000009            # id 9
            01                          # kind ASSIGN (code 1)
            00000001 0000000000000001   # subnets [1]
            00000005 30303a3031         # duid "00:01"
            ffffffff                    # hw address null
            00000001                    # 1 IA
            01                          #   present
            00000005 49415f4e41         #   type "IA_NA"
            0000000000000001            #   iaid 1
            00000001 01                 #   1 hint, present
            0000000d 323030313a6462383a313a3a35 00000080  # "2001:db8:1::5" / 128
            00000000                    #   reserved []
            0000000000000000            #   reserved subnet 0
            0000000000000bb8            #   preferred lifetime 3000
            0000000000000fa0            #   valid lifetime 4000
            00000001 00000003 414c4c    # classes ["ALL"]
            ffffffff                    # hostname null
            00 00                       # fqdn-fwd false, fqdn-rev false
            00                          # generate-hostname false
            """;

    static final LeaseOp6 OP = new LeaseOp6(9, LeaseOp6.Kind.ASSIGN, List.of(1L), "00:01", null,
            List.of(new LeaseOp6.Ia(Lease6.IA_NA, 1, List.of(new LeaseOp6.Prefix("2001:db8:1::5", 128)), List.of(), 0,
                    3000, 4000)),
            List.of("ALL"), null, false, false);

    @Test
    void batch6Frame() throws Exception {
        assertThat(frame(42, LeaseWire.BATCH6, LeaseWire6.encodeOps(List.of(OP)))).isEqualTo(hex(BATCH6));
        LeaseWire.Frame f = read(hex(BATCH6));
        assertThat(f.correlationId()).isEqualTo(42);
        assertThat(f.type()).isEqualTo(LeaseWire.BATCH6);
        assertThat(LeaseWire6.decodeOps(f.payload())).containsExactly(OP);
    }

    // A RESULTS6 frame answering it:
    // LeaseResult6(id 9, OK, [IaResult(IA_NA, iaid 1, SUCCESS,
    //     [Lease6(2001:db8:1::5, IA_NA, 128, duid 00:01, iaid 1, subnet 1, pool-id null, 3000, 4000,
    //             cltt 1700000000, hw null, fwd false, rev false, hostname null, state 0, user-context null)],
    //     previous null)], message null)
    static final String RESULTS6 = """
            0000009c                    # length 156
            000000000000002a            # correlation id 42
            05                          # type RESULTS6
            00000001                    # 1 result
            0000000000000009            # id 9
            00                          # status OK (code 0)
            00000001 01                 # 1 IA result, present
            00000005 49415f4e41         #   type "IA_NA"
            0000000000000001            #   iaid 1
            00                          #   status SUCCESS (its RFC 8415 code, 0)
            00000001 01                 #   1 lease, present
            0000000d 323030313a6462383a313a3a35  # "2001:db8:1::5"
            00000005 49415f4e41         #     type "IA_NA"
            00000080                    #     prefix length 128
            00000005 30303a3031         #     duid "00:01"
            0000000000000001            #     iaid 1
            0000000000000001            #     subnet 1
            00                          #     pool id absent
            0000000000000bb8            #     preferred lifetime 3000
            0000000000000fa0            #     valid lifetime 4000
            000000006553f100            #     cltt 1700000000
            ffffffff                    #     hw address null
            00 00                       #     fqdn-fwd false, fqdn-rev false
            ffffffff                    #     hostname null
            00000000                    #     state 0 (default)
            ffffffff                    #     user context null
            ffffffff                    #   previous null
            ffffffff                    # message null
            """;

    static final LeaseResult6 RESULT = new LeaseResult6(9, LeaseResult6.Status.OK, List.of(
            new LeaseResult6.IaResult(Lease6.IA_NA, 1, LeaseResult6.IaStatus.SUCCESS, List.of(
                    new Lease6("2001:db8:1::5", Lease6.IA_NA, 128, "00:01", 1, 1, null, 3000, 4000, 1_700_000_000L,
                            null, false, false, null, 0, null)), null)), null);

    @Test
    void results6Frame() throws Exception {
        assertThat(frame(42, LeaseWire.RESULTS6, LeaseWire6.encodeResults(List.of(RESULT)))).isEqualTo(hex(RESULTS6));
        assertThat(LeaseWire6.decodeResults(read(hex(RESULTS6)).payload())).containsExactly(RESULT);
    }

    /** Every constant has a code of its own; the codes never change meaning. */
    @Test
    void enumCodesAreStable() throws Exception {
        LeaseOp6.Kind[] kinds = {LeaseOp6.Kind.ADVERTISE, LeaseOp6.Kind.ASSIGN, LeaseOp6.Kind.RENEW,
                LeaseOp6.Kind.REBIND, LeaseOp6.Kind.RELEASE, LeaseOp6.Kind.DECLINE};
        assertThat(LeaseOp6.Kind.values()).hasSize(kinds.length);
        for (byte c = 0; c < kinds.length; c++) {
            assertThat(LeaseWire6.kind(c)).isEqualTo(kinds[c]);
            assertThat(LeaseWire6.code(kinds[c])).isEqualTo(c);
        }
        assertThat(LeaseResult6.Status.values()).hasSize(2);
        assertThat(LeaseWire6.code(LeaseResult6.Status.OK)).isEqualTo((byte) 0);
        assertThat(LeaseWire6.code(LeaseResult6.Status.ERROR)).isEqualTo((byte) 1);
        assertThat(LeaseWire6.status((byte) 1)).isEqualTo(LeaseResult6.Status.ERROR);
        int[] rfc = {0, 2, 3, 4, 6};
        LeaseResult6.IaStatus[] statuses = {LeaseResult6.IaStatus.SUCCESS, LeaseResult6.IaStatus.NO_ADDRS_AVAIL,
                LeaseResult6.IaStatus.NO_BINDING, LeaseResult6.IaStatus.NOT_ON_LINK, LeaseResult6.IaStatus.NO_PREFIX_AVAIL};
        assertThat(LeaseResult6.IaStatus.values()).hasSize(statuses.length);
        for (int i = 0; i < rfc.length; i++) {
            assertThat(LeaseWire6.code(statuses[i])).isEqualTo((byte) rfc[i]);
            assertThat(LeaseWire6.iaStatus((byte) rfc[i])).isEqualTo(statuses[i]);
        }
    }
}
