package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6Relay;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.Subnet6;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Kea's DHCPv6 subnet selection. A relayed query: the interface-id a relay added (searched from
 * the relay closest to the client outwards) against the subnets' {@code interface-id}, then the
 * link-address of the relay closest to the client against {@code relay.ip-addresses}, then that
 * link-address inside a subnet's prefix. A direct query: the receiving interface against the
 * subnets' {@code interface}, then the source address inside a prefix. Subnets whose class guard
 * the client does not pass are skipped. The candidates are the selected subnet, then the other
 * subnets of its shared network the client may use.
 */
public final class SubnetSelector6 {
    private final List<Subnet6> subnets;

    public SubnetSelector6(Dhcp6Config config) {
        this.subnets = config == null ? List.of() : config.subnets();
    }

    /** The selected subnet first, then its shared network's other allowed subnets; empty when none. */
    public List<Subnet6> select(Dhcp6Message query, String iface, InetAddress remote, Set<String> classes) {
        Subnet6 s = selectOne(query, iface, remote, classes);
        if (s == null) {
            return List.of();
        }
        List<Subnet6> out = new ArrayList<>();
        out.add(s);
        if (s.sharedNetwork() != null) {
            for (Subnet6 o : subnets) {
                if (o != s && s.sharedNetwork().equals(o.sharedNetwork()) && allowed(o, classes)) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    Subnet6 selectOne(Dhcp6Message query, String iface, InetAddress remote, Set<String> classes) {
        if (query.relayed()) {
            byte[] interfaceId = null;
            for (int i = query.relays().size() - 1; i >= 0 && interfaceId == null; i--) {
                interfaceId = query.relays().get(i).interfaceId();
            }
            if (interfaceId != null) {
                for (Subnet6 s : subnets) {
                    if (s.interfaceId() != null && allowed(s, classes)
                            && Arrays.equals(s.interfaceId().getBytes(StandardCharsets.UTF_8), interfaceId)) {
                        return s;
                    }
                }
            }
            Dhcp6Relay first = query.relay(-1);
            BigInteger link = new BigInteger(1, first.linkAddress().getAddress());
            for (Subnet6 s : subnets) {
                if (s.relayAddresses().contains(link) && allowed(s, classes)) {
                    return s;
                }
            }
            if (link.signum() != 0) {
                for (Subnet6 s : subnets) {
                    if (s.contains(link) && allowed(s, classes)) {
                        return s;
                    }
                }
            }
            return null;
        }
        if (iface != null) {
            for (Subnet6 s : subnets) {
                if (iface.equals(s.iface()) && allowed(s, classes)) {
                    return s;
                }
            }
        }
        if (remote != null) {
            BigInteger addr = new BigInteger(1, remote.getAddress());
            for (Subnet6 s : subnets) {
                if (s.contains(addr) && allowed(s, classes)) {
                    return s;
                }
            }
        }
        return null;
    }

    static boolean allowed(Subnet6 s, Set<String> classes) {
        if (s.clientClasses().isEmpty()) {
            return true;
        }
        for (String c : s.clientClasses()) {
            if (classes.contains(c)) {
                return true;
            }
        }
        return false;
    }
}
