package io.dhcpsuite.lease.store;

import java.util.BitSet;

/**
 * How a gating {@link LeaseChangeListener} fails only some changes of a transaction: the indexes
 * (into {@link LeaseChanges#changes()}) of those not acknowledged. The lease wire then fails only
 * the answers of the operations that made them, as Kea drops only the queries whose lease updates
 * failed; any other failure of a listener fails every answer of the transaction.
 */
public final class ChangesNotAcknowledged extends RuntimeException {
    private final BitSet failed;

    public ChangesNotAcknowledged(BitSet failed, String message, Throwable cause) {
        super(message, cause);
        this.failed = (BitSet) failed.clone();
    }

    /** Whether any change in {@code [from, to)} was not acknowledged. */
    public boolean anyFailed(int from, int to) {
        int next = failed.nextSetBit(from);
        return next >= 0 && next < to;
    }
}
