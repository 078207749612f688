/**
 * The hosts databases seen from the packet side: lease-service owns the reservations of
 * {@code hosts-database(s)}; this package keeps dhcp-service's in-memory copy
 * ({@link HostReplicaBase}: {@link io.dhcpsuite.dhcp.classification.HostReplica} and
 * {@link io.dhcpsuite.dhcp.v6.HostReplica6}) in step with it, so the packet path never
 * waits for a database or for lease-service to find a host.
 */
package io.dhcpsuite.dhcp.hosts;
