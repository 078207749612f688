/**
 * The allocation engine: chooses addresses for OFFER, commits REQUEST, RELEASE and DECLINE as lease
 * store transactions of origin DHCP, following Kea's rules (the same client gets its lease back,
 * reservations win and are never given to another client, pool class guards, declined addresses
 * in probation, expired leases reused on the spot). Each pool keeps a bitmap of unavailable
 * addresses, so finding a free address never scans the lease table; {@link
 * io.dhcpsuite.lease.allocation.OfferHolds} and {@link io.dhcpsuite.lease.allocation.Reservations}
 * keep the addresses that are unavailable without a lease. All of it is guarded by the lease
 * store's lock.
 */
package io.dhcpsuite.lease.allocation;
