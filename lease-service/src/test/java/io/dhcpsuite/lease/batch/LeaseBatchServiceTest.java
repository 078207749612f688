package io.dhcpsuite.lease.batch;

import static io.dhcpsuite.lease.TestSupport.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4.Kind;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.dhcpsuite.api.time.Ticker;
import org.junit.jupiter.api.Test;

/** Answers wait for durability, within the bounded wait. */
class LeaseBatchServiceTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Test
    void aWriteThatNeverFinishesAnswersErrorForTheWritesOnlyAfterTheBoundedWait() throws Exception {
        AllocationEngine engine = TestSupport.engine(TestSupport.config(), Clock.systemUTC(), changes -> new CompletableFuture<>(),
                List.of(), List.of());
        LeaseBatchService service = new LeaseBatchService(engine, Duration.ofSeconds(1), ticker);
        CompletableFuture<LeaseBatch4Result> answer = service.process(new LeaseBatch4(List.of(
                op(Kind.REQUEST, "02:00:00:00:00:01", null, false),
                op(Kind.OFFER, "02:00:00:00:00:02", null, false))));
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        service.expireOverdue();
        assertThat(answer).as("waiting for the write").isNotDone();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        service.expireOverdue();
        assertThat(answer).as("the bounded wait is over").isDone();
        LeaseBatch4Result r = answer.get(5, TimeUnit.SECONDS);
        assertThat(r.results().get(0).status()).isEqualTo(Status.ERROR);
        assertThat(r.results().get(0).message()).isEqualTo("lease store write failed");
        assertThat(r.results().get(1).status()).as("the offer wrote nothing").isEqualTo(Status.ASSIGNED);
    }

    @Test
    void aWriteThatFinishesAnswersTheResultsAndLaterDeadlinesChangeNothing() throws Exception {
        CompletableFuture<Void> write = new CompletableFuture<>();
        AllocationEngine engine = TestSupport.engine(TestSupport.config(), Clock.systemUTC(), changes -> write, List.of(), List.of());
        LeaseBatchService service = new LeaseBatchService(engine, Duration.ofMillis(200), ticker);
        CompletableFuture<LeaseBatch4Result> answer = service.process(new LeaseBatch4(List.of(
                op(Kind.REQUEST, "02:00:00:00:00:03", null, false))));
        write.complete(null);
        assertThat(answer.get(5, TimeUnit.SECONDS).results().get(0).status()).isEqualTo(Status.ASSIGNED);
        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        service.expireOverdue();
        assertThat(write).as("the engine's own future is not failed by the deadline").isCompletedWithValue(null);
    }

    @Test
    void aListenerThatFailsSomeChangesFailsOnlyTheOpsThatMadeThem() throws Exception {
        // the gating listener (HA's partner) rejects the second change of the transaction only
        AllocationEngine engine = TestSupport.engine(TestSupport.config(), Clock.systemUTC(),
                changes -> CompletableFuture.completedFuture(null), List.of(changes -> {
                    java.util.BitSet failed = new java.util.BitSet();
                    failed.set(1);
                    // thrown from a stage, as HaLeaseUpdates does: it arrives wrapped
                    return CompletableFuture.completedFuture(null).handle((ok, e) -> {
                        throw new io.dhcpsuite.lease.store.ChangesNotAcknowledged(
                                failed, "lease4-update for the second answered 1", null);
                    });
                }), List.of());
        LeaseBatchService service = new LeaseBatchService(engine, Duration.ofSeconds(5), ticker);
        LeaseBatch4Result r = service.process(new LeaseBatch4(List.of(
                op(Kind.REQUEST, "02:00:00:00:00:04", null, false),
                op(Kind.OFFER, "02:00:00:00:00:05", null, false),
                op(Kind.REQUEST, "02:00:00:00:00:06", null, false),
                op(Kind.REQUEST, "02:00:00:00:00:07", null, false)))).get(5, TimeUnit.SECONDS);
        assertThat(r.results()).extracting(x -> x.status())
                .containsExactly(Status.ASSIGNED, Status.ASSIGNED, Status.ERROR, Status.ASSIGNED);
        assertThat(r.results().get(2).message()).contains("answered 1");
    }
}
