/**
 * The DHCPv6 control commands of lease-service: Kea's lease6-* (lease_cmds), stat-lease6-get and
 * stat-lease4-get (stat_cmds), and the commands a {@code "service": ["dhcp6"]} request addresses to
 * the v6 side ({@link io.dhcpsuite.lease.v6.command.ServiceDispatcher}).
 */
package io.dhcpsuite.lease.v6.command;
