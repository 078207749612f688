/**
 * The DHCPv6 sockets: {@code [::]:547} joined to ff02::1:2 on the interfaces of
 * {@code Dhcp6/interfaces-config}, and one socket per unicast address, each with its receive
 * thread and a paced sender.
 */
package io.dhcpsuite.dhcp.v6.transport;
