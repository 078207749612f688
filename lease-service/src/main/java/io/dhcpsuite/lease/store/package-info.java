/**
 * The lease store: the {@link io.dhcpsuite.lease.store.Lease} value, the in-memory indexes that
 * serve every read and allocation, and the {@link io.dhcpsuite.lease.store.LeaseBackend} that makes
 * changes durable (memfile journal or PostgreSQL). lease-service is the only writer of the lease
 * store, so the backend is the durable copy and memory is authoritative while the service runs; the
 * indexes are loaded from the backend at start-up.
 */
package io.dhcpsuite.lease.store;
