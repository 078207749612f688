package io.dhcpsuite.lease.v6.command;

/**
 * lease-service's command table, which plays part of kea-dhcp4 and part of kea-dhcp6: the lease6-*
 * commands, stat-lease6-get, {@code statistic-*} over the v6 statistics, {@code leases-reclaim} of
 * v6 leases, the DHCPv6 HA commands and the Dhcp6 configuration commands answer
 * {@code "service": ["dhcp6"]} from the v6 table (lease6-get is an unsupported command for dhcp4,
 * as in Kea; see {@link io.dhcpsuite.api.command.ServiceDispatcher}).
 */
public final class ServiceDispatcher extends io.dhcpsuite.api.command.ServiceDispatcher {
}
