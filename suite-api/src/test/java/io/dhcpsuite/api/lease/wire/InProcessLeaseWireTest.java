package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessLeaseWireTest {
    /** Which handler method took each batch, in order. */
    private final List<String> calls = new ArrayList<>();
    private final CompletableFuture<LeaseBatch4Result> later = new CompletableFuture<>();
    private boolean holdWrites;

    private final LeaseWireServer.Handler handler = new LeaseWireServer.Handler() {
        @Override
        public CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 batch) {
            calls.add("handle");
            return CompletableFuture.completedFuture(results(batch));
        }

        @Override
        public CompletableFuture<LeaseBatch4Result> handleWrites(LeaseBatch4 batch) {
            calls.add("handleWrites");
            return holdWrites ? later : CompletableFuture.completedFuture(results(batch));
        }

        @Override
        public CompletableFuture<LeaseBatch6Result> handle6(LeaseBatch6 batch) {
            calls.add("handle6");
            return CompletableFuture.completedFuture(new LeaseBatch6Result(List.of()));
        }

        @Override
        public CompletableFuture<LeaseBatch6Result> handleWrites6(LeaseBatch6 batch) {
            calls.add("handleWrites6");
            return CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("journal full")));
        }
    };

    @AfterEach
    void unregister() {
        InProcessLeaseWire.unregister(handler);
    }

    private static LeaseBatch4Result results(LeaseBatch4 batch) {
        List<LeaseResult4> r = new ArrayList<>();
        for (LeaseOp4 op : batch.ops()) {
            r.add(new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, "op " + op.id()));
        }
        return new LeaseBatch4Result(r);
    }

    private static LeaseOp4 op(long id, LeaseOp4.Kind kind) {
        return new LeaseOp4(id, kind, List.of(1L), 1, "02:00:00:00:00:01", null, true, null, false,
                null, 0, List.of(), 4000, null, false, false);
    }

    private static LeaseOp6 op6(LeaseOp6.Kind kind) {
        return new LeaseOp6(9, kind, List.of(1L), "00:01", null,
                List.of(new LeaseOp6.Ia(Lease6.IA_NA, 1, List.of(), List.of(), 0, 3000, 4000)),
                List.of("ALL"), null, false, false);
    }

    @Test
    void offersGoToHandleAndWritesToHandleWritesAnsweredOnTheCallingThread() {
        InProcessLeaseWire.register(handler);
        AtomicReference<List<LeaseResult4>> answer = new AtomicReference<>();
        AtomicReference<Thread> on = new AtomicReference<>();
        InProcessLeaseWire.send(List.of(op(1, LeaseOp4.Kind.OFFER), op(2, LeaseOp4.Kind.OFFER)), (r, e) -> {
            answer.set(r);
            on.set(Thread.currentThread());
        });
        assertThat(answer.get()).extracting(LeaseResult4::id).containsExactly(1L, 2L);
        assertThat(on.get()).isSameAs(Thread.currentThread());
        InProcessLeaseWire.send(List.of(op(3, LeaseOp4.Kind.REQUEST)), (r, e) -> answer.set(r));
        assertThat(answer.get()).extracting(LeaseResult4::id).containsExactly(3L);
        assertThat(calls).containsExactly("handle", "handleWrites");
    }

    @Test
    void aBatchOfMoreWritesThanTheCallerShouldWaitForGoesToTheWriterThread() {
        InProcessLeaseWire.register(handler);
        List<LeaseOp4> small = new ArrayList<>();
        for (int i = 0; i < InProcessLeaseWire.WRITE_HERE_MAX; i++) {
            small.add(op(i, LeaseOp4.Kind.REQUEST));
        }
        List<LeaseOp4> large = new ArrayList<>(small);
        large.add(op(99, LeaseOp4.Kind.REQUEST));
        AtomicInteger answers = new AtomicInteger();
        InProcessLeaseWire.send(small, (r, e) -> answers.incrementAndGet());
        InProcessLeaseWire.send(large, (r, e) -> answers.incrementAndGet());
        assertThat(calls).containsExactly("handleWrites", "handle");
        assertThat(answers).hasValue(2);
    }

    @Test
    void aWriteThatIsDurableLaterIsAnsweredThenExactlyOnce() {
        InProcessLeaseWire.register(handler);
        holdWrites = true;
        AtomicInteger answers = new AtomicInteger();
        InProcessLeaseWire.send(List.of(op(4, LeaseOp4.Kind.RELEASE)), (r, e) -> answers.incrementAndGet());
        assertThat(answers).hasValue(0);
        later.complete(new LeaseBatch4Result(List.of()));
        assertThat(answers).hasValue(1);
    }

    @Test
    void v6AdvertisesAndWritesTakeTheirLanesAndAFailureComesUnwrapped() {
        InProcessLeaseWire.register(handler);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<List<LeaseResult6>> answer = new AtomicReference<>();
        InProcessLeaseWire.send6(List.of(op6(LeaseOp6.Kind.ADVERTISE)), (r, e) -> answer.set(r));
        InProcessLeaseWire.send6(List.of(op6(LeaseOp6.Kind.ASSIGN)), (r, e) -> failure.set(e));
        assertThat(answer.get()).isEmpty();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessage("journal full");
        assertThat(calls).containsExactly("handle6", "handleWrites6");
    }

    @Test
    void withoutALeaseServiceInTheProcessEveryBatchFailsAtOnceNamingTheSetting() {
        assertThat(InProcessLeaseWire.available()).isFalse();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        InProcessLeaseWire.send(List.of(op(5, LeaseOp4.Kind.OFFER)), (r, e) -> failure.set(e));
        assertThat(failure.get()).hasMessageContaining("no lease-service runs in this process")
                .hasMessageContaining("suite.lease-client.transport=in-process");
    }

    @Test
    void aStoppedLeaseServiceUnregistersOnlyItself() {
        LeaseWireServer.Handler other = b -> CompletableFuture.completedFuture(new LeaseBatch4Result(List.of()));
        InProcessLeaseWire.register(handler);
        InProcessLeaseWire.register(other);
        InProcessLeaseWire.unregister(handler);
        assertThat(InProcessLeaseWire.available()).isTrue();
        InProcessLeaseWire.unregister(other);
        assertThat(InProcessLeaseWire.available()).isFalse();
    }
}
