package io.dhcpsuite.lease.v6.command;

/**
 * lease-service's command table, which plays part of kea-dhcp4 and part of kea-dhcp6: the v6 table
 * has the lease6-* commands, stat-lease6-get, {@code statistic-*} over the v6 statistics,
 * {@code leases-reclaim} of v6 leases and the DHCPv6 HA commands (see
 * {@link io.dhcpsuite.api.command.ServiceDispatcher}).
 */
public final class ServiceDispatcher extends io.dhcpsuite.api.command.ServiceDispatcher {
}
