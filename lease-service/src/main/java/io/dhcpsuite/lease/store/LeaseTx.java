package io.dhcpsuite.lease.store;

/**
 * The lease store inside {@link LeaseStore#transact}: reads see the transaction's own changes, and
 * every {@link #put} and {@link #remove} is recorded as a {@link LeaseChange} of the transaction's
 * origin, to be made durable and published when the transaction ends.
 */
public interface LeaseTx extends LeaseView {

    /** Stores the lease, replacing the one at its address; returns the replaced one or null. */
    Lease put(Lease lease);

    /** Deletes the lease at {@code address}; returns it, or null when there was none (no change then). */
    Lease remove(int address);

    /** How many changes the transaction has made so far (the hot path marks the ops that wrote). */
    int changeCount();

    LeaseChange.Origin origin();
}
