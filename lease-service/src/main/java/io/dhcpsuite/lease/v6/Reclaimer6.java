package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.config.ExpiredLeasesProcessing;
import io.dhcpsuite.lease.config.Scopes;
import io.dhcpsuite.lease.store.LeaseChange.Origin;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's reclamation routine for v6 leases, on the Dhcp6 section's {@code expired-leases-processing},
 * with the v4 reclaimer's policy: a reclaimed lease is deleted unless both the flush timer and
 * hold-reclaimed-time are non-zero, in which case it stays as expired-reclaimed (DNS data cleared,
 * identifiers kept for affinity) until the flush removes it. Each reclaimed lease counts in
 * {@code reclaimed-leases} (and {@code reclaimed-declined-addresses} when it was declined), leaves
 * {@code assigned-nas}/{@code assigned-pds}, and its DNS entries are removed through ddns-service.
 */
public final class Reclaimer6 {
    private static final Logger log = LoggerFactory.getLogger(Reclaimer6.class);
    private final Allocation6Engine engine;
    private final Lease6Ddns ddns;
    private long nextReclaimMs;
    private long nextFlushMs;

    public Reclaimer6(Allocation6Engine engine, Lease6Ddns ddns) {
        this.engine = engine;
        this.ddns = ddns;
        ExpiredLeasesProcessing spec = spec();
        long now = engine.clock().millis();
        nextReclaimMs = now + spec.reclaimTimerWaitTime() * 1000;
        nextFlushMs = now + spec.flushReclaimedTimerWaitTime() * 1000;
    }

    private ExpiredLeasesProcessing spec() {
        return engine.config().expiredLeasesProcessing();
    }

    /** Runs whatever timer is due on the clock; a scheduler calls it every second. */
    public synchronized void tick() {
        ExpiredLeasesProcessing spec = spec();
        long now = engine.clock().millis();
        if (spec.reclaimTimerWaitTime() > 0 && now >= nextReclaimMs) {
            reclaim(spec.maxReclaimLeases(), spec.maxReclaimTime(), !Scopes.keepsReclaimed(spec));
            nextReclaimMs = engine.clock().millis() + spec.reclaimTimerWaitTime() * 1000;
        }
        if (Scopes.keepsReclaimed(spec) && now >= nextFlushMs) {
            flush();
            nextFlushMs = engine.clock().millis() + spec.flushReclaimedTimerWaitTime() * 1000;
        }
    }

    /** What one cycle did; {@code left} when expired leases remain (limits hit). */
    public record Result(int reclaimed, boolean left, CompletableFuture<Void> durable) {
    }

    /** One cycle; {@code maxLeases}/{@code maxTimeMs} 0 = unlimited (leases-reclaim). */
    public Result reclaim(int maxLeases, long maxTimeMs, boolean remove) {
        Lease6Store.Committed<int[]> cycle = engine.store().transact(Origin.RECLAMATION, tx -> {
            long nowSec = engine.clock().millis() / 1000;
            long deadline = maxTimeMs > 0 ? System.nanoTime() + maxTimeMs * 1_000_000 : Long.MAX_VALUE;
            List<Lease6> expired = tx.index().expired(nowSec, maxLeases > 0 ? maxLeases + 1 : 0);
            int done = 0;
            for (Lease6 l : expired) {
                if ((maxLeases > 0 && done >= maxLeases) || System.nanoTime() > deadline) {
                    break;
                }
                engine.stats().reclaimed(l);
                ddns.reclaimed(l);
                Lease6Key k = Lease6Key.of(l);
                if (remove) {
                    tx.remove(k);
                } else {
                    tx.put(new Lease6(l.ipAddress(), l.type(), l.prefixLen(), l.duid(), l.iaid(), l.subnetId(), l.poolId(),
                            l.preferredLft(), l.validLft(), l.cltt(), l.hwAddress(), false, false, "",
                            LeaseState.EXPIRED_RECLAIMED, l.userContext()));
                }
                if (l.state() == LeaseState.DECLINED) {
                    log.info("DHCPSRV_DECLINE_PROBATION_END probation period of declined address {} ended", l.ipAddress());
                }
                done++;
            }
            if (done > 0) {
                log.debug("ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE reclaimed {} leases", done);
            }
            return new int[] {done, expired.size() > done ? 1 : 0};
        });
        return new Result(cycle.value()[0], cycle.value()[1] != 0, cycle.done());
    }

    /** Deletes expired-reclaimed leases that expired more than hold-reclaimed-time ago. */
    public int flush() {
        Lease6Store.Committed<Integer> flushed = engine.store().transact(Origin.RECLAMATION, tx -> {
            long cutoff = engine.clock().millis() / 1000 - spec().holdReclaimedTime();
            for (Lease6 l : tx.index().reclaimedBefore(cutoff, 0)) {
                tx.remove(Lease6Key.of(l));
            }
            return tx.changeCount();
        });
        return flushed.value();
    }
}
