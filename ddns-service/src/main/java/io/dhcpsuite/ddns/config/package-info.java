/**
 * Kea's {@code DhcpDdns} section: parsed and validated at start-up like {@code kea-dhcp-ddns -t}
 * would, with unknown keys refused and every error naming the key's path
 * ({@code DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[1]/port: ...}).
 */
package io.dhcpsuite.ddns.config;
