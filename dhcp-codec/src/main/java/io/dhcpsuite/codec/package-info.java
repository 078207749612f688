/**
 * DHCPv4 wire format without transports: immutable {@link io.dhcpsuite.codec.DhcpMessage} values,
 * a stateless {@link io.dhcpsuite.codec.DhcpDecoder} and {@link io.dhcpsuite.codec.DhcpEncoder}
 * (RFC 2131 header, RFC 2132 options, RFC 3396 long options, option overload), the structured
 * options a server must understand (client FQDN per RFC 4702, relay agent information per
 * RFC 3046/3527) and Kea's standard "dhcp4" option definitions with its option-data text rules, so
 * that the configuration parser and the server read and write options exactly as Kea does. Any
 * malformed input surfaces as one {@link io.dhcpsuite.codec.MalformedPacketException} naming what
 * was wrong and where, which the server counts and drops; nothing here knows of sockets or Spring.
 *
 * <p>DHCPv6 sits beside it on the same terms: {@link io.dhcpsuite.codec.Dhcp6Message} (a client or
 * server message with its relay layers), {@link io.dhcpsuite.codec.Dhcp6Decoder} and
 * {@link io.dhcpsuite.codec.Dhcp6Encoder} (RFC 8415), typed values for the options a server reads
 * and writes (DUIDs, IA_NA/IA_TA/IA_PD with their addresses and prefixes, pd-exclude, status codes,
 * client FQDN per RFC 4704, vendor and relay options) and Kea's standard "dhcp6" option definitions.
 */
package io.dhcpsuite.codec;
