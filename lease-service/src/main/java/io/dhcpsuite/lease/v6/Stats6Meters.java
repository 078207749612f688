package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.Subnet6;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * The v6 lease statistics as gauges, under {@code kea_dhcp6_} so that they never meet the v4 ones of
 * the same Kea name: {@code kea_dhcp6_subnet_assigned_nas{subnet_id="1"}},
 * {@code kea_dhcp6_subnet_assigned_pds}, {@code kea_dhcp6_declined_addresses}, ...
 */
public final class Stats6Meters implements MeterBinder {
    private static final List<String> PER_SUBNET = List.of("total-nas", "assigned-nas", "total-pds", "assigned-pds",
            "cumulative-assigned-nas", "cumulative-assigned-pds", "declined-addresses", "reclaimed-leases",
            "reclaimed-declined-addresses");
    private final Lease6Stats stats;
    private final Dhcp6Config config;

    public Stats6Meters(Lease6Stats stats, Dhcp6Config config) {
        this.stats = stats;
        this.config = config;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Statistics s = stats.statistics();
        for (String g : Lease6Stats.GLOBAL) {
            Gauge.builder("kea.dhcp6." + g.replace('-', '.'), s, x -> x.value(g)).register(registry);
        }
        for (Subnet6 subnet : config.subnets()) {
            String id = Long.toString(subnet.id());
            for (String n : PER_SUBNET) {
                String name = Lease6Stats.subnet(subnet.id(), n);
                Gauge.builder("kea.dhcp6.subnet." + n.replace('-', '.'), s, x -> x.value(name)).tag("subnet_id", id)
                        .register(registry);
            }
        }
    }
}
