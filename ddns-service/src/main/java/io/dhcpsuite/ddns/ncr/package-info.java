/**
 * Where NameChangeRequests come in: Kea's UDP listener (2-byte length + JSON per datagram) for
 * Kea DHCP servers, and {@code POST /internal/v1/ncr} with the same JSON for the suite's services.
 * Both validate with {@link io.dhcpsuite.api.ddns.NcrCodec}, so the two paths accept exactly the same NCRs.
 */
package io.dhcpsuite.ddns.ncr;
