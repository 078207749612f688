package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the lease wire (docs/reliability.md): the frames lease-service reads
 * from dhcp-service connections and back. A stream of bytes yields frames, a clean end, or an
 * IOException (MalformedFrameException or EOFException, after which the connection is closed);
 * a payload decodes or raises MalformedFrameException; nothing else, and no allocation beyond
 * {@link LeaseWire#MAX_FRAME}. Seeds: frames of the golden encodings (DHCPv4 and DHCPv6), in
 * LeaseWireFuzzTestInputs/.
 */
class LeaseWireFuzzTest {
    /** Two full frames' worth: enough to reach every path of the frame reader. */
    static final int MAX_STREAM = 1 << 16;

    @FuzzTest(maxDuration = "5m")
    void framesAndPayloadsFailClosed(byte[] input) throws IOException {
        if (input.length > MAX_STREAM) {
            return;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
        for (int frames = 0; frames < 64; frames++) {
            LeaseWire.Frame f;
            try {
                f = LeaseWire.readFrame(in);
            } catch (LeaseWire.MalformedFrameException | EOFException expected) {
                break;
            }
            if (f == null) {
                break;
            }
            payload(f.type(), f.payload());
        }
        // The payload decoders on their own, as a corrupted frame body would reach them.
        for (byte type = LeaseWire.BATCH; type <= LeaseWire.RESULTS6; type++) {
            payload(type, input);
        }
    }

    /**
     * Fuzzing finding (seed finding-empty-user-context): a lease whose user-context is the empty
     * string decoded to Jackson's missing node, which became null on the next hop. It is malformed.
     */
    @Test
    void emptyUserContextIsMalformed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        LeaseWire.writeLease(out, new Lease4("192.0.2.10", "02:00:00:00:00:01", null, 1, null, 1_700_000_000L,
                3600, false, false, "h", 0, null));
        byte[] lease = bytes.toByteArray();
        // the last field is the user-context string: -1 (none) becomes 0 (empty)
        Arrays.fill(lease, lease.length - 4, lease.length, (byte) 0);
        assertThatThrownBy(() -> LeaseWire.readLease(new DataInputStream(new ByteArrayInputStream(lease))))
                .isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessage("user-context is empty");
    }

    /** A header claiming the largest frame, then nothing: the end of the stream, not a 16 MiB buffer. */
    @Test
    void claimedLengthWithoutPayloadIsAnEarlyEnd() {
        byte[] header = {(byte) (LeaseWire.MAX_FRAME >>> 24), (byte) (LeaseWire.MAX_FRAME >>> 16), 0, 0,
            0, 0, 0, 0, 0, 0, 0, 1, LeaseWire.BATCH, 1, 2, 3};
        assertThatThrownBy(() -> LeaseWire.readFrame(new DataInputStream(new ByteArrayInputStream(header))))
                .isInstanceOf(EOFException.class)
                .hasMessage("frame ends after 3 of " + (LeaseWire.MAX_FRAME - 9) + " payload bytes");
    }

    /** A FAILED payload whose string claims 16 MiB in 8 bytes: refused before allocating for it. */
    @Test
    void stringLongerThanThePayloadIsMalformed() {
        byte[] payload = {(byte) (LeaseWire.MAX_FRAME >>> 24), (byte) (LeaseWire.MAX_FRAME >>> 16), 0, 0, 'n', 'o', '!', '!'};
        assertThatThrownBy(() -> LeaseWire.decodeString(payload))
                .isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessage("string of " + LeaseWire.MAX_FRAME + " bytes exceeds the 4 left");
    }

    private static void payload(byte type, byte[] payload) {
        try {
            switch (type) {
                case LeaseWire.BATCH -> {
                    List<LeaseOp4> ops = LeaseWire.decodeOps(payload);
                    assertThat(LeaseWire.decodeOps(LeaseWire.encodeOps(ops))).isEqualTo(ops);
                }
                case LeaseWire.RESULTS -> {
                    List<LeaseResult4> results = LeaseWire.decodeResults(payload);
                    assertThat(LeaseWire.decodeResults(LeaseWire.encodeResults(results))).isEqualTo(results);
                }
                case LeaseWire.FAILED -> LeaseWire.decodeString(payload);
                case LeaseWire.BATCH6 -> {
                    List<LeaseOp6> ops = LeaseWire6.decodeOps(payload);
                    assertThat(LeaseWire6.decodeOps(LeaseWire6.encodeOps(ops))).isEqualTo(ops);
                }
                case LeaseWire.RESULTS6 -> {
                    List<LeaseResult6> results = LeaseWire6.decodeResults(payload);
                    assertThat(LeaseWire6.decodeResults(LeaseWire6.encodeResults(results))).isEqualTo(results);
                }
                default -> {
                    // unknown frame types are refused by the server loop, not decoded
                }
            }
        } catch (LeaseWire.MalformedFrameException expected) {
            // the documented failure
        }
    }
}
