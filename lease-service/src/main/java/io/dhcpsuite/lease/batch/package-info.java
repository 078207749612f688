/**
 * The hot path: {@code POST /internal/v1/lease4/batch} takes the lease operations of many packets,
 * and the same batches in binary frames on the TCP port {@link io.dhcpsuite.lease.batch.LeaseBatchTcpEndpoint},
 * applies them in the allocation engine and answers once their changes are durable. Durability is
 * a group commit: one writer thread takes every pending change of every concurrent batch, writes
 * them with one sync (journal fsync or PostgreSQL transaction) and only then releases the answers.
 */
package io.dhcpsuite.lease.batch;
