package io.dhcpsuite.lease.config;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.ExpiredLeasesProcessing;
import io.dhcpsuite.config.Pool4;
import io.dhcpsuite.config.Subnet4;
import java.util.List;

/** What allocation and statistics ask of dhcp-config's resolved subnets and pools. */
public final class Scopes {
    private Scopes() {
    }

    /** The subnet whose prefix holds {@code address}, or null. */
    public static Subnet4 subnetContaining(Dhcp4Config config, int address) {
        for (Subnet4 s : config.subnets()) {
            if (s.contains(address)) {
                return s;
            }
        }
        return null;
    }

    /** The pool of {@code subnet} holding {@code address}, or null. */
    public static Pool4 poolContaining(Subnet4 subnet, int address) {
        for (Pool4 p : subnet.pools()) {
            if (p.contains(address)) {
                return p;
            }
        }
        return null;
    }

    /** Kea's {@code subnet[N].total-addresses}: the pools' sizes, reservations out of pools not counted. */
    public static long totalAddresses(Subnet4 subnet) {
        long n = 0;
        for (Pool4 p : subnet.pools()) {
            n += p.size();
        }
        return n;
    }

    /** Kea's pool class guard: no classes, or the client is in one of them. */
    public static boolean allows(Pool4 pool, List<String> classes) {
        return allows(pool.clientClasses(), classes);
    }

    /** The same guard for any pool's {@code client-classes} (v6 pools and pd-pools). */
    public static boolean allows(List<String> guard, List<String> classes) {
        if (guard == null || guard.isEmpty()) {
            return true;
        }
        if (classes == null) {
            return false;
        }
        for (String c : guard) {
            if (classes.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Kea (cfg_expiration.cc) keeps reclaimed leases, and marks released ones instead of deleting
     * them, only when both the flush timer and the hold time are non-zero.
     */
    public static boolean keepsReclaimed(ExpiredLeasesProcessing e) {
        return e.flushReclaimedTimerWaitTime() > 0 && e.holdReclaimedTime() > 0;
    }
}
