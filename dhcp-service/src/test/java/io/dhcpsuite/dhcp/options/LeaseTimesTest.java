package io.dhcpsuite.dhcp.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.config.Lifetimes;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTimesTest {
    @Test
    void explicitTimersWinOverCalculation() {
        LeaseTimes.Tee t = LeaseTimes.tee(new Lifetimes(4000, 4000, 4000, 100L, 200L, true, .5, .875), 4000);
        assertThat(t.t1()).isEqualTo(100);
        assertThat(t.t2()).isEqualTo(200);
    }

    @Test
    void calculatedFromPercentagesWhenEnabled() {
        LeaseTimes.Tee t = LeaseTimes.tee(new Lifetimes(4000, 4000, 4000, null, null, true, .5, .875), 4001);
        assertThat(t.t1()).isEqualTo(2001);
        assertThat(t.t2()).isEqualTo(3501);
    }

    @Test
    void nothingWithoutTimersOrCalculation() {
        LeaseTimes.Tee t = LeaseTimes.tee(new Lifetimes(4000, 4000, 4000, null, null, false, .5, .875), 4000);
        assertThat(t.t1()).isNull();
        assertThat(t.t2()).isNull();
    }

    @Test
    void t2OnlyBelowValidAndT1OnlyBelowT2() {
        LeaseTimes.Tee t = LeaseTimes.tee(new Lifetimes(4000, 4000, 4000, 3000L, 2000L, false, .5, .875), 4000);
        assertThat(t.t2()).isEqualTo(2000);
        assertThat(t.t1()).isNull();
        LeaseTimes.Tee u = LeaseTimes.tee(new Lifetimes(4000, 4000, 4000, 3000L, 5000L, false, .5, .875), 4000);
        assertThat(u.t2()).isNull();
        assertThat(u.t1()).isEqualTo(3000);
    }

    @Test
    void infiniteLeaseHasNoTimers() {
        LeaseTimes.Tee t = LeaseTimes.tee(new Lifetimes(4000, 4000, 4000, 100L, 200L, false, .5, .875), LeaseTimes.INFINITE);
        assertThat(t.t1()).isNull();
        assertThat(t.t2()).isNull();
    }

    @Test
    void requestedLifetimeIsClampedToBounds() {
        Lifetimes lt = new Lifetimes(4000, 1000, 8000, null, null, false, .5, .875);
        assertThat(LeaseTimes.valid(lt, List.of(), 500L)).isEqualTo(1000);
        assertThat(LeaseTimes.valid(lt, List.of(), 6000L)).isEqualTo(6000);
        assertThat(LeaseTimes.valid(lt, List.of(), 9000L)).isEqualTo(8000);
        assertThat(LeaseTimes.valid(lt, List.of(), null)).isEqualTo(4000);
    }
}
