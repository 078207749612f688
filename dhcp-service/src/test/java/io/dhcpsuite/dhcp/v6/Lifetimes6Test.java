package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.KeaConfigLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lifetimes within min/max, class overrides, and T1/T2 as Kea computes them. */
class Lifetimes6Test {
    private static final Dhcp6Config CONFIG = KeaConfigLoader.parse("""
            {"Dhcp6": {
              "client-classes": [{"name": "short", "valid-lifetime": 600, "preferred-lifetime": 300}],
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "preferred-lifetime": 3000, "min-preferred-lifetime": 2000,
                 "max-preferred-lifetime": 4000, "valid-lifetime": 5000, "min-valid-lifetime": 4000,
                 "max-valid-lifetime": 6000, "renew-timer": 1000, "rebind-timer": 2000},
                {"id": 2, "subnet": "2001:db8:2::/64", "preferred-lifetime": 1000, "valid-lifetime": 2000,
                 "calculate-tee-times": true, "t1-percent": 0.5, "t2-percent": 0.8},
                {"id": 3, "subnet": "2001:db8:3::/64", "preferred-lifetime": 1000, "valid-lifetime": 2000,
                 "calculate-tee-times": false}
              ]}}
            """, null).dhcp6();

    @Test
    void hintsAreClampedToTheBoundsAndPreferredNeverExceedsValid() {
        assertThat(Lifetimes6.of(CONFIG.subnet(1), CONFIG, Set.of(), 0, 0)).containsExactly(3000, 5000);
        assertThat(Lifetimes6.of(CONFIG.subnet(1), CONFIG, Set.of(), 100, 100)).containsExactly(2000, 4000);
        assertThat(Lifetimes6.of(CONFIG.subnet(1), CONFIG, Set.of(), 9000, 9000)).containsExactly(4000, 6000);
        assertThat(Lifetimes6.of(CONFIG.subnet(1), CONFIG, Set.of(), 3900, 4100)).containsExactly(3900, 4100);
    }

    @Test
    void theFirstClassWithLifetimesOverridesTheSubnet() {
        assertThat(Lifetimes6.of(CONFIG.subnet(1), CONFIG, Set.of("ALL", "short"), 0, 0)).containsExactly(300, 600);
    }

    @Test
    void teeTimesFromTimersFromPercentagesOrNone() {
        assertThat(Lifetimes6.teeTimes(CONFIG.subnet(1), 3000)).containsExactly(1000, 2000);
        // T2 above the preferred lifetime is not sent, nor a T1 not below T2
        assertThat(Lifetimes6.teeTimes(CONFIG.subnet(1), 1500)).containsExactly(1000, 0);
        assertThat(Lifetimes6.teeTimes(CONFIG.subnet(2), 1000)).containsExactly(500, 800);
        assertThat(Lifetimes6.teeTimes(CONFIG.subnet(3), 1000)).containsExactly(0, 0);
    }
}
