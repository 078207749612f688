package io.dhcpsuite.dhcp.selection;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Subnet4;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Kea's DHCPv4 subnet selection (see the package comment for the order). Immutable, thread-safe. */
public final class SubnetSelector {
    private final List<Subnet4> subnets;

    public SubnetSelector(Dhcp4Config config) {
        this.subnets = config == null ? List.of() : config.subnets();
    }

    /** The selection, or null when no subnet fits. */
    public Selection select(SelectionQuery q) {
        Set<String> classes = q.classes();
        if (q.optionSelect() != 0) {
            return withNetwork(byPrefix(q.optionSelect(), classes), classes, "link-selection");
        }
        if (q.giaddr() != 0) {
            for (Subnet4 s : subnets) {
                if (s.relayAddresses().contains(q.giaddr()) && supported(s, classes)) {
                    return withNetwork(s, classes, "relay ip-addresses");
                }
            }
            return withNetwork(byPrefix(q.giaddr(), classes), classes, "giaddr");
        }
        if (q.ciaddr() != 0 && !q.localBroadcast()) {
            return withNetwork(byPrefix(q.ciaddr(), classes), classes, "ciaddr");
        }
        if (q.remote() != 0 && !q.localBroadcast()) {
            return withNetwork(byPrefix(q.remote(), classes), classes, "source address");
        }
        if (q.iface() != null && !q.iface().isEmpty()) {
            for (Subnet4 s : subnets) {
                if (q.iface().equals(s.iface()) && supported(s, classes)) {
                    return withNetwork(s, classes, "interface");
                }
            }
        }
        if (q.local() != 0) {
            Subnet4 s = byPrefix(q.local(), classes);
            if (s != null) {
                return withNetwork(s, classes, "local address");
            }
        }
        for (int address : q.ifaceAddresses()) {
            Subnet4 s = byPrefix(address, classes);
            if (s != null) {
                return withNetwork(s, classes, "interface address");
            }
        }
        return null;
    }

    private Subnet4 byPrefix(int address, Set<String> classes) {
        for (Subnet4 s : subnets) {
            if (s.contains(address) && supported(s, classes)) {
                return s;
            }
        }
        return null;
    }

    /** Kea's clientSupported: no guard, or the client is in at least one listed class. */
    public static boolean supported(Subnet4 s, Set<String> classes) {
        List<String> guard = s.clientClasses();
        if (guard == null || guard.isEmpty()) {
            return true;
        }
        for (String c : guard) {
            if (classes.contains(c)) {
                return true;
            }
        }
        return false;
    }

    private Selection withNetwork(Subnet4 selected, Set<String> classes, String how) {
        if (selected == null) {
            return null;
        }
        if (selected.sharedNetwork() == null) {
            return new Selection(selected, List.of(selected), how);
        }
        List<Subnet4> candidates = new ArrayList<>();
        candidates.add(selected);
        for (Subnet4 s : subnets) {
            if (s != selected && selected.sharedNetwork().equals(s.sharedNetwork()) && supported(s, classes)) {
                candidates.add(s);
            }
        }
        return new Selection(selected, List.copyOf(candidates), how);
    }
}
