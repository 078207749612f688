package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.PdPool6;
import io.dhcpsuite.config.Pool6;
import io.dhcpsuite.config.Subnet6;
import java.math.BigInteger;
import java.util.List;

/**
 * Kea's DHCPv6 lease statistics (the names of kea-dhcp6's ARM tables), kept in step with the v6 index:
 * {@code subnet[id].total-nas}, {@code assigned-nas}, {@code total-pds}, {@code assigned-pds}, their
 * {@code cumulative-assigned-*}, {@code declined-addresses}, {@code reclaimed-leases},
 * {@code reclaimed-declined-addresses}, and the {@code v6-allocation-fail*} counters (the names and
 * the set declared at start-up are kea-dhcp6 2.2's, read from its statistic-get-all). They live in a
 * registry of their own: a v6 {@code subnet[1]} is not the v4 one, and kea-dhcp6 is a process of its
 * own in Kea. As for v4, default and declined leases count as assigned; a pool larger than 2^63-1
 * addresses reports 2^63-1 as its total.
 */
public final class Lease6Stats implements Lease6Index.Listener {
    public static final List<String> GLOBAL = List.of(
            "cumulative-assigned-nas", "cumulative-assigned-pds", "declined-addresses", "reclaimed-leases",
            "reclaimed-declined-addresses", "v6-allocation-fail", "v6-allocation-fail-subnet",
            "v6-allocation-fail-shared-network", "v6-allocation-fail-no-pools", "v6-allocation-fail-classes");
    /** What kea-dhcp6 2.2 declares per subnet at start-up; the v6-allocation-fail* ones appear when counted. */
    private static final List<String> PER_SUBNET = List.of(
            "assigned-nas", "assigned-pds", "cumulative-assigned-nas", "cumulative-assigned-pds", "declined-addresses",
            "reclaimed-leases", "reclaimed-declined-addresses");
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Statistics statistics;
    private volatile Dhcp6Config config;

    public Lease6Stats(Statistics statistics, Dhcp6Config config) {
        this.statistics = statistics;
        this.config = config;
        GLOBAL.forEach(statistics::stat);
        declare(config);
    }

    public Statistics statistics() {
        return statistics;
    }

    public static String subnet(long id, String name) {
        return "subnet[" + id + "]." + name;
    }

    /** A new configuration: subnet statistics are redeclared and the counts recounted from {@code leases}. */
    public void reconfigure(Dhcp6Config next, Iterable<Lease6> leases) {
        for (String name : statistics.names()) {
            if (name.startsWith("subnet[")) {
                statistics.remove(name);
            }
        }
        statistics.set("declined-addresses", 0);
        this.config = next;
        declare(next);
        for (Lease6 l : leases) {
            count(l, 1);
        }
    }

    private void declare(Dhcp6Config cfg) {
        for (Subnet6 s : cfg.subnets()) {
            statistics.set(subnet(s.id(), "total-nas"), totalNas(s));
            statistics.set(subnet(s.id(), "total-pds"), totalPds(s));
            PER_SUBNET.forEach(n -> statistics.stat(subnet(s.id(), n)));
        }
    }

    static long totalNas(Subnet6 s) {
        BigInteger n = BigInteger.ZERO;
        for (Pool6 p : s.pools()) {
            n = n.add(p.size());
        }
        return n.min(MAX).longValue();
    }

    static long totalPds(Subnet6 s) {
        BigInteger n = BigInteger.ZERO;
        for (PdPool6 p : s.pdPools()) {
            n = n.add(p.size());
        }
        return n.min(MAX).longValue();
    }

    @Override
    public void changed(Lease6 before, Lease6 after) {
        if (before != null) {
            count(before, -1);
        }
        if (after != null) {
            count(after, 1);
        }
    }

    /** Whether a lease counts in assigned-nas/-pds (Kea: default and declined). */
    static boolean countsAsAssigned(Lease6 l) {
        return l.state() == LeaseState.DEFAULT || l.state() == LeaseState.DECLINED;
    }

    private void count(Lease6 l, int sign) {
        boolean configured = config.subnet(l.subnetId()) != null;
        if (countsAsAssigned(l) && configured) {
            statistics.add(subnet(l.subnetId(), l.isPrefix() ? "assigned-pds" : "assigned-nas"), sign);
        }
        if (l.state() == LeaseState.DECLINED) {
            if (configured) {
                statistics.add(subnet(l.subnetId(), "declined-addresses"), sign);
            }
            statistics.add("declined-addresses", sign);
        }
    }

    /** A new lease handed to a client (not a renewal). */
    public void assigned(Lease6 l) {
        String n = l.isPrefix() ? "cumulative-assigned-pds" : "cumulative-assigned-nas";
        statistics.add(n, 1);
        if (config.subnet(l.subnetId()) != null) {
            statistics.add(subnet(l.subnetId(), n), 1);
        }
    }

    public void reclaimed(Lease6 l) {
        count("reclaimed-leases", l.subnetId());
        if (l.state() == LeaseState.DECLINED) {
            count("reclaimed-declined-addresses", l.subnetId());
        }
    }

    /** Global and, when known, per-subnet counter. */
    public void count(String name, long subnetId) {
        statistics.add(name, 1);
        if (subnetId != 0 && config.subnet(subnetId) != null) {
            statistics.add(subnet(subnetId, name), 1);
        }
    }
}
