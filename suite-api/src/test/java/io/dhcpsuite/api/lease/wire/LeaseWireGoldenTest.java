package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Version 1 of the lease wire (the DHCPv4 frames of every version so far), byte for byte. These frames are what dhcp-service and
 * lease-service of different releases exchange during a rollout: a change that breaks one of them
 * is a new protocol version (docs/lease-wire.md), not an edit of this test.
 */
class LeaseWireGoldenTest {

    private static byte[] hex(String commented) {
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

    /**
     * "LWB1": the hello of version 1, the four bytes clients sent before versions were named. Version
     * 2 (LeaseWire6GoldenTest) added the DHCPv6 frames; its DHCPv4 frames are these.
     */
    @Test
    void helloOfVersionOne() {
        assertThat(HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4).putInt(LeaseWire.hello(1)).array()))
                .isEqualTo("4c574231");
        assertThat(LeaseWire.version(0x4c574232)).isEqualTo(2);
        assertThat(LeaseWire.version(0x504f5354)).as("\"POST\" is no hello").isEqualTo(-1);
    }

    // A BATCH frame, correlation id 42, with one op:
    // LeaseOp4(id 7, REQUEST, subnets [1], hwType 1, hw 02:00:00:00:00:01, client-id null,
    //          match-client-id true, requested 192.0.2.10, exact true, reserved null, reserved subnet 0,
    //          classes [ALL], valid 3600, hostname "h", fqdn-fwd false, fqdn-rev true, generate false)
    private static final String BATCH = """
            00000076                    # length 118
            000000000000002a            # correlation id 42
            01                          # type BATCH
            00000001                    # 1 op
            0000000000000007            # id 7
            01                          # kind REQUEST (code 1)
            00000001 0000000000000001   # subnets [1]
            00000001                    # hw type 1
            00000011 30323a30303a30303a30303a30303a3031  # "02:00:00:00:00:01"
            ffffffff                    # client id null
            01                          # match client id
            0000000a 3139322e302e322e3130                # requested "192.0.2.10"
            01                          # exact
            ffffffff                    # reserved address null
            0000000000000000            # reserved subnet 0
            00000001 00000003 414c4c    # classes ["ALL"]
            0000000000000e10            # valid lifetime 3600
            00000001 68                 # hostname "h"
            00 01 00                    # fqdn-fwd false, fqdn-rev true, generate-hostname false
            """;

    private static final LeaseOp4 OP = new LeaseOp4(7, LeaseOp4.Kind.REQUEST, List.of(1L), 1, "02:00:00:00:00:01", null,
            true, "192.0.2.10", true, null, 0, List.of("ALL"), 3600, "h", false, true, false);

    @Test
    void batchFrame() throws Exception {
        assertThat(frame(42, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(OP)))).isEqualTo(hex(BATCH));
        LeaseWire.Frame f = read(hex(BATCH));
        assertThat(f.correlationId()).isEqualTo(42);
        assertThat(f.type()).isEqualTo(LeaseWire.BATCH);
        assertThat(LeaseWire.decodeOps(f.payload())).containsExactly(OP);
    }

    // A RESULTS frame answering it:
    // LeaseResult4(id 7, ASSIGNED, lease Lease4(192.0.2.10, 02:00:00:00:00:01, client-id null,
    //              subnet 1, pool-id null, cltt 1700000000, valid 3600, fwd false, rev true, "h",
    //              state 0, user-context null), reused false, message null, previous null)
    private static final String RESULTS = """
            0000006c                    # length 108
            000000000000002a            # correlation id 42
            02                          # type RESULTS
            00000001                    # 1 result
            0000000000000007            # id 7
            00                          # status ASSIGNED (code 0)
            01                          # lease present
            0000000a 3139322e302e322e3130                # "192.0.2.10"
            00000011 30323a30303a30303a30303a30303a3031  # "02:00:00:00:00:01"
            ffffffff                    # client id null
            0000000000000001            # subnet 1
            00                          # pool id absent
            000000006553f100            # cltt 1700000000
            0000000000000e10            # valid lifetime 3600
            00 01                       # fqdn-fwd false, fqdn-rev true
            00000001 68                 # hostname "h"
            00000000                    # state 0 (default)
            ffffffff                    # user context null
            00                          # reused false
            ffffffff                    # message null
            00                          # previous absent
            """;

    private static final LeaseResult4 RESULT = new LeaseResult4(7, LeaseResult4.Status.ASSIGNED,
            new Lease4("192.0.2.10", "02:00:00:00:00:01", null, 1, null, 1_700_000_000L, 3600, false, true, "h", 0, null),
            false, null, null);

    @Test
    void resultsFrame() throws Exception {
        assertThat(frame(42, LeaseWire.RESULTS, LeaseWire.encodeResults(List.of(RESULT)))).isEqualTo(hex(RESULTS));
        assertThat(LeaseWire.decodeResults(read(hex(RESULTS)).payload())).containsExactly(RESULT);
    }

    // The refusal a server sends to a hello of a version it does not speak: FAILED, correlation id 0,
    // one string (here shortened to "no"). Its layout is the same in every version.
    private static final String REFUSAL = """
            0000000f                    # length 15
            0000000000000000            # correlation id 0: the connection, not a batch
            03                          # type FAILED
            00000002 6e6f               # "no"
            """;

    @Test
    void refusalFrame() throws Exception {
        assertThat(frame(LeaseWire.REFUSAL, LeaseWire.FAILED, LeaseWire.encodeString("no"))).isEqualTo(hex(REFUSAL));
        assertThat(LeaseWire.decodeString(read(hex(REFUSAL)).payload())).isEqualTo("no");
    }

    /** Every constant has a code of its own; the codes of version 1 never change meaning. */
    @Test
    void enumCodesAreStable() throws Exception {
        byte[] kinds = {0, 1, 2, 3};
        assertThat(LeaseOp4.Kind.values()).hasSize(kinds.length);
        LeaseOp4.Kind[] byCode = {LeaseOp4.Kind.OFFER, LeaseOp4.Kind.REQUEST, LeaseOp4.Kind.RELEASE, LeaseOp4.Kind.DECLINE};
        for (byte c : kinds) {
            assertThat(LeaseWire.kind(c)).isEqualTo(byCode[c]);
            assertThat(LeaseWire.code(byCode[c])).isEqualTo(c);
        }
        LeaseResult4.Status[] statuses = {LeaseResult4.Status.ASSIGNED, LeaseResult4.Status.NAK, LeaseResult4.Status.UNKNOWN,
                LeaseResult4.Status.NO_ADDRESS, LeaseResult4.Status.RELEASED, LeaseResult4.Status.DECLINED,
                LeaseResult4.Status.IGNORED, LeaseResult4.Status.ERROR};
        assertThat(LeaseResult4.Status.values()).hasSize(statuses.length);
        for (byte c = 0; c < statuses.length; c++) {
            assertThat(LeaseWire.status(c)).isEqualTo(statuses[c]);
            assertThat(LeaseWire.code(statuses[c])).isEqualTo(c);
        }
    }
}
