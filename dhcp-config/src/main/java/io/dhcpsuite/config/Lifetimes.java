package io.dhcpsuite.config;

/**
 * Effective lease lifetime parameters of a scope. {@code minValid}/{@code maxValid} equal
 * {@code valid} when not configured (Kea). {@code renewTimer}/{@code rebindTimer} are null when
 * not configured. Kea's defaults: valid 7200, calculate-tee-times false, t1 .5, t2 .875.
 */
public record Lifetimes(
        long valid,
        long minValid,
        long maxValid,
        Long renewTimer,
        Long rebindTimer,
        boolean calculateTeeTimes,
        double t1Percent,
        double t2Percent) {
}
