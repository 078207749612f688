package io.dhcpsuite.lease.stats;

import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Pool4;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.lease.config.Scopes;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps Kea's lease statistics in step with the lease index. Pool statistics are named by the
 * pool's position in its subnet ({@code subnet[1].pool[0]...}), as Kea names them.
 * Assigned counts follow Kea: default and declined leases are assigned; a lease that is reclaimed,
 * released or deleted is not.
 */
public final class LeaseStats implements LeaseIndex.Listener {
    public static final String[] GLOBAL = {
        "cumulative-assigned-addresses", "declined-addresses", "reclaimed-leases", "reclaimed-declined-addresses",
        "v4-allocation-fail", "v4-allocation-fail-subnet", "v4-allocation-fail-shared-network",
        "v4-allocation-fail-no-pools", "v4-allocation-fail-classes", "v4-lease-reuses", "v4-reservation-conflicts"
    };
    private final Statistics statistics;
    private volatile Dhcp4Config config;

    public LeaseStats(Statistics statistics, Dhcp4Config config) {
        this.statistics = statistics;
        this.config = config;
        for (String g : GLOBAL) {
            statistics.stat(g);
        }
        declare(config);
    }

    /**
     * A new configuration: the statistics of subnets that are gone are removed, pool statistics are
     * renamed after the new pool positions, {@code total-addresses} is set from the new pools, and
     * the assigned and declined counts are recounted from {@code leases} (Kea's
     * CfgSubnets4::removeStatistics, updateStatistics and recountLeaseStats4). Cumulative counters
     * of subnets that stay are kept. Call it with the lease index locked.
     */
    public void reconfigure(Dhcp4Config next, Iterable<Lease> leases) {
        java.util.Set<Long> kept = new java.util.HashSet<>();
        next.subnets().forEach(s -> kept.add(s.id()));
        for (String name : statistics.names()) {
            if (!name.startsWith("subnet[")) {
                continue;
            }
            int end = name.indexOf(']');
            long id;
            try {
                id = Long.parseLong(name.substring(7, end));
            } catch (RuntimeException e) {
                continue;
            }
            String rest = name.substring(end + 2);
            if (!kept.contains(id) || rest.startsWith("pool[") || rest.equals("assigned-addresses")
                    || rest.equals("declined-addresses") || rest.equals("total-addresses")) {
                statistics.remove(name);
            }
        }
        statistics.set("declined-addresses", 0);
        this.config = next;
        declare(next);
        for (Lease l : leases) {
            count(l, 1);
        }
    }

    private void declare(Dhcp4Config config) {
        for (Subnet4 s : config.subnets()) {
            statistics.set(subnet(s.id(), "total-addresses"), Scopes.totalAddresses(s));
            for (String n : List.of("assigned-addresses", "declined-addresses", "cumulative-assigned-addresses",
                    "reclaimed-leases", "reclaimed-declined-addresses", "v4-reservation-conflicts",
                    "v4-allocation-fail", "v4-allocation-fail-subnet", "v4-allocation-fail-shared-network",
                    "v4-allocation-fail-no-pools", "v4-allocation-fail-classes", "v4-lease-reuses")) {
                statistics.stat(subnet(s.id(), n));
            }
            for (int i = 0; i < s.pools().size(); i++) {
                statistics.set(pool(s.id(), i, "total-addresses"), s.pools().get(i).size());
                statistics.stat(pool(s.id(), i, "assigned-addresses"));
                statistics.stat(pool(s.id(), i, "cumulative-assigned-addresses"));
            }
        }
    }

    public Statistics statistics() {
        return statistics;
    }

    public Dhcp4Config config() {
        return config;
    }

    public static String subnet(long id, String name) {
        return "subnet[" + id + "]." + name;
    }

    public static String pool(long subnetId, int index, String name) {
        return "subnet[" + subnetId + "].pool[" + index + "]." + name;
    }

    @Override
    public void changed(Lease before, Lease after) {
        if (before != null) {
            count(before, -1);
        }
        if (after != null) {
            count(after, 1);
        }
    }

