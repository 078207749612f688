package io.dhcpsuite.dhcp.selection;

import java.util.List;
import java.util.Set;

/**
 * What subnet selection looks at; addresses are ints as from {@code Ipv4.parse}, 0 = absent.
 *
 * @param optionSelect     option 82 sub-option 5 (link selection), else option 118, else 0
 * @param giaddr           relay address
 * @param ciaddr           client address
 * @param remote           source address of the datagram
 * @param local            address the datagram arrived on (0 when the socket is bound to 0.0.0.0)
 * @param localBroadcast   the datagram was sent to 255.255.255.255
 * @param iface            receiving interface name, or null when unknown
 * @param ifaceAddresses   IPv4 addresses of the receiving interface, in order
 * @param classes          the client's classes so far, for {@code client-classes} guards
 */
public record SelectionQuery(int optionSelect, int giaddr, int ciaddr, int remote, int local,
                             boolean localBroadcast, String iface, List<Integer> ifaceAddresses,
                             Set<String> classes) {
}
