/**
 * Kea's {@code DhcpDdns} section: parsed and validated like {@code kea-dhcp-ddns -t} would, with
 * unknown keys refused and every error naming the key's path
 * ({@code DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[1]/port: ...}). ddns-service runs on
 * the result; {@link io.dhcpsuite.config.ConfigCheck} checks files with the same parser.
 */
package io.dhcpsuite.config.d2;
