package io.dhcpsuite.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.gateway.agent.AuthFailureLimiter.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {
    long now = 1_000_000_000L;
    final AuthFailureLimiter limiter = new AuthFailureLimiter(3, Duration.ofSeconds(60), () -> now);

    @Test
    void blocksAnAddressAtTheLimitUntilItsWindowEnds() {
        assertThat(limiter.failed("a")).isFalse();
        assertThat(limiter.failed("a")).isFalse();
        assertThat(limiter.check("a")).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.failed("a")).as("the failure that reaches the limit").isTrue();
        assertThat(limiter.check("a")).isEqualTo(Verdict.BLOCKED);
        assertThat(limiter.check("b")).isEqualTo(Verdict.ALLOWED);

        now += Duration.ofSeconds(20).toNanos();
        assertThat(limiter.retryAfterSeconds("a")).isEqualTo(40);
        now += Duration.ofSeconds(40).toNanos();
        assertThat(limiter.check("a")).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.failed("a")).as("a new window starts at one").isFalse();
    }

    @Test
    void aSuccessClearsTheCount() {
        limiter.failed("a");
        limiter.failed("a");
        limiter.succeeded("a");
        limiter.failed("a");
        assertThat(limiter.check("a")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aFloodOfAddressesCannotGrowTheTable() {
        for (int i = 0; i < 100_000; i++) {
            now += 1000;
            limiter.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(AuthFailureLimiter.MAX_TRACKED);
    }

    @Test
    void zeroMeansNoLimit() {
        AuthFailureLimiter off = new AuthFailureLimiter(0, Duration.ofSeconds(60), () -> now);
        for (int i = 0; i < 100; i++) {
            off.failed("a");
        }
        assertThat(off.check("a")).isEqualTo(Verdict.ALLOWED);
    }
}
