package io.dhcpsuite.lease.store;

import java.util.Collection;
import java.util.List;

/**
 * The lease store as a reader sees it inside {@link LeaseStore#read} or a transaction. Valid only
 * while the lock is held: a view kept beyond that reads whatever later transactions made of it.
 * Leases are values built on each call, so they may be kept.
 */
public interface LeaseView {

    Lease get(int address);

    int size();

    /** Every lease in ascending (unsigned) address order, built as the iteration reaches it. */
    Collection<Lease> all();

    /** Up to {@code limit} leases with an address above {@code after} (unsigned), ascending. */
    List<Lease> page(Integer after, int limit);

    List<Lease> byHwAddress(String hw);

    List<Lease> byClientId(String clientId);

    List<Lease> byHostname(String hostname);

    /** The leases of a subnet, ascending; a scan, as only commands ask. */
    List<Lease> bySubnet(long subnetId);

    /** The client's lease in a subnet by hardware address (the newest when there are several). */
    Lease byHwAddress(long subnetId, String hw);

    /** The client's lease in a subnet by client id (the newest when there are several). */
    Lease byClientId(long subnetId, String clientId);

    /** Leases awaiting reclamation that expired before {@code nowSeconds}, oldest first, at most {@code limit} (0 = all). */
    List<Lease> expired(long nowSeconds, int limit);

    /**
     * Up to {@code limit} leases ordered by (cltt, address) after ({@code cltt}, {@code after});
     * {@code after} null starts with the first address of {@code cltt}. An HA partner's
     * incremental sync pages through this order: a lease that changes moves to the end.
     */
    List<Lease> changedSince(long cltt, Integer after, int limit);

    /** Expired-reclaimed leases whose expiry is before {@code cutoffSeconds}, oldest first. */
    List<Lease> reclaimedBefore(long cutoffSeconds, int limit);

    /** A point-in-time copy that later transactions do not reach, readable without the lock (lease4-write). */
    LeaseView copy();
}
