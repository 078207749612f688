package io.dhcpsuite.ha.runtime;

import io.dhcpsuite.config.ha.HaState;
import io.dhcpsuite.ha.sync.LeaseSync;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HA meters of one relationship on {@code /actuator/prometheus}, all tagged
 * {@code relationship=<this-server-name>} (Kea names a relationship by its servers) and
 * {@code service=dhcp4|dhcp6} (the DHCPv4 and DHCPv6 services have relationships of their own). States are one
 * gauge per state name with 1 on the current one, so a dashboard can show the state as a label and
 * alert on {@code ha_state{state="partner-down"} == 1}. Gauges read the runtime's snapshots on
 * scrape; counters are bumped where the HA thread does the work.
 */
final class HaMetrics {
    private final Counter heartbeatsSent;
    private final Counter heartbeatsFailed;
    private final Counter syncSucceeded;
    private final Counter syncFailed;
    private final Counter syncFetched;
    private final Counter syncWritten;
    private final Timer syncDuration;
    /** 1 after a successful sync, 0 after a failed one, -1 before the first. */
    private final AtomicLong lastSyncResult = new AtomicLong(-1);
    private final AtomicLong lastSyncEpochSeconds = new AtomicLong(0);

    HaMetrics(MeterRegistry registry, HaRuntime runtime) {
        Tags r = Tags.of("relationship", runtime.config().thisServerName(), "service", runtime.service());
        for (HaState s : HaState.values()) {
            if (s != HaState.UNAVAILABLE) {
                Gauge.builder("ha.state", runtime, x -> x.state() == s ? 1 : 0).tags(r).tag("state", s.wire())
                        .description("1 for this server's current HA state").register(registry);
            }
            Gauge.builder("ha.partner.state", runtime, x -> x.partnerStateForMetrics() == s ? 1 : 0).tags(r).tag("state", s.wire())
                    .description("1 for the partner's state as last seen; unavailable while communication is interrupted")
                    .register(registry);
        }
        Gauge.builder("ha.communication.interrupted", runtime, x -> x.communication().interrupted() ? 1 : 0).tags(r)
                .description("1 while no exchange with the partner succeeded for max-response-delay").register(registry);
        Gauge.builder("ha.unacked.clients", runtime, x -> x.communication().unackedClients()).tags(r)
                .description("partner clients waiting longer than max-ack-delay while communication is interrupted")
                .register(registry);
        Gauge.builder("ha.connecting.clients", runtime, x -> x.communication().connectingClients()).tags(r)
                .description("partner clients seen while communication is interrupted").register(registry);
        Gauge.builder("ha.clock.skew.seconds", runtime, x -> {
            Long skew = x.communication().clockSkewSeconds();
            return skew == null ? Double.NaN : skew;
        }).tags(r).description("partner's clock minus ours at the last heartbeat; NaN before one").register(registry);
        Gauge.builder("ha.unsent.updates", runtime, HaRuntime::unsentUpdateCount).tags(r)
                .description("lease changes not sent to the partner (unsent-update-count)").register(registry);
        heartbeatsSent = Counter.builder("ha.heartbeats.sent").tags(r).description("ha-heartbeat commands sent").register(registry);
        heartbeatsFailed = Counter.builder("ha.heartbeats.failed").tags(r)
                .description("heartbeats without a usable answer").register(registry);
        syncSucceeded = Counter.builder("ha.sync.runs").tags(r).tag("result", "success")
                .description("lease synchronisations from the partner").register(registry);
        syncFailed = Counter.builder("ha.sync.runs").tags(r).tag("result", "failure")
                .description("lease synchronisations from the partner").register(registry);
        syncFetched = Counter.builder("ha.sync.leases.fetched").tags(r).description("leases received in syncs").register(registry);
        syncWritten = Counter.builder("ha.sync.leases.written").tags(r)
                .description("fetched leases written locally (new here or newer than ours)").register(registry);
        syncDuration = Timer.builder("ha.sync.duration").tags(r).description("how long syncs took").register(registry);
        Gauge.builder("ha.sync.last.result", lastSyncResult, AtomicLong::get).tags(r)
                .description("1 if the last sync succeeded, 0 if it failed, -1 before the first").register(registry);
        Gauge.builder("ha.sync.last.timestamp.seconds", lastSyncEpochSeconds, AtomicLong::get).tags(r)
                .description("when the last sync ended (Unix time), 0 before the first").register(registry);
    }

    void heartbeatSent() {
        heartbeatsSent.increment();
    }

    void heartbeatFailed() {
        heartbeatsFailed.increment();
    }

    void syncFinished(LeaseSync.Result result, Duration took, long endEpochSeconds) {
        (result.ok() ? syncSucceeded : syncFailed).increment();
        syncFetched.increment(result.fetched());
        syncWritten.increment(result.applied());
        syncDuration.record(took);
        lastSyncResult.set(result.ok() ? 1 : 0);
        lastSyncEpochSeconds.set(endEpochSeconds);
    }
}
