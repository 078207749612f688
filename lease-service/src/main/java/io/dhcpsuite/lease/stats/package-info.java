/**
 * Lease statistics under Kea's names ({@code subnet[1].assigned-addresses},
 * {@code cumulative-assigned-addresses}, {@code v4-allocation-fail}, ...), kept current from every
 * lease-index change, and the same figures as Micrometer gauges for {@code /actuator/prometheus}.
 */
package io.dhcpsuite.lease.stats;
