package io.dhcpsuite.lease;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.allocation.ReclaimListener;
import io.dhcpsuite.lease.store.LeaseChangeListener;
import io.dhcpsuite.lease.store.LeaseWriter;
import io.dhcpsuite.lease.stats.LeaseStats;
import java.time.Clock;
import java.util.List;

/** Builders shared by the tests. */
public final class TestSupport {
    private TestSupport() {
    }

    /**
     * Subnet 1 192.0.2.0/24 with pool .10-.19 and a reservation of .50 (out of pool) and .15 (in
     * pool) for known clients; subnet 2 (same shared network) 198.51.100.0/24 pool .10-.11.
     */
    public static final String CONFIG = """
            { "Dhcp4": {
              // comments as in Kea
              "valid-lifetime": 3600,
              "decline-probation-period": 600,
              "expired-leases-processing": { "reclaim-timer-wait-time": 10, "flush-reclaimed-timer-wait-time": 25,
                                             "hold-reclaimed-time": 3600, "max-reclaim-leases": 100, "max-reclaim-time": 0 },
              "lease-database": { "type": "memfile", "persist": false },
              "shared-networks": [ { "name": "net",
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.19" },
                                                                   { "pool": "192.0.2.100 - 192.0.2.101", "client-class": "gold" } ],
                    "reservations": [ { "hw-address": "aa:00:00:00:00:50", "ip-address": "192.0.2.50" },
                                      { "hw-address": "aa:00:00:00:00:15", "ip-address": "192.0.2.15" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.11" } ] }
                ] } ]
            } }
            """;

    public static Dhcp4Config config() {
        return config(CONFIG);
    }

    /** Parsed by dhcp-config's loader, as the service parses its file. */
    public static Dhcp4Config config(String text) {
        return KeaConfigLoader.parse(text, null).dhcp4();
    }

    public static AllocationEngine engine(Dhcp4Config cfg, Clock clock) {
        return new AllocationEngine(cfg, new LeaseStats(new Statistics(clock), cfg), clock);
    }

    /** An engine whose changes go to {@code writer}, told to {@code listeners}, reclaimed leases to {@code reclaim}. */
    public static AllocationEngine engine(Dhcp4Config cfg, Clock clock, LeaseWriter writer, List<LeaseChangeListener> listeners,
                                          List<ReclaimListener> reclaim) {
        return new AllocationEngine(cfg, new LeaseStats(new Statistics(clock), cfg), clock, writer, listeners, reclaim);
    }

    public static LeaseOp4 op(LeaseOp4.Kind kind, String hw, String requested, boolean exact) {
        return new LeaseOp4(1, kind, List.of(1L), 1, hw, null, true, requested, exact, null, 0, List.of(), 3600,
                null, false, false);
    }

    public static LeaseOp4 op(LeaseOp4.Kind kind, String hw, String requested, boolean exact, String reserved, List<Long> subnets,
                              List<String> classes) {
        return new LeaseOp4(1, kind, subnets, 1, hw, null, true, requested, exact, reserved, reserved == null ? 0 : 1,
                classes, 3600, null, false, false);
    }
}
