package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.dhcp.processing.ReplySink;

/**
 * The DHCPv6 socket a query arrived on.
 *
 * @param iface        the interface name from interfaces-config, or null when the socket serves
 *                     several ("*" or more than one name): then a link-local source's scope names it
 * @param localAddress the bound unicast address (16 bytes), or null for the {@code [::]} socket
 *                     joined to ff02::1:2
 * @param sink         sends replies through this socket
 */
public record Ingress6(String iface, byte[] localAddress, ReplySink sink) {

    /** True for a socket bound to a unicast address: every query on it was sent to that address. */
    public boolean unicast() {
        return localAddress != null;
    }

    /** True for a socket bound to ::1, where no multicast exists. */
    public boolean loopback() {
        if (localAddress == null) {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            if (localAddress[i] != 0) {
                return false;
            }
        }
        return localAddress[15] == 1;
    }
}
