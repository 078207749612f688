/**
 * The allocation engine: chooses addresses for OFFER, commits REQUEST, RELEASE and DECLINE in the
 * in-memory lease index, following Kea's rules (the same client gets its lease back, reservations
 * win and are never given to another client, pool class guards, declined addresses in probation,
 * expired leases reused on the spot). Each pool keeps a bitmap of unavailable addresses, so finding
 * a free address never scans the lease table.
 */
package io.dhcpsuite.lease.allocation;
