package io.dhcpsuite.dhcp.transport;

import io.dhcpsuite.codec.Ipv4;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The host's IPv4 addresses, per interface and in total. */
public final class LocalAddresses {
    private LocalAddresses() {
    }

    public static List<Integer> of(String iface) {
        List<Integer> out = new ArrayList<>();
        try {
            NetworkInterface ni = NetworkInterface.getByName(iface);
            if (ni != null) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address v4) {
                        out.add(Ipv4.fromBytes(v4.getAddress(), 0));
                    }
                }
            }
        } catch (SocketException e) {
            // An interface that cannot be read has no addresses for us.
        }
        return out;
    }

    /** Every IPv4 address of every interface, non-loopback ones first. */
    public static List<Integer> all() {
        List<Integer> first = new ArrayList<>();
        List<Integer> loop = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address v4) {
                        (v4.isLoopbackAddress() ? loop : first).add(Ipv4.fromBytes(v4.getAddress(), 0));
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: only the bound addresses count as ours.
        }
        first.addAll(loop);
        return first;
    }
}
