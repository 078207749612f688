package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.Lifetimes;
import io.dhcpsuite.config.Subnet6;
import io.dhcpsuite.config.Triplet;
import java.util.Set;

/**
 * The lifetimes of a DHCPv6 lease and the T1/T2 of its IA, as Kea decides them: the client's hint
 * within min/max of the subnet (or of the first of the client's classes that sets one), the
 * preferred lifetime no longer than the valid one, and T1/T2 from {@code renew-timer} /
 * {@code rebind-timer} or, with {@code calculate-tee-times}, the percentages of the preferred
 * lifetime; a T2 above the preferred lifetime or a T1 not below T2 is sent as 0.
 */
public final class Lifetimes6 {
    private Lifetimes6() {
    }

    /** {preferred, valid} for a lease of {@code subnet}, given the client's hints (0 = none). */
    public static long[] of(Subnet6 subnet, Dhcp6Config config, Set<String> classes, long hintPreferred, long hintValid) {
        Triplet valid = new Triplet(subnet.lifetimes().valid(), subnet.lifetimes().minValid(), subnet.lifetimes().maxValid());
        Triplet preferred = subnet.preferred();
        boolean validSet = false;
        boolean preferredSet = false;
        for (String name : classes) {
            ClientClassDef c = config.clientClass(name);
            if (c == null) {
                continue;
            }
            if (!validSet && c.validLifetime() != null) {
                long v = c.validLifetime();
                valid = new Triplet(v, c.minValidLifetime() == null ? v : c.minValidLifetime(),
                        c.maxValidLifetime() == null ? v : c.maxValidLifetime());
                validSet = true;
            }
            if (!preferredSet && c.preferredLifetime() != null) {
                long p = c.preferredLifetime();
                preferred = new Triplet(p, c.minPreferredLifetime() == null ? p : c.minPreferredLifetime(),
                        c.maxPreferredLifetime() == null ? p : c.maxPreferredLifetime());
                preferredSet = true;
            }
        }
        long v = valid.clamp(hintValid);
        long p = Math.min(preferred.clamp(hintPreferred), v);
        return new long[] {p, v};
    }

    /** {T1, T2} of an IA whose shortest preferred lifetime is {@code preferred}. */
    public static long[] teeTimes(Subnet6 subnet, long preferred) {
        Lifetimes l = subnet.lifetimes();
        long t2 = 0;
        if (l.rebindTimer() != null) {
            t2 = l.rebindTimer();
        } else if (l.calculateTeeTimes()) {
            t2 = Math.round(l.t2Percent() * preferred);
        }
        t2 = t2 <= preferred ? t2 : 0;
        long t1 = 0;
        if (l.renewTimer() != null) {
            t1 = l.renewTimer();
        } else if (l.calculateTeeTimes()) {
            t1 = Math.round(l.t1Percent() * preferred);
        }
        t1 = t1 < t2 || t2 == 0 && t1 <= preferred ? t1 : 0;
        return new long[] {t1, t2};
    }
}