    private void count(Lease l, int sign) {
        // a lease of a subnet no longer configured (config-set removed it) has no subnet statistics
        Subnet4 s = config.subnet(l.subnetId());
        boolean configured = s != null;
        if (l.countsAsAssigned() && configured) {
            statistics.add(subnet(l.subnetId(), "assigned-addresses"), sign);
            String p = poolName(s, l, "assigned-addresses");
            if (p != null) {
                statistics.add(p, sign);
            }
        }
        if (l.state() == LeaseState.DECLINED) {
            if (configured) {
                statistics.add(subnet(l.subnetId(), "declined-addresses"), sign);
            }
            statistics.add("declined-addresses", sign);
        }
    }

    /**
     * Counts many leases at once (the start-up load) with one update per statistic: {@link Tally#add}
     * each lease, then {@link Tally#apply}. The result is what {@link #changed}(null, lease) for
     * each would give.
     */
    public Tally tally() {
        return new Tally();
    }

    public final class Tally {
        private final Map<Long, long[]> bySubnet = new HashMap<>();
        private long declined;
        private long lastId = Long.MIN_VALUE;
        private long[] last;

        private Tally() {
        }

        /** Same as count(l, 1): assigned per subnet and pool, declined per subnet and globally. */
        public void add(Lease l) {
            Subnet4 s = config.subnet(l.subnetId());
            if (l.state() == LeaseState.DECLINED) {
                declined++;
            }
            if (s == null) {
                return;
            }
            long[] c;
            if (l.subnetId() == lastId) {
                c = last;
            } else {
                c = bySubnet.computeIfAbsent(l.subnetId(), id -> new long[2 + s.pools().size()]);
                lastId = l.subnetId();
                last = c;
            }
            if (l.countsAsAssigned()) {
                c[0]++;
                List<Pool4> pools = s.pools();
                for (int i = 0; i < pools.size(); i++) {
                    if (pools.get(i).contains(l.address())) {
                        c[2 + i]++;
                        break;
                    }
                }
            }
            if (l.state() == LeaseState.DECLINED) {
                c[1]++;
            }
        }

        public void apply() {
            bySubnet.forEach((id, c) -> {
                if (c[0] != 0) {
                    statistics.add(subnet(id, "assigned-addresses"), c[0]);
                }
                if (c[1] != 0) {
                    statistics.add(subnet(id, "declined-addresses"), c[1]);
                }
                for (int i = 2; i < c.length; i++) {
                    if (c[i] != 0) {
                        statistics.add(pool(id, i - 2, "assigned-addresses"), c[i]);
                    }
                }
            });
            if (declined != 0) {
                statistics.add("declined-addresses", declined);
            }
        }
    }

    /** A new address handed to a client (not a renewal). */
    public void assigned(Lease l) {
        statistics.add("cumulative-assigned-addresses", 1);
        statistics.add(subnet(l.subnetId(), "cumulative-assigned-addresses"), 1);
        String p = poolName(l, "cumulative-assigned-addresses");
        if (p != null) {
            statistics.add(p, 1);
        }
    }

    public void reclaimed(Lease l) {
        statistics.add("reclaimed-leases", 1);
        statistics.add(subnet(l.subnetId(), "reclaimed-leases"), 1);
        if (l.state() == LeaseState.DECLINED) {
            statistics.add("reclaimed-declined-addresses", 1);
            statistics.add(subnet(l.subnetId(), "reclaimed-declined-addresses"), 1);
        }
    }

    /** Global and, when known, per-subnet counter (v4-allocation-fail*, v4-reservation-conflicts, ...). */
    public void count(String name, long subnetId) {
        statistics.add(name, 1);
        if (subnetId != 0) {
            statistics.add(subnet(subnetId, name), 1);
        }
    }

    private String poolName(Lease l, String name) {
        return poolName(config.subnet(l.subnetId()), l, name);
    }

    private static String poolName(Subnet4 s, Lease l, String name) {
        if (s == null) {
            return null;
        }
        List<Pool4> pools = s.pools();
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i).contains(l.address())) {
                return pool(s.id(), i, name);
            }
        }
        return null;
    }
}
