package io.dhcpsuite.api.time;

/**
 * How long a deadline sweeper sleeps: {@code tickMillis} while anything is pending; with nothing
 * pending, the next deadline is at least a whole timeout away, so half of it (at most 1 s, at least
 * a tick) still looks again before any deadline, and an idle service is not woken for nothing.
 */
public final class DeadlineSweep {
    private DeadlineSweep() {
    }

    public static long sleepMillis(boolean pending, long timeoutMillis, long tickMillis) {
        return pending ? tickMillis : Math.clamp(timeoutMillis / 2, tickMillis, Math.max(tickMillis, 1_000));
    }
}
