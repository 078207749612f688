package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A manual measurement, not a test: SOLICIT+REQUEST pairs (IA_NA and IA_PD) for 100,000 clients
 * through the v6 engine in memory, in batches of 64, as the hot path batches them.
 * {@code java -cp ... io.dhcpsuite.lease.v6.Allocation6Throughput}
 */
public final class Allocation6Throughput {
    private Allocation6Throughput() {
    }

    public static void main(String[] args) {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Allocation6Engine e = V6Support.engine(V6Support.config("""
                { "Dhcp6": { "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                    "pools": [ { "pool": "2001:db8:1::/80" } ],
                    "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 40, "delegated-len": 60 } ] } ] } }
                """), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int base = 0; base < clients; base += 64) {
                List<LeaseOp6> adv = new ArrayList<>();
                List<LeaseOp6> req = new ArrayList<>();
                for (int i = base; i < Math.min(clients, base + 64); i++) {
                    String duid = String.format("00:03:00:01:%02x:%02x:%02x:%02x", round, i >> 16 & 255, i >> 8 & 255, i & 255);
                    adv.add(V6Support.op(Kind.ADVERTISE, duid, List.of(1L), V6Support.na(1), V6Support.pd(2)));
                    req.add(V6Support.op(Kind.ASSIGN, duid, List.of(1L), V6Support.na(1), V6Support.pd(2)));
                }
                e.apply(adv);
                e.apply(req);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %d SARR exchanges (NA+PD) in %.2f s: %.0f/s, %d leases%n", round, clients, s,
                    clients / s, (int) e.store().read(Lease6Index::size));
        }
    }
}
