package io.dhcpsuite.dhcp.processing;

import java.util.List;

/**
 * The socket a query arrived on, as the chain needs it.
 *
 * @param iface          interface name from interfaces-config, or null for "*"
 * @param localAddress   the bound address, or 0 for a socket bound to 0.0.0.0 (then the
 *                       receiving interface and destination address are unknown to Java)
 * @param serverId       our address for option 54: the bound address, or for 0.0.0.0 the
 *                       interface's first IPv4 address (0 if none is known)
 * @param ifaceAddresses the interface's IPv4 addresses, for subnet selection
 * @param sink           sends replies through this socket
 */
public record Ingress(String iface, int localAddress, int serverId, List<Integer> ifaceAddresses, ReplySink sink) {
}
