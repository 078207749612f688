package io.dhcpsuite.lease.allocation;

import io.dhcpsuite.lease.store.Lease;

/**
 * Told of every lease reclaimed, by the reclamation routine or on the spot when its address goes to
 * another client, before its DNS data is cleared (Kea queues the DNS remove there). Called inside
 * the transaction, with the store's lock held: it must not block.
 */
@FunctionalInterface
public interface ReclaimListener {
    void reclaimed(Lease lease);
}
