package io.dhcpsuite.api.lease.wire;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The lease wire without the wire, for dhcp-service and lease-service run in one process
 * ({@code ./dhcpctl start --one-process}): lease-service registers the handler of its lease wire
 * server here, and dhcp-service's in-process transport hands each batch to it as a method call.
 * No frame is encoded, no socket written, and no thread woken: an OFFER is allocated and answered
 * on the receive thread that asked, and a small batch of lease writes is made durable on it too
 * ({@link LeaseWireServer.Handler#handleWrites}), so at moderate load a DORA crosses no thread at
 * all unless HA waits for the partner. A batch of more than {@value #WRITE_HERE_MAX} writes goes
 * to the group commit's writer thread ({@link LeaseWireServer.Handler#handle}). The two services keep their own contexts and
 * ports; only this class is shared, which is why it lives in suite-api, loaded once for both.
 */
public final class InProcessLeaseWire {
    private static final AtomicReference<LeaseWireServer.Handler> HANDLER = new AtomicReference<>();
    /**
     * The largest batch of lease writes made durable on the calling thread. A larger one means a
     * backlog in the socket: it goes to the group commit's writer thread, so that the receive
     * thread goes on draining instead of waiting for the sync.
     */
    static final int WRITE_HERE_MAX = 8;

    private InProcessLeaseWire() {
    }

    /** lease-service: serve batches of this process's dhcp-service (the last registration wins). */
    public static void register(LeaseWireServer.Handler handler) {
        HANDLER.set(handler);
    }

    /** lease-service, stopping: no longer serves them, unless another handler took over. */
    public static void unregister(LeaseWireServer.Handler handler) {
        HANDLER.compareAndSet(handler, null);
    }

    /** Whether a lease-service of this process serves batches now. */
    public static boolean available() {
        return HANDLER.get() != null;
    }

    /**
     * Hands a DHCPv4 batch to this process's lease-service; {@code completion} runs exactly once,
     * on the calling thread when the answer is ready at once (OFFERs, a write made durable here).
     */
    public static void send(List<LeaseOp4> ops, LeaseWireClient.Completion completion) {
        LeaseBatch4 batch = new LeaseBatch4(ops);
        boolean here = writesHere(ops.size(), !ops.isEmpty() && ops.get(0).kind() == LeaseOp4.Kind.OFFER);
        call(h -> here ? h.handleWrites(batch) : h.handle(batch), LeaseBatch4Result::results, completion::done);
    }

    /** {@link #send} for a DHCPv6 batch: ADVERTISEs are answered at once, the other ops when durable. */
    public static void send6(List<LeaseOp6> ops, LeaseWireClient.Completion6 completion) {
        LeaseBatch6 batch = new LeaseBatch6(ops);
        boolean here = writesHere(ops.size(), !ops.isEmpty() && ops.get(0).kind() == LeaseOp6.Kind.ADVERTISE);
        call(h -> here ? h.handleWrites6(batch) : h.handle6(batch), LeaseBatch6Result::results, completion::done);
    }

    /** Whether a batch's writes are made durable on the calling thread: lease writes, not a backlog of them. */
    private static boolean writesHere(int size, boolean offers) {
        return size > 0 && !offers && size <= WRITE_HERE_MAX;
    }

    private static <R, T> void call(Function<LeaseWireServer.Handler, CompletableFuture<R>> handle,
                                    Function<R, List<T>> results, BiConsumer<List<T>, Throwable> done) {
        LeaseWireServer.Handler h = HANDLER.get();
        if (h == null) {
            done.accept(null, notRunning());
            return;
        }
        CompletableFuture<R> answer;
        try {
            answer = handle.apply(h);
        } catch (RuntimeException e) {
            done.accept(null, e);
            return;
        }
        answer.whenComplete((r, e) -> done.accept(e == null ? results.apply(r) : null, unwrap(e)));
    }

    private static IllegalStateException notRunning() {
        return new IllegalStateException("no lease-service runs in this process (suite.lease-client.transport=in-process)");
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
