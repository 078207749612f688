package io.dhcpsuite.dhcp.transport;

import io.dhcpsuite.config.InterfacesConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which sockets {@code interfaces-config} asks for: one per {@code iface/addr} entry, plus one
 * 0.0.0.0 socket shared by every bare interface name and "*" (several sockets on 0.0.0.0:67
 * would split the traffic between them arbitrarily).
 */
public final class SocketPlan {
    /** @param iface interface name, null when unknown ("*" or several names); address 0 = 0.0.0.0 */
    public record Endpoint(String iface, int address) {
        public boolean wildcard() {
            return address == 0;
        }
    }

    private SocketPlan() {
    }

    public static List<Endpoint> of(InterfacesConfig config) {
        List<Endpoint> out = new ArrayList<>();
        if (config == null || config.interfaces() == null) {
            return out;
        }
        Set<String> bare = new LinkedHashSet<>();
        boolean star = false;
        Set<Integer> seen = new LinkedHashSet<>();
        for (InterfacesConfig.Interface i : config.interfaces()) {
            if (i.address() != null && i.address() != 0) {
                if (seen.add(i.address())) {
                    out.add(new Endpoint(i.name(), i.address()));
                }
            } else if ("*".equals(i.name())) {
                star = true;
            } else {
                bare.add(i.name());
            }
        }
        if (star || !bare.isEmpty()) {
            out.add(new Endpoint(!star && bare.size() == 1 ? bare.iterator().next() : null, 0));
        }
        return out;
    }
}
