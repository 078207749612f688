package io.dhcpsuite.lease.v6;

import static io.dhcpsuite.lease.v6.V6Support.duid;
import static io.dhcpsuite.lease.v6.V6Support.na;
import static io.dhcpsuite.lease.v6.V6Support.op;
import static io.dhcpsuite.lease.v6.V6Support.pd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.api.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reclamation of expired v6 leases and the statistics it moves, under Kea's names. */
class Reclaimer6Test {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    Allocation6Engine engine(String elp) {
        Dhcp6Config cfg = V6Support.config(V6Support.CONFIG.replace("\"decline-probation-period\": 600,",
                "\"decline-probation-period\": 600, \"expired-leases-processing\": " + elp + ","));
        return new Allocation6Engine(cfg, new Lease6Stats(new Statistics(clock), cfg), clock);
    }

    static long stat(Allocation6Engine e, String name) {
        return e.stats().statistics().value(name);
    }

    static List<Lease6> all(Allocation6Engine e) {
        return e.store().read(Lease6Index::all);
    }

    @Test
    void expiredLeasesAreKeptAsReclaimedThenFlushed() {
        Allocation6Engine e = engine("{ \"reclaim-timer-wait-time\": 5, \"flush-reclaimed-timer-wait-time\": 10, "
                + "\"hold-reclaimed-time\": 100 }");
        Reclaimer6 r = new Reclaimer6(e, Lease6Ddns.disabled(e.config()));
        e.apply(List.of(op(Kind.ASSIGN, duid(1), List.of(1L), na(1), pd(2))));
        e.apply(List.of(op(Kind.ASSIGN, duid(2), List.of(1L), na(1))));
        Lease6 declined = e.apply(List.of(op(Kind.ASSIGN, duid(3), List.of(1L), na(1)))).results().get(0).ias().get(0)
                .leases().get(0);
        e.apply(List.of(op(Kind.DECLINE, duid(3), List.of(1L), na(1, declined.ipAddress()))));
        assertThat(stat(e, "subnet[1].assigned-nas")).isEqualTo(3);
        assertThat(stat(e, "subnet[1].assigned-pds")).isEqualTo(1);
        assertThat(stat(e, "declined-addresses")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(601)); // the declined one's probation is over, the others are not expired
        r.tick();
        assertThat(stat(e, "reclaimed-leases")).isEqualTo(1);
        assertThat(stat(e, "reclaimed-declined-addresses")).isEqualTo(1);
        assertThat(stat(e, "subnet[1].reclaimed-declined-addresses")).isEqualTo(1);
        assertThat(stat(e, "declined-addresses")).isZero();
        assertThat(stat(e, "subnet[1].assigned-nas")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(3400)); // 4001 s: the others expired at 4000
        r.tick();
        assertThat(stat(e, "reclaimed-leases")).isEqualTo(4);
        assertThat(stat(e, "subnet[1].assigned-nas")).isZero();
        assertThat(stat(e, "subnet[1].assigned-pds")).isZero();
        // the declined one expired (probation) at 600, more than hold-reclaimed-time ago: flushed already
        assertThat(all(e)).hasSize(3).allSatisfy(l -> assertThat(l.state()).isEqualTo(LeaseState.EXPIRED_RECLAIMED));
        // a reclaimed lease is not reclaimed twice
        clock.advance(Duration.ofSeconds(6));
        r.tick();
        assertThat(stat(e, "reclaimed-leases")).isEqualTo(4);
        clock.advance(Duration.ofSeconds(200));
        r.tick();
        assertThat(all(e)).isEmpty();
    }

    @Test
    void withoutHoldTheyAreDeletedAndLeasesReclaimRunsOnDemand() {
        Allocation6Engine e = engine("{ \"reclaim-timer-wait-time\": 0, \"flush-reclaimed-timer-wait-time\": 0, "
                + "\"hold-reclaimed-time\": 0 }");
        Reclaimer6 r = new Reclaimer6(e, Lease6Ddns.disabled(e.config()));
        e.apply(List.of(op(Kind.ASSIGN, duid(1), List.of(1L), na(1), pd(2))));
        clock.advance(Duration.ofSeconds(4001));
        r.tick();
        assertThat(all(e)).hasSize(2); // the timer is off
        Reclaimer6.Result res = r.reclaim(0, 0, true);
        assertThat(res.reclaimed()).isEqualTo(2);
        assertThat(res.durable()).isDone();
        assertThat(all(e)).isEmpty();
        assertThat(stat(e, "subnet[1].reclaimed-leases")).isEqualTo(2);
    }
}
