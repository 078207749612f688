/**
 * The NameChangeRequest (NCR) contract between the DHCP side and ddns-service, byte for byte
 * Kea's ({@code src/lib/dhcp_ddns/ncr_msg.cc}): the JSON fields of {@link Ncr}, the UDP framing of
 * {@link NcrCodec} (a 2-byte big-endian length, then the JSON text), and the DHCID RDATA of
 * RFC 4701 that a DHCP server computes for the {@code dhcid} field ({@link Dhcid}). A Kea DHCP
 * server can send to ddns-service, and our dhcp-service can send to Kea's D2.
 */
package io.dhcpsuite.api.ddns;
