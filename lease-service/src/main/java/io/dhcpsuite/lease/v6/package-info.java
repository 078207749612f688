/**
 * DHCPv6 leases: the v6 lease index and store, its backend interface, and the allocation engine for
 * addresses (IA_NA, from {@code pools}) and delegated prefixes (IA_PD, from {@code pd-pools}).
 *
 * <p>Kea keeps v6 leases apart from v4 ones (kea-leases6.csv, the lease6 table), and so does this
 * package: its own index keyed by (address, type), its own lock, its own statistics registry
 * ({@code subnet[id]} of a v6 subnet is not the v4 subnet of the same id). What it shares with v4 is
 * the group-commit writer thread: v6 changes are queued beside v4 ones and made durable (journal
 * fsync, database commit) before their answer leaves, exactly as for v4.
 */
package io.dhcpsuite.lease.v6;
