package io.dhcpsuite.lease.batch;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Applies a batch and answers when its changes are durable. Ops that changed nothing durable
 * (OFFER, IGNORED, NAK) do not wait on storage themselves, but they share the batch's answer.
 * When the write fails or takes longer than the bounded wait, every op that needed it answers
 * ERROR, and dhcp-service sends no reply for those packets.
 */
public final class LeaseBatchService {
    private final AllocationEngine engine;
    private final Duration maxWait;

    public LeaseBatchService(AllocationEngine engine, Duration maxWait) {
        this.engine = engine;
        this.maxWait = maxWait;
    }

    public CompletableFuture<LeaseBatch4Result> process(LeaseBatch4 batch) {
        if (batch == null || batch.ops() == null || batch.ops().isEmpty()) {
            return CompletableFuture.completedFuture(new LeaseBatch4Result(List.of()));
        }
        AllocationEngine.BatchOutcome out = engine.apply(batch.ops());
        return out.durable()
                .orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, error) -> {
                    if (error == null) {
                        return new LeaseBatch4Result(out.results());
                    }
                    List<LeaseResult4> results = new ArrayList<>(out.results().size());
                    for (int i = 0; i < out.results().size(); i++) {
                        LeaseResult4 r = out.results().get(i);
                        results.add(out.needsDurability()[i]
                                ? new LeaseResult4(r.id(), Status.ERROR, null, false, "lease store write failed")
                                : r);
                    }
                    return new LeaseBatch4Result(results);
                });
    }
}
