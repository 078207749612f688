package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Applies a v6 batch and answers when its changes are durable, as the v4 batch service does: ops
 * that changed nothing durable (ADVERTISE, refused RELEASEs) share the batch's answer; when the
 * write fails or outlasts the bounded wait, every op that changed a lease answers ERROR and
 * dhcp-service sends no reply for it. When the write succeeded but HA's peers did not acknowledge
 * some changes, only the ops that made those answer ERROR, as Kea drops only the queries whose
 * lease updates failed.
 */
public final class Lease6BatchService {
    private final Allocation6Engine engine;
    private final Duration maxWait;
    private final BooleanSupplier serviceStopped;

    public Lease6BatchService(Allocation6Engine engine, Duration maxWait, BooleanSupplier serviceStopped) {
        this.engine = engine;
        this.maxWait = maxWait;
        this.serviceStopped = serviceStopped;
    }

    public CompletableFuture<LeaseBatch6Result> process(LeaseBatch6 batch) {
        if (batch == null || batch.ops() == null || batch.ops().isEmpty()) {
            return CompletableFuture.completedFuture(new LeaseBatch6Result(List.of()));
        }
        if (serviceStopped.getAsBoolean()) {
            List<LeaseResult6> refused = new ArrayList<>();
            for (LeaseOp6 op : batch.ops()) {
                refused.add(new LeaseResult6(op.id(), LeaseResult6.Status.ERROR, List.of(),
                        "DHCP service stopped: lease database connection lost"));
            }
            return CompletableFuture.completedFuture(new LeaseBatch6Result(refused));
        }
        Allocation6Engine.BatchOutcome out = engine.apply(batch.ops());
        CompletableFuture<Void> durable = out.durable();
        if (!durable.isDone()) {
            durable = durable.copy().orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        }
        return durable.handle((ok, error) -> {
            if (error == null) {
                return new LeaseBatch6Result(out.results());
            }
            Throwable cause = error;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            // the write succeeded and HA's peers refused some changes (Lease6Writer.gated): only their ops fail
            ChangesNotAcknowledged some = cause instanceof ChangesNotAcknowledged c ? c : null;
            String message = some != null ? "lease change not acknowledged: " + some.getMessage() : "lease store write failed";
            List<LeaseResult6> results = new ArrayList<>(out.results().size());
            for (int i = 0; i < out.results().size(); i++) {
                LeaseResult6 r = out.results().get(i);
                boolean failed = out.ops().failed(i, some);
                results.add(failed ? new LeaseResult6(r.id(), LeaseResult6.Status.ERROR, List.of(), message) : r);
            }
            return new LeaseBatch6Result(results);
        });
    }
}
