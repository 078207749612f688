package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.KeaConfigLoader;
import java.time.Clock;
import java.util.List;

/** Builders shared by the v6 tests. */
public final class V6Support {
    private V6Support() {
    }

    /**
     * Subnet 1 2001:db8:1::/64: pool ::10-::13 (one address, ::12, reserved for DUID ...:99), a
     * "gold" pool ::100, pd-pool 2001:db8:8::/48 delegating /56; subnet 2 2001:db8:2::/64: no
     * address pool, pd-pool 2001:db8:9::/62 delegating /64 (four prefixes).
     */
    public static final String CONFIG = """
            { "Dhcp6": {
              "preferred-lifetime": 3000, "valid-lifetime": 4000,
              "decline-probation-period": 600,
              "lease-database": { "type": "memfile", "persist": false },
              "subnet6": [
                { "id": 1, "subnet": "2001:db8:1::/64",
                  "pools": [ { "pool": "2001:db8:1::10 - 2001:db8:1::13" },
                             { "pool": "2001:db8:1::100 - 2001:db8:1::100", "client-class": "gold" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56 } ],
                  "reservations": [ { "duid": "01:02:03:04:05:06:07:99", "ip-addresses": [ "2001:db8:1::12" ],
                                      "prefixes": [ "2001:db8:8:ff00::/56" ] } ] },
                { "id": 2, "subnet": "2001:db8:2::/64",
                  "pd-pools": [ { "prefix": "2001:db8:9::", "prefix-len": 62, "delegated-len": 64 } ] }
              ]
            } }
            """;

    public static Dhcp6Config config() {
        return config(CONFIG);
    }

    public static Dhcp6Config config(String text) {
        return KeaConfigLoader.parse(text, null).dhcp6();
    }

    public static Allocation6Engine engine(Dhcp6Config cfg, Clock clock) {
        return new Allocation6Engine(cfg, new Lease6Stats(new Statistics(clock), cfg), clock);
    }

    public static LeaseOp6.Ia na(long iaid, String... hints) {
        return new LeaseOp6.Ia("IA_NA", iaid, java.util.Arrays.stream(hints).map(h -> new LeaseOp6.Prefix(h, 128)).toList(),
                List.of(), 0, 0, 0);
    }

    public static LeaseOp6.Ia pd(long iaid, LeaseOp6.Prefix... hints) {
        return new LeaseOp6.Ia("IA_PD", iaid, List.of(hints), List.of(), 0, 0, 0);
    }

    public static LeaseOp6 op(LeaseOp6.Kind kind, String duid, List<Long> subnets, LeaseOp6.Ia... ias) {
        return new LeaseOp6(1, kind, subnets, duid, null, List.of(ias), List.of(), null, false, false);
    }

    public static String duid(int n) {
        return String.format("01:02:03:04:05:06:07:%02x", n);
    }
}
