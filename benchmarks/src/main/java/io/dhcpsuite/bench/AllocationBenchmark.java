package io.dhcpsuite.bench;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp4.Kind;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.stats.LeaseStats;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of lease-service's allocation engine per exchange, in memory (the durable write is a
 * completed future here; the group commit is measured by benchmarks/dhcp-throughput). One
 * invocation is what a new client costs in steady state: the OFFER and the REQUEST of a DORA,
 * and the RELEASE of the client {@code window} exchanges earlier, so the pool holds about
 * {@code window} leases and every allocation searches the free-address bitmap for real.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AllocationBenchmark {
    private static final String CONFIG = """
            {"Dhcp4": {"valid-lifetime": 4000,
              "subnet4": [{"id": 1, "subnet": "198.18.0.0/15",
                           "pools": [{"pool": "198.18.0.10 - 198.19.255.250"}]}]}}
            """;
    private static final List<Long> SUBNETS = List.of(1L);

    /** Leases alive at once. */
    @Param({"1000", "100000"})
    public int window;

    private AllocationEngine engine;
    private String[] macs;
    private String[] addresses;
    private long n;

    @Setup(Level.Trial)
    public void setup() {
        Dhcp4Config cfg = KeaConfigLoader.parse(CONFIG, null).dhcp4();
        Clock clock = Clock.systemUTC();
        engine = new AllocationEngine(cfg, new LeaseStats(new Statistics(clock), cfg), clock);
        macs = new String[window];
        addresses = new String[window];
    }

    private static LeaseOp4 op(long id, Kind kind, String mac, String address, boolean exact) {
        return new LeaseOp4(id, kind, SUBNETS, 1, mac, null, true, address, exact, null, 0, List.of(), 4000, null,
                false, false);
    }

    @Benchmark
    public LeaseResult4 doraAndRelease() {
        int slot = (int) (n % window);
        if (macs[slot] != null) {
            engine.apply(List.of(op(n, Kind.RELEASE, macs[slot], addresses[slot], true)));
        }
        long c = n++;
        String mac = String.format("02:%02x:%02x:%02x:%02x:%02x", (c >> 32) & 0xff, (c >> 24) & 0xff,
                (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff);
        LeaseResult4 offer = engine.apply(List.of(op(c, Kind.OFFER, mac, null, false))).results().get(0);
        String address = offer.lease().ipAddress();
        LeaseResult4 ack = engine.apply(List.of(op(c, Kind.REQUEST, mac, address, true))).results().get(0);
        macs[slot] = mac;
        addresses[slot] = address;
        return ack;
    }
}
