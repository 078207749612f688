package io.dhcpsuite.config;

/**
 * A lifetime with its bounds, as Kea's {@code Triplet}: an unset {@code min-}/{@code max-} key
 * equals the value, and min ≤ value ≤ max.
 */
public record Triplet(long value, long min, long max) {

    /** {@code requested} (0 = the client asked for nothing) within the bounds, as Kea applies a client's hint. */
    public long clamp(long requested) {
        if (requested == 0) {
            return value;
        }
        return Math.max(min, Math.min(max, requested));
    }
}
