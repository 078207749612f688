package io.dhcpsuite.lease.batch;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.api.time.DeadlineSweep;
import io.dhcpsuite.api.time.Ticker;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import io.dhcpsuite.lease.store.LeaseStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * Applies a batch and answers when its changes are durable. Ops that changed nothing durable
 * (OFFER, IGNORED, NAK) do not wait on storage themselves, but they share the batch's answer.
 * When the write fails or takes longer than the bounded wait, or a gating lease change listener
 * (HA's partner) does not acknowledge the changes, every op that changed a lease answers ERROR, and
 * dhcp-service sends no reply for those packets; a listener that names the changes it could not
 * get acknowledged ({@link ChangesNotAcknowledged}) fails only the ops that made them.
 */
public final class LeaseBatchService {
    private final AllocationEngine engine;
    private final Duration maxWait;
    /**
     * Batches still waiting for their write, oldest first (every batch waits the same bound).
     * One sweeper thread fails the overdue ones: a timer per batch ({@code orTimeout}) cost a
     * scheduling and a cancellation on the common pool for each of thousands of batches a second.
     */
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final Thread sweeper;
    private final Ticker ticker;
    private final BooleanSupplier serviceStopped;

    private record Waiting(long deadline, CompletableFuture<Void> durable) {
    }

    public LeaseBatchService(AllocationEngine engine, Duration maxWait) {
        this(engine, maxWait, Ticker.SYSTEM);
    }

    /** @param ticker the time deadlines are measured on (tests move it) */
    public LeaseBatchService(AllocationEngine engine, Duration maxWait, Ticker ticker) {
        this(engine, maxWait, ticker, () -> false);
    }

    /**
     * @param serviceStopped true while DHCP service is stopped (Kea's {@code stop-retry-exit} during a
     *                       lost database connection): every operation is refused unapplied
     */
    public LeaseBatchService(AllocationEngine engine, Duration maxWait, Ticker ticker, BooleanSupplier serviceStopped) {
        this.serviceStopped = serviceStopped;
        this.engine = engine;
        this.maxWait = maxWait;
        this.ticker = ticker;
        this.sweeper = Thread.ofPlatform().name("lease-commit-deadlines").daemon(true).unstarted(this::sweep);
        sweeper.start();
    }

    /**
     * {@link #process}, with the batch's lease writes made on the calling thread
     * ({@link GroupCommitter#writeHere}), for a caller that has nothing else to do until they are
     * durable: the returned future is then usually complete, and no writer thread was woken.
     */
    public CompletableFuture<LeaseBatch4Result> processWritingHere(LeaseBatch4 batch) {
        return GroupCommitter.writeHere(() -> process(batch));
    }

    public CompletableFuture<LeaseBatch4Result> process(LeaseBatch4 batch) {
        if (batch == null || batch.ops() == null || batch.ops().isEmpty()) {
            return CompletableFuture.completedFuture(new LeaseBatch4Result(List.of()));
        }
        if (serviceStopped.getAsBoolean()) {
            List<LeaseResult4> refused = new ArrayList<>(batch.ops().size());
            for (LeaseOp4 op : batch.ops()) {
                refused.add(new LeaseResult4(op.id(), Status.ERROR, null, false,
                        "DHCP service stopped: lease database connection lost"));
            }
            return CompletableFuture.completedFuture(new LeaseBatch4Result(refused));
        }
        AllocationEngine.BatchOutcome out = engine.apply(batch.ops());
        CompletableFuture<Void> durable = out.durable();
        if (!durable.isDone()) {
            // a copy, so that failing it on the deadline leaves the engine's own future alone
            durable = durable.copy();
            waiting.add(new Waiting(ticker.nanos() + maxWait.toNanos(), durable));
        }
        return durable.handle((ok, error) -> {
            if (error == null) {
                return new LeaseBatch4Result(out.results());
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            String message = cause instanceof LeaseStore.NotAcknowledged ? cause.getMessage() : "lease store write failed";
            ChangesNotAcknowledged some = null;
            // the listener's exception comes wrapped (a CompletionException per stage it passed)
            for (Throwable t = cause instanceof LeaseStore.NotAcknowledged ? cause.getCause() : null;
                    t != null && some == null; t = t.getCause()) {
                if (t instanceof ChangesNotAcknowledged c) {
                    some = c;
                }
            }
            List<LeaseResult4> results = new ArrayList<>(out.results().size());
            for (int i = 0; i < out.results().size(); i++) {
                LeaseResult4 r = out.results().get(i);
                boolean failed = out.ops().failed(i, some);
                results.add(failed ? new LeaseResult4(r.id(), Status.ERROR, null, false, message) : r);
            }
            return new LeaseBatch4Result(results);
        });
    }

    private void sweep() {
        long tick = Math.clamp(maxWait.toMillis() / 10, 5, 100);
        while (true) {
            try {
                Thread.sleep(DeadlineSweep.sleepMillis(!waiting.isEmpty(), maxWait.toMillis(), tick));
            } catch (InterruptedException e) {
                return;
            }
            expireOverdue();
        }
    }

    /** Fails the waits whose deadline passed on the ticker; the sweeper calls it every tick (tests too). */
    synchronized void expireOverdue() {
        long now = ticker.nanos();
        Waiting w;
        while ((w = waiting.peek()) != null && (w.durable.isDone() || w.deadline - now <= 0)) {
            waiting.poll();
            if (!w.durable.isDone()) {
                w.durable.completeExceptionally(new TimeoutException("lease store write took longer than " + maxWait));
            }
        }
    }
}
