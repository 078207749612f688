package io.dhcpsuite.lease.reclamation;

import io.dhcpsuite.lease.store.LeaseView;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.DECLINE;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.REQUEST;
import static io.dhcpsuite.lease.TestSupport.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReclaimerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void reclaimsExpiredLeasesOnTheTimerAndFlushesThemAfterHoldTime() {
        AllocationEngine engine = TestSupport.engine(TestSupport.config(), clock);
        Reclaimer reclaimer = new Reclaimer(engine);
        engine.apply(List.of(op(REQUEST, "02:00:00:00:00:01", "192.0.2.10", true)));
        Statistics s = engine.stats().statistics();
        clock.advance(Duration.ofSeconds(3601));
        reclaimer.tick();
        assertThat(engine.store().read((LeaseView v) -> v.get(Ipv4.parse("192.0.2.10")).state()))
                .isEqualTo(LeaseState.EXPIRED_RECLAIMED);
        assertThat(s.value("reclaimed-leases")).isEqualTo(1);
        assertThat(s.value("subnet[1].reclaimed-leases")).isEqualTo(1);
        assertThat(s.value("subnet[1].assigned-addresses")).isZero();
        // affinity: the same client gets its reclaimed address back
        assertThat(engine.apply(List.of(op(REQUEST, "02:00:00:00:00:01", null, false))).results().get(0).lease().ipAddress())
                .isEqualTo("192.0.2.10");
        engine.apply(List.of(op(io.dhcpsuite.api.lease.LeaseOp4.Kind.RELEASE, "02:00:00:00:00:01", "192.0.2.10", false)));
        clock.advance(Duration.ofSeconds(11));
        reclaimer.tick();
        assertThat(engine.store().read((LeaseView v) -> v.get(Ipv4.parse("192.0.2.10")).state()))
                .isEqualTo(LeaseState.EXPIRED_RECLAIMED);
        clock.advance(Duration.ofSeconds(3600 + 30));
        reclaimer.tick();
        assertThat(engine.store().read((LeaseView v) -> v.get(Ipv4.parse("192.0.2.10")))).isNull();
    }

    @Test
    void declinedAddressReturnsAfterProbation() {
        AllocationEngine engine = TestSupport.engine(TestSupport.config(), clock);
        Reclaimer reclaimer = new Reclaimer(engine);
        engine.apply(List.of(op(REQUEST, "02:00:00:00:00:01", "192.0.2.10", true)));
        engine.apply(List.of(op(DECLINE, "02:00:00:00:00:01", "192.0.2.10", false)));
        clock.advance(Duration.ofSeconds(599));
        reclaimer.tick();
        assertThat(engine.stats().statistics().value("declined-addresses")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(12));
        reclaimer.tick();
        assertThat(engine.stats().statistics().value("declined-addresses")).isZero();
        assertThat(engine.stats().statistics().value("reclaimed-declined-addresses")).isEqualTo(1);
        assertThat(engine.stats().statistics().value("subnet[1].reclaimed-declined-addresses")).isEqualTo(1);
    }

    @Test
    void deletesReclaimedLeasesWhenHoldTimeIsZeroAndHonoursMaxLeases() {
        var cfg = TestSupport.config("""
                {"Dhcp4": {"valid-lifetime": 100,
                  "expired-leases-processing": {"hold-reclaimed-time": 0, "max-reclaim-leases": 2, "reclaim-timer-wait-time": 5},
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.1 - 10.0.0.50"}]}]}}""");
        AllocationEngine engine = TestSupport.engine(cfg, clock);
        Reclaimer reclaimer = new Reclaimer(engine);
        for (int i = 0; i < 5; i++) {
            engine.apply(List.of(new io.dhcpsuite.api.lease.LeaseOp4(i, REQUEST, List.of(1L), 1, "02:00:00:00:00:0" + i, null,
                    true, null, false, null, 0, List.of(), 100, null, false, false)));
        }
        clock.advance(Duration.ofSeconds(101));
        reclaimer.tick();
        assertThat(engine.store().read((LeaseView v) -> v.size())).isEqualTo(3);
        assertThat(reclaimer.reclaim(0, 0, true).reclaimed()).isEqualTo(3);
        assertThat(engine.store().read((LeaseView v) -> v.size())).isZero();
        assertThat(engine.stats().statistics().value("reclaimed-leases")).isEqualTo(5);
    }
}
