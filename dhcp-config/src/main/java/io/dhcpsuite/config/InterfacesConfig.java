package io.dhcpsuite.config;

import java.util.List;

/**
 * Kea's {@code interfaces-config}.
 *
 * @param interfaces each entry of {@code interfaces}: {@code "eth0"}, {@code "lo/127.0.0.2"}, or {@code "*"}
 * @param socketType {@code raw} (Kea's default) or {@code udp}; the suite always uses UDP sockets
 */
public record InterfacesConfig(List<Interface> interfaces, String socketType) {

    /**
     * @param name    interface name, or "*" for all
     * @param address the IPv4 address after the slash (as from {@code Ipv4.parse}), or null
     */
    public record Interface(String name, Integer address) {
    }
}
