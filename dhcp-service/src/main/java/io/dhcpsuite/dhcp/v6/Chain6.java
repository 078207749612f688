package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.dhcp.stats.Packet6Stats;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the DHCPv6 handlers in order until one stops. A DROP is counted once in
 * {@code pkt6-receive-drop} and logged at DEBUG with its reason; a handler's exception drops the
 * packet the same way, so the service survives any packet.
 */
final class Chain6 {
    private static final Logger badPackets = LoggerFactory.getLogger("kea-dhcp6.bad-packets");
    private final List<Handler6> handlers;
    private final Packet6Stats stats;

    Chain6(List<Handler6> handlers, Packet6Stats stats) {
        this.handlers = List.copyOf(handlers);
        this.stats = stats;
    }

    void run(Exchange6 ex, int from) {
        for (int i = from; i < handlers.size(); i++) {
            Outcome6 o;
            ex.at(this, i);
            try {
                o = handlers.get(i).handle(ex);
            } catch (RuntimeException e) {
                stats.dropped();
                badPackets.warn("DHCP6_PACKET_PROCESS_EXCEPTION {}: failed to process packet: {}", ex.label(), e.toString());
                badPackets.debug("DHCP6_PACKET_PROCESS_EXCEPTION", e);
                return;
            }
            switch (o) {
                case CONTINUE -> {
                }
                case DROP -> {
                    stats.dropped();
                    if (badPackets.isDebugEnabled()) {
                        badPackets.debug("{} {}", ex.dropReason == null ? "DHCP6_PACKET_DROP" : ex.dropReason, ex.label());
                    }
                    return;
                }
                case DONE, SUSPEND -> {
                    return;
                }
            }
        }
    }
}
