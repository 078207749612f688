package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.dhcp.stats.PacketStats;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handlers in order until one stops. A DROP is counted once in {@code pkt4-receive-drop}
 * and logged at DEBUG with its reason; an exception from a handler drops the packet the same way
 * (DHCP4_PACKET_DROP_0007), so the service survives any packet.
 */
final class HandlerChain {
    private static final Logger badPackets = LoggerFactory.getLogger("kea-dhcp4.bad-packets");
    private final List<Handler> handlers;
    private final PacketStats stats;

    HandlerChain(List<Handler> handlers, PacketStats stats) {
        this.handlers = List.copyOf(handlers);
        this.stats = stats;
    }

    void run(Exchange ex, int from) {
        for (int i = from; i < handlers.size(); i++) {
            Outcome o;
            ex.at(this, i);
            try {
                o = handlers.get(i).handle(ex);
            } catch (RuntimeException e) {
                stats.dropped();
                badPackets.warn("DHCP4_PACKET_DROP_0007 {}: failed to process packet: {}", ex.label(), e.toString());
                badPackets.debug("DHCP4_PACKET_PROCESS_STD_EXCEPTION", e);
                return;
            }
            switch (o) {
                case CONTINUE -> {
                }
                case DROP -> {
                    stats.dropped();
                    if (badPackets.isDebugEnabled()) {
                        badPackets.debug("{} {}", ex.dropReason == null ? "DHCP4_PACKET_DROP" : ex.dropReason, ex.label());
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
