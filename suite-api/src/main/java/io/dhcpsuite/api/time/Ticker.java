package io.dhcpsuite.api.time;

/**
 * A monotonic nanosecond source for deadlines and rate limits (batch timeouts, write deadlines,
 * HA heartbeats), injected so that tests move time instead of sleeping. Wall-clock time (lease
 * expiry, timestamps users see) comes from a {@link java.time.Clock} instead: it may jump, which
 * a deadline must not.
 */
@FunctionalInterface
public interface Ticker {
    /** {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin; only differences mean something. */
    long nanos();
}
