/**
 * The DHCPv6 server (RFC 8415 as Kea serves it): the packet chain from a decoded query to the
 * reply ({@link io.dhcpsuite.dhcp.v6.Dhcp6Processor}), subnet selection, reservations,
 * classification, lifetimes and options, and the server DUID kept across restarts. The sockets
 * are in {@code v6.transport}, the batching client of lease-service in {@code v6.leaseclient}.
 */
package io.dhcpsuite.dhcp.v6;
