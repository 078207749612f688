package io.dhcpsuite.config;

/**
 * Kea's {@code expired-leases-processing}; times in seconds except {@code maxReclaimTime} (ms).
 * Defaults: 10, 25, 3600, 100, 250, 5.
 */
public record ExpiredLeasesProcessing(
        long reclaimTimerWaitTime,
        long flushReclaimedTimerWaitTime,
        long holdReclaimedTime,
        int maxReclaimLeases,
        long maxReclaimTime,
        int unwarnedReclaimCycles) {

    public static final ExpiredLeasesProcessing DEFAULTS = new ExpiredLeasesProcessing(10, 25, 3600, 100, 250, 5);
}
