package io.dhcpsuite.lease.allocation;

import io.dhcpsuite.lease.store.LeaseView;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp4.Kind;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.lease.store.Lease;
import java.time.Clock;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Not a test: a measurement of the lease side's hot path, run by hand to compare lease index
 * implementations and JVM flags. It preloads N leases (default 1,000,000, as a Kea lease file of
 * the same shape as benchmarks/lease-file-load's), then times batches of 64 operations through
 * {@link AllocationEngine#apply}, the call the batch endpoints make: renewals (REQUEST for the
 * client's own address), DISCOVER then REQUEST of known clients, and of new clients followed by
 * their RELEASE; and the time the collectors took meanwhile. No I/O: the durable write is not
 * part of it.
 *
 * <pre>
 * ./mvnw -q -o -pl lease-service package -DskipTests
 * java -Xmx1g -cp lease-service/target/lease-service-*[0-9T].jar -Dloader.path=lease-service/target/test-classes \
 *     -Dloader.main=io.dhcpsuite.lease.allocation.AllocationThroughput \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [leases] [rounds] [phases, e.g. 0 or 012]
 * </pre>
 */
public final class AllocationThroughput {
    private static final int FIRST = Ipv4.parse("10.0.0.16");
    private static final int BATCH = 64;

    private AllocationThroughput() {
    }

    static String mac(int i) {
        return String.format("02:5e:%02x:%02x:%02x:%02x", (i >>> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        // which phases, by number (default all): an offer's hold stays queued for 30 s, so at these
        // rates the DORA phases keep far more holds alive than a server does, which skews GC figures
        String only = args.length > 2 ? args[2] : "012";
        Dhcp4Config cfg = TestSupport.config("""
                { "Dhcp4": { "valid-lifetime": 7200, "lease-database": { "type": "memfile", "persist": false },
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/12", "pools": [ { "pool": "10.0.0.10 - 10.15.255.254" } ] } ] } }
                """);
        AllocationEngine engine = TestSupport.engine(cfg, Clock.systemUTC());
        long now = System.currentTimeMillis() / 1000;
        long t0 = System.nanoTime();
        engine.load(new AbstractCollection<Lease>() {
            @Override
            public Iterator<Lease> iterator() {
                return new Iterator<>() {
                    int i;

                    @Override
                    public boolean hasNext() {
                        return i < n;
                    }

                    @Override
                    public Lease next() {
                        String hw = mac(i);
                        Lease l = new Lease(FIRST + i, hw, i % 10 == 9 ? null : "01:" + hw, 7200, now - (i % 600), 1, 0,
                                false, false, i % 4 == 0 ? "host-" + i + ".example.org" : "", 0, null);
                        i++;
                        return l;
                    }
                };
            }

            @Override
            public int size() {
                return n;
            }
        });
        System.out.printf("preloaded %d leases in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
        SplittableRandom random = new SplittableRandom(1);
        int ops = 200_000;
        String[] phases = {"renew", "DORA, known client", "DORA, new client, RELEASE"};
        double[][] rates = new double[phases.length][rounds];
        long[] gcMs = new long[phases.length];
        int fresh = n;
        for (int r = -2; r < rounds; r++) {
            for (int p = 0; p < phases.length; p++) {
                if (only.indexOf('0' + p) < 0) {
                    continue;
                }
                long gc0 = gcMillis();
                long start = System.nanoTime();
                int done = 0;
                while (done < ops) {
                    List<LeaseOp4> batch = new ArrayList<>(BATCH);
                    List<String> macs = new ArrayList<>(BATCH);
                    for (int k = 0; k < BATCH; k++) {
                        int i = p == 2 ? fresh++ : random.nextInt(n);
                        macs.add(mac(i));
                        batch.add(p == 0 ? op(Kind.REQUEST, mac(i), Ipv4.format(FIRST + i), true)
                                : op(Kind.OFFER, mac(i), null, false));
                    }
                    List<LeaseResult4> results = engine.apply(batch).results();
                    done += BATCH;
                    if (p > 0) {
                        batch.clear();
                        for (int k = 0; k < BATCH; k++) {
                            LeaseResult4 res = results.get(k);
                            batch.add(op(Kind.REQUEST, macs.get(k), res.lease() == null ? null : res.lease().ipAddress(), true));
                        }
                        results = engine.apply(batch).results();
                        done += BATCH;
                    }
                    if (p == 2) {
                        batch.clear();
                        for (int k = 0; k < BATCH; k++) {
                            LeaseResult4 res = results.get(k);
                            batch.add(op(Kind.RELEASE, macs.get(k), res.lease() == null ? null : res.lease().ipAddress(), false));
                        }
                        engine.apply(batch);
                        done += BATCH;
                    }
                }
                double rate = done / ((System.nanoTime() - start) / 1e9);
                if (r >= 0) {
                    rates[p][r] = rate;
                    gcMs[p] += gcMillis() - gc0;
                }
            }
        }
        for (int p = 0; p < phases.length; p++) {
            if (only.indexOf('0' + p) < 0) {
                continue;
            }
            double[] sorted = rates[p].clone();
            Arrays.sort(sorted);
            System.out.printf("%-26s median %,9.0f ops/s, GC %5d ms in %d rounds  (rounds: %s)%n", phases[p],
                    sorted[rounds / 2], gcMs[p], rounds,
                    Arrays.stream(rates[p]).mapToObj(x -> String.format("%,.0f", x)).toList());
        }
        System.out.printf("leases at the end: %d%n", engine.store().read((LeaseView v) -> v.size()));
    }

    private static long gcMillis() {
        long ms = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static LeaseOp4 op(Kind kind, String hw, String requested, boolean exact) {
        return new LeaseOp4(1, kind, List.of(1L), 1, hw, "01:" + hw, true, requested, exact, null, 0, List.of(), 7200,
                null, false, false);
    }
}
