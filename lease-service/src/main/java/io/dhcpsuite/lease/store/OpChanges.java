package io.dhcpsuite.lease.store;

/**
 * Which changes of a batch's transaction each op made: op {@code i} made changes
 * {@code [first[i], first[i+1])}, the last one up to {@code total}. The batch services (v4 and v6)
 * answer from it when the transaction is not acknowledged.
 */
public record OpChanges(int[] first, int total) {

    /** Whether op {@code i} changed a lease, so its answer must wait until the change is durable. */
    public boolean changed(int i) {
        return end(i) > first[i];
    }

    /**
     * Whether op {@code i}'s answer fails with the transaction: when {@code some} is null (the write
     * failed) every op that changed a lease, otherwise only the ops whose changes {@code some} names.
     */
    public boolean failed(int i, ChangesNotAcknowledged some) {
        return changed(i) && (some == null || some.anyFailed(first[i], end(i)));
    }

    private int end(int i) {
        return i + 1 < first.length ? first[i + 1] : total;
    }
}
