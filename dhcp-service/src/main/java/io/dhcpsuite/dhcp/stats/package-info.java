/**
 * Packet statistics under Kea's names ({@code pkt4-received}, {@code pkt4-ack-sent}, ...), kept in
 * the suite's {@link io.dhcpsuite.api.stats.Statistics} for the statistic-* commands and mirrored
 * as Micrometer counters ({@code kea_pkt4_received_total}) on {@code /actuator/prometheus}.
 */
package io.dhcpsuite.dhcp.stats;
