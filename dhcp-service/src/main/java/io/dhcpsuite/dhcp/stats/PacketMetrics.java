package io.dhcpsuite.dhcp.stats;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes the packet statistics to Micrometer as function counters read on scrape, so the packet
 * path pays nothing extra: {@code pkt4-ack-sent} becomes {@code kea.pkt4.ack.sent}, which the
 * Prometheus registry renders as {@code kea_pkt4_ack_sent_total}. A statistic-reset shows up as a
 * counter reset, which Prometheus' rate() handles.
 */
public final class PacketMetrics {
    private PacketMetrics() {
    }

    public static void bind(PacketStats stats, MeterRegistry registry) {
        for (String name : PacketStats.ALL) {
            FunctionCounter.builder("kea." + name.replace('-', '.'), stats, s -> s.value(name))
                    .description("Kea statistic " + name)
                    .register(registry);
        }
    }

    /** The DHCPv6 counters the same way: {@code pkt6-reply-sent} is {@code kea_pkt6_reply_sent_total}. */
    public static void bind(Packet6Stats stats, MeterRegistry registry) {
        for (String name : Packet6Stats.ALL) {
            FunctionCounter.builder("kea." + name.replace('-', '.'), stats, s -> s.value(name))
                    .description("Kea statistic " + name)
                    .register(registry);
        }
    }
}
