/**
 * The lease-service side of HA lease synchronisation, suite extensions that a Kea partner does
 * not have: {@code ha-sync-page} serves this store's leases in (cltt, address) order to a
 * partner's incremental sync, {@code ha-sync-apply} applies a whole fetched page with Kea's sync
 * rule in one transaction of origin {@code HA_PARTNER} (never sent back to the partner), and
 * {@link io.dhcpsuite.lease.hasync.SyncCursors} keeps, per partner, where the last sync got to,
 * durable beside the lease store (a file next to the memfile, a table in PostgreSQL).
 */
package io.dhcpsuite.lease.hasync;
