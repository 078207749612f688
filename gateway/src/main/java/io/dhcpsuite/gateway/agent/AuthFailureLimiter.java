package io.dhcpsuite.gateway.agent;

import io.dhcpsuite.api.time.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing on the control API: a client address that sent {@code maxFailures}
 * wrong credentials within {@code window} is refused (HTTP 429) until that window has passed since
 * its first failure, whatever it sends meanwhile, the right password included; a success clears its
 * count. Kea's Control Agent has no such limit; a guessing client there is only logged. The table
 * is bounded: past {@link #MAX_TRACKED} addresses the expired entries are dropped, and if every entry
 * is live the oldest half goes, so a spoofing flood costs memory it cannot grow.
 */
public final class AuthFailureLimiter {
    static final int MAX_TRACKED = 4096;
    private final int maxFailures;
    private final long windowNanos;
    private final Ticker ticker;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** One address: when its window started and how many failures it has in it. */
    private record Entry(long since, int failures) {
    }

    /** What a request from one address may do now. */
    public enum Verdict { ALLOWED, BLOCKED }

    public AuthFailureLimiter(int maxFailures, java.time.Duration window, Ticker ticker) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
    }

    public Verdict check(String address) {
        if (maxFailures <= 0) {
            return Verdict.ALLOWED;
        }
        Entry e = entries.get(address);
        if (e == null || expired(e, ticker.nanos())) {
            return Verdict.ALLOWED;
        }
        return e.failures() >= maxFailures ? Verdict.BLOCKED : Verdict.ALLOWED;
    }

    /** Counts a failure; returns true when this one reached the limit (the moment to log the block). */
    public boolean failed(String address) {
        if (maxFailures <= 0) {
            return false;
        }
        long now = ticker.nanos();
        if (entries.size() >= MAX_TRACKED) {
            trim(now);
        }
        Entry e = entries.merge(address, new Entry(now, 1),
                (old, one) -> expired(old, now) ? one : new Entry(old.since(), old.failures() + 1));
        return e.failures() == maxFailures;
    }

    public void succeeded(String address) {
        entries.remove(address);
    }

    /** Seconds until {@code address} may try again, for Retry-After (at least 1). */
    public long retryAfterSeconds(String address) {
        Entry e = entries.get(address);
        long left = e == null ? 0 : e.since() + windowNanos - ticker.nanos();
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    int tracked() {
        return entries.size();
    }

    private boolean expired(Entry e, long now) {
        return now - e.since() >= windowNanos;
    }

    private void trim(long now) {
        entries.values().removeIf(e -> expired(e, now));
        if (entries.size() >= MAX_TRACKED) {
            long[] starts = entries.values().stream().mapToLong(Entry::since).sorted().toArray();
            long median = starts[starts.length / 2];
            entries.values().removeIf(e -> e.since() <= median);
        }
    }
}
