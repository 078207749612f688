package io.dhcpsuite.lease.reclamation;

import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.config.ExpiredLeasesProcessing;
import io.dhcpsuite.lease.config.Scopes;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange.Origin;
import io.dhcpsuite.lease.store.LeaseStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's reclamation routine. Policy: a reclaimed lease is deleted unless both the flush timer and
 * hold-reclaimed-time are non-zero (cfg_expiration.cc), in which case it stays as
 * expired-reclaimed, keeping its identifiers for affinity, until the flush timer removes it
 * hold-reclaimed-time after it expired. A declined lease whose probation ended is reclaimed the
 * same way and counted in {@code reclaimed-declined-addresses}.
 */
public final class Reclaimer {
    private static final Logger log = LoggerFactory.getLogger(Reclaimer.class);
    private final AllocationEngine engine;
    private final ExpiredLeasesProcessing spec;
    private long nextReclaimMs;
    private long nextFlushMs;
    private int cyclesWithLeft;

    public Reclaimer(AllocationEngine engine) {
        this.engine = engine;
        this.spec = engine.config().expiredLeasesProcessing();
        long now = engine.clock().millis();
        nextReclaimMs = now + spec.reclaimTimerWaitTime() * 1000;
        nextFlushMs = now + spec.flushReclaimedTimerWaitTime() * 1000;
    }

    /** Runs whatever timer is due on the clock; a scheduler calls it every second. */
    public synchronized void tick() {
        long now = engine.clock().millis();
        if (spec.reclaimTimerWaitTime() > 0 && now >= nextReclaimMs) {
            Result r = reclaim(spec.maxReclaimLeases(), spec.maxReclaimTime(), !Scopes.keepsReclaimed(spec));
            nextReclaimMs = engine.clock().millis() + spec.reclaimTimerWaitTime() * 1000;
            if (r.left) {
                if (++cyclesWithLeft > spec.unwarnedReclaimCycles() && spec.unwarnedReclaimCycles() > 0) {
                    log.warn("ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW expired leases still exist after {} reclamation cycles",
                            cyclesWithLeft);
                    cyclesWithLeft = 0;
                }
            } else {
                cyclesWithLeft = 0;
            }
        }
        if (Scopes.keepsReclaimed(spec) && now >= nextFlushMs) {
            flush();
            nextFlushMs = engine.clock().millis() + spec.flushReclaimedTimerWaitTime() * 1000;
        }
    }

    /** What one cycle did; {@code left} when expired leases remain (limits hit). */
    public record Result(int reclaimed, boolean left, CompletableFuture<Void> durable) {
    }

    /** One reclamation cycle; {@code maxLeases}/{@code maxTimeMs} 0 = unlimited (leases-reclaim). */
    public Result reclaim(int maxLeases, long maxTimeMs, boolean remove) {
        LeaseStore.Committed<int[]> cycle = engine.store().transact(Origin.RECLAMATION, tx -> {
            long nowSec = engine.clock().millis() / 1000;
            long deadline = maxTimeMs > 0 ? System.nanoTime() + maxTimeMs * 1_000_000 : Long.MAX_VALUE;
            List<Lease> expired = tx.expired(nowSec, maxLeases > 0 ? maxLeases + 1 : 0);
            int done = 0;
            for (Lease l : expired) {
                if ((maxLeases > 0 && done >= maxLeases) || System.nanoTime() > deadline) {
                    break;
                }
                engine.reclaimed(l);
                if (remove) {
                    tx.remove(l.address());
                } else {
                    // Kea clears the DNS data of a reclaimed lease and keeps the identifiers
                    Lease r = new Lease(l.address(), l.hwAddress(), l.clientId(), l.validLft(), l.cltt(), l.subnetId(),
                            l.poolId(), false, false, "", LeaseState.EXPIRED_RECLAIMED, l.userContext());
                    tx.put(r);
                }
                if (l.state() == LeaseState.DECLINED) {
                    log.info("DHCPSRV_DECLINE_PROBATION_END probation period of declined address {} ended", l.addressText());
                }
                done++;
            }
            boolean left = expired.size() > done;
            if (done > 0) {
                log.debug("ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE reclaimed {} leases", done);
            }
            if (left && System.nanoTime() > deadline) {
                log.debug("ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT timeout of {} ms reached", maxTimeMs);
            }
            return new int[] {done, left ? 1 : 0};
        });
        return new Result(cycle.value()[0], cycle.value()[1] != 0, cycle.done());
    }

    /** Deletes expired-reclaimed leases that expired more than hold-reclaimed-time ago. */
    public int flush() {
        LeaseStore.Committed<Integer> flushed = engine.store().transact(Origin.RECLAMATION, tx -> {
            long cutoff = engine.clock().millis() / 1000 - spec.holdReclaimedTime();
            for (Lease l : tx.reclaimedBefore(cutoff, 0)) {
                tx.remove(l.address());
            }
            if (tx.changeCount() > 0) {
                log.debug("ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_COMPLETE deleted {} expired-reclaimed leases", tx.changeCount());
            }
            return tx.changeCount();
        });
        return flushed.value();
    }
}
