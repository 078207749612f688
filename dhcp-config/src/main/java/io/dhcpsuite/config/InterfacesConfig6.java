package io.dhcpsuite.config;

import java.math.BigInteger;
import java.util.List;

/**
 * Kea's {@code interfaces-config} of {@code Dhcp6}.
 *
 * @param interfaces each entry of {@code interfaces}: {@code "eth0"} (multicast ff02::1:2 and
 *                   the link-local address), {@code "eth0/2001:db8::1"} (also that unicast
 *                   address), or {@code "*"}
 * @param reDetect   {@code re-detect} (default true)
 */
public record InterfacesConfig6(List<Interface> interfaces, boolean reDetect) {

    /**
     * @param name    interface name, or "*" for all
     * @param unicast the address after the slash, or null
     */
    public record Interface(String name, BigInteger unicast) {
    }
}
