package io.dhcpsuite.api.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadlineSweepTest {

    @Test
    void pendingWorkIsSweptEveryTick() {
        assertThat(DeadlineSweep.sleepMillis(true, 2_000, 50)).isEqualTo(50);
    }

    @Test
    void withNothingPendingItSleepsHalfTheTimeoutAtMostASecondAndAtLeastATick() {
        assertThat(DeadlineSweep.sleepMillis(false, 300, 50)).isEqualTo(150);
        assertThat(DeadlineSweep.sleepMillis(false, 2_000, 50)).isEqualTo(1_000);
        assertThat(DeadlineSweep.sleepMillis(false, 60, 50)).isEqualTo(50);
        assertThat(DeadlineSweep.sleepMillis(false, 60_000, 2_000)).as("a tick longer than a second").isEqualTo(2_000);
    }
}
