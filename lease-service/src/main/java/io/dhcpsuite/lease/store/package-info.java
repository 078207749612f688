/**
 * The lease store: the {@link io.dhcpsuite.lease.store.Lease} value, the in-memory index that
 * serves every read and allocation, the {@link io.dhcpsuite.lease.store.LeaseBackend} that makes
 * changes durable (memfile journal or PostgreSQL), and {@link io.dhcpsuite.lease.store.LeaseStore},
 * the only way to the index. lease-service is the only writer of the lease store, so the backend
 * is the durable copy and memory is authoritative while the service runs; the index is loaded from
 * the backend at start-up.
 *
 * <h2>Transactions and lease change listeners</h2>
 * Everything that changes leases (the hot path's batches, control commands, reclamation, and lease
 * updates from an HA partner) is a {@link io.dhcpsuite.lease.store.LeaseStore#transact transaction}:
 * a function over a {@link io.dhcpsuite.lease.store.LeaseTx} run under the store's lock, which
 * returns the {@link io.dhcpsuite.lease.store.LeaseChange}s it made (added, updated, deleted, each
 * with its {@link io.dhcpsuite.lease.store.LeaseChange.Origin origin}). Before the lock is released
 * the changes go to the {@link io.dhcpsuite.lease.store.LeaseWriter} (group commit) and then, as one
 * {@link io.dhcpsuite.lease.store.LeaseChanges}, to every
 * {@link io.dhcpsuite.lease.store.LeaseChangeListener}, in commit order. Listeners are beans, given
 * to the engine's constructor in {@code @Order}; there is no setter.
 *
 * <p>A listener that returns a completion gates the transaction's answers: the caller's
 * {@link io.dhcpsuite.lease.store.LeaseStore.Committed#done} completes when the write is durable
 * <em>and</em> every returned completion has completed, and fails when either fails. On the lease
 * wire that holds back every reply of the batch, and a failure turns the answers of the ops that
 * changed leases into errors, so dhcp-service sends no reply for them. This is the seam for HA's
 * lease updates, which follow Kea's rule: the DHCP response is parked until the partner
 * acknowledged the lease update, and dropped if it did not. An HA listener sends the changes of
 * origin {@code DHCP} (and never those of {@code HA_PARTNER}, so updates are not echoed back),
 * returns the completion of the partner's acknowledgement when its mode waits for acks, and null
 * otherwise. Changes are published to listeners while the write is still under way, so the write
 * and the partner's round trip overlap; a failed write still fails the answers.
 *
 * <p>Listeners are called with the lock held and must not block or call back into the store. With
 * no listener registered the store calls none and builds no {@code LeaseChanges}: the hot path pays
 * nothing for the seam.
 */
package io.dhcpsuite.lease.store;
