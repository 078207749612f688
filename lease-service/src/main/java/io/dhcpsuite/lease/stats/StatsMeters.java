package io.dhcpsuite.lease.stats;

import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Subnet4;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The Kea statistics as gauges: {@code kea_subnet_assigned_addresses{subnet_id="1"}},
 * {@code kea_subnet_pool_assigned_addresses{subnet_id="1",pool="0"}}, {@code kea_reclaimed_leases}.
 */
public final class StatsMeters implements MeterBinder {
    private final LeaseStats stats;

    public StatsMeters(LeaseStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Statistics s = stats.statistics();
        for (String g : LeaseStats.GLOBAL) {
            Gauge.builder("kea." + g.replace('-', '.'), s, x -> x.value(g)).register(registry);
        }
        for (Subnet4 subnet : stats.config().subnets()) {
            String id = Long.toString(subnet.id());
            for (String n : new String[] {"total-addresses", "assigned-addresses", "declined-addresses",
                "cumulative-assigned-addresses", "reclaimed-leases", "reclaimed-declined-addresses"}) {
                String name = LeaseStats.subnet(subnet.id(), n);
                Gauge.builder("kea.subnet." + n.replace('-', '.'), s, x -> x.value(name)).tag("subnet_id", id).register(registry);
            }
            for (int i = 0; i < subnet.pools().size(); i++) {
                for (String n : new String[] {"total-addresses", "assigned-addresses"}) {
                    String name = LeaseStats.pool(subnet.id(), i, n);
                    Gauge.builder("kea.subnet.pool." + n.replace('-', '.'), s, x -> x.value(name))
                            .tag("subnet_id", id).tag("pool", Integer.toString(i)).register(registry);
                }
            }
        }
    }
}
