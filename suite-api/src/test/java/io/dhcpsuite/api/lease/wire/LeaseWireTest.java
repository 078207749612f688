package io.dhcpsuite.api.lease.wire;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LeaseWireTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LeaseOp4 fullOp() {
        return new LeaseOp4(Long.MAX_VALUE - 7, LeaseOp4.Kind.REQUEST, List.of(1L, 2L, 4_000_000_000L), 6,
                "aa:bb:cc:dd:ee:ff", "01:aa:bb", true, "192.0.2.10", true, "192.0.2.99", 42L,
                List.of("ALL", "KNOWN", "vendor-ünïcode"), 86_400L, "host-ä.example.org.", true, true, true);
    }

    private static LeaseOp4 nullOp() {
        return new LeaseOp4(0, null, null, 0, null, null, false, null, false, null, 0, null, 0, null, false, false,
                false);
    }

    private static Lease4 fullLease(String ip) {
        return new Lease4(ip, "aa:bb:cc:dd:ee:ff", "01:aa", 7, 3L, 1_700_000_000L, 3600, true, false,
                "name.example.", LeaseState.DECLINED, JSON.readTree("{\"a\":[1,\"x\",null],\"b\":{\"c\":true}}"));
    }

    private static Lease4 nullLease() {
        return new Lease4(null, null, null, 0, null, 0, 0, false, false, null, 0, null);
    }

    @Test
    void opsRoundTripEveryFieldAndNulls() throws Exception {
        List<LeaseOp4> ops = List.of(fullOp(), nullOp(),
                new LeaseOp4(5, LeaseOp4.Kind.OFFER, List.of(), 1, "02:00:00:00:00:01", null, false, null, false,
                        null, 0, List.of(), 4000, "", false, true, false));
        assertThat(LeaseWire.decodeOps(LeaseWire.encodeOps(ops))).isEqualTo(ops);
        for (LeaseOp4.Kind k : LeaseOp4.Kind.values()) {
            LeaseOp4 op = new LeaseOp4(1, k, List.of(1L), 1, "x", null, true, null, false, null, 0, null, 1, null,
                    false, false, k.ordinal() % 2 == 0);
            assertThat(LeaseWire.decodeOps(LeaseWire.encodeOps(List.of(op)))).containsExactly(op);
        }
        assertThat(LeaseWire.decodeOps(LeaseWire.encodeOps(List.of()))).isEmpty();
    }

    @Test
    void generateHostnameAndEachBooleanTravelAlone() throws Exception {
        LeaseOp4 base = nullOp();
        LeaseOp4 gen = new LeaseOp4(0, null, null, 0, null, null, false, null, false, null, 0, null, 0, ".", false,
                false, true);
        assertThat(LeaseWire.decodeOps(LeaseWire.encodeOps(List.of(base, gen)))).containsExactly(base, gen);
        assertThat(LeaseWire.decodeOps(LeaseWire.encodeOps(List.of(gen))).get(0).generateHostname()).isTrue();
    }

    @Test
    void resultsRoundTripWithLeasePreviousAndNulls() throws Exception {
        List<LeaseResult4> results = new ArrayList<>();
        results.add(new LeaseResult4(9, LeaseResult4.Status.ASSIGNED, fullLease("192.0.2.1"), true, "renewed",
                fullLease("192.0.2.2")));
        results.add(new LeaseResult4(10, LeaseResult4.Status.NAK, null, false, "not yours", null));
        results.add(new LeaseResult4(11, null, nullLease(), false, null, nullLease()));
        for (LeaseResult4.Status s : LeaseResult4.Status.values()) {
            results.add(new LeaseResult4(s.ordinal(), s, null, false, s.name()));
        }
        List<LeaseResult4> back = LeaseWire.decodeResults(LeaseWire.encodeResults(results));
        assertThat(back).isEqualTo(results);
        assertThat(back.get(0).previous().userContext().get("b").get("c").asBoolean()).isTrue();
        assertThat(back.get(0).lease().poolId()).isEqualTo(3L);
        assertThat(back.get(2).lease().poolId()).isNull();
        assertThat(back.get(2).lease().userContext()).isNull();
    }

    @Test
    void framesCarryCorrelationIdAndType() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a = LeaseWire.encodeOps(List.of(fullOp()));
        LeaseWire.writeFrame(out, 77, LeaseWire.BATCH, a);
        LeaseWire.writeFrame(out, -3, LeaseWire.FAILED, LeaseWire.encodeString("boom"));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
        LeaseWire.Frame f1 = LeaseWire.readFrame(in);
        assertThat(f1.correlationId()).isEqualTo(77);
        assertThat(f1.type()).isEqualTo(LeaseWire.BATCH);
        assertThat(LeaseWire.decodeOps(f1.payload())).containsExactly(fullOp());
        LeaseWire.Frame f2 = LeaseWire.readFrame(in);
        assertThat(f2.correlationId()).isEqualTo(-3);
        assertThat(LeaseWire.decodeString(f2.payload())).isEqualTo("boom");
        assertThat(LeaseWire.readFrame(in)).isNull();
    }

    @Test
    void malformedPayloadsAreRejected() {
        byte[] good = LeaseWire.encodeOps(List.of(fullOp()));
        assertThatThrownBy(() -> LeaseWire.decodeOps(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(LeaseWire.MalformedFrameException.class);
        assertThatThrownBy(() -> LeaseWire.decodeOps(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(LeaseWire.MalformedFrameException.class).hasMessageContaining("left over");
        byte[] badKind = good.clone();
        badKind[12] = 42; // after the count (4) and id (8): the kind ordinal
        assertThatThrownBy(() -> LeaseWire.decodeOps(badKind)).isInstanceOf(LeaseWire.MalformedFrameException.class);
        assertThatThrownBy(() -> LeaseWire.decodeOps(new byte[] {0x7f, 0, 0, 0}))
                .isInstanceOf(LeaseWire.MalformedFrameException.class);
        assertThatThrownBy(() -> LeaseWire.decodeResults(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(LeaseWire.MalformedFrameException.class);
        assertThatThrownBy(() -> LeaseWire.readFrame(new DataInputStream(new ByteArrayInputStream(
                new byte[] {0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})))).isInstanceOf(LeaseWire.MalformedFrameException.class);
    }
}
