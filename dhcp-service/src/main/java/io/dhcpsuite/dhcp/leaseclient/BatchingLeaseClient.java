package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches lease ops to lease-service ({@link io.dhcpsuite.api.lease.LeaseBatch4}).
 *
 * <p>Policy, without a timer: the thread that submits also sends. A receive thread that drains
 * its socket calls {@link #deferFlush()} once, then {@link #flush()} after each drain, so the ops
 * of every packet found waiting in the socket share one request; any other thread's
 * {@link #submit} sends at once. At most {@code maxInFlight} requests per lane are outstanding;
 * ops that find no free slot wait in the queue and leave, many in one request, when an answer
 * frees a slot. Under load the batches therefore grow by themselves, and an idle server adds no
 * latency. OFFERs travel in a lane of their own, apart from the ops that write leases:
 * lease-service answers a request only once all of it is durable, and an OFFER must not wait for
 * a REQUEST's fsync. {@link #submit} never blocks; it refuses an op once {@code queueCapacity}
 * wait. A failed or timed-out batch fails all its ops, so the packets are dropped and the clients
 * retransmit. How a batch travels is the {@link LeaseTransport}'s business: JSON over HTTP or
 * binary frames over a kept-alive TCP connection.
 */
public final class BatchingLeaseClient implements LeaseClient, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.lease-client");
    private static final long WARN_INTERVAL_NANOS = 1_000_000_000L;

    private final LeaseClientSettings settings;
    private final LeaseTransport transport;
    private final Lane offers;
    private final Lane writes;
    private final AtomicInteger queued = new AtomicInteger();
    private final ThreadLocal<Boolean> deferring = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile boolean running = true;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong batchesFailed = new AtomicLong();
    private final Ticker ticker;
    private final AtomicLong lastWarn;
    private final AtomicLong opsSent = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    /** One kind of op (offers, or lease writes): its waiting ops and its request slots. */
    private final class Lane {
        final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
        final Semaphore slots = new Semaphore(settings.maxInFlight());
    }

    /** Over HTTP/JSON to {@code settings.baseUrl()}. */
    public BatchingLeaseClient(LeaseClientSettings settings, JsonMapper json) {
        this(settings, new HttpLeaseTransport(settings.baseUrl(), settings.timeout(), json));
    }

    public BatchingLeaseClient(LeaseClientSettings settings, LeaseTransport transport) {
        this(settings, transport, Ticker.SYSTEM);
    }

    /** @param ticker the time queue ages and the warning rate are measured on (tests move it) */
    public BatchingLeaseClient(LeaseClientSettings settings, LeaseTransport transport, Ticker ticker) {
        this.settings = settings;
        this.transport = transport;
        this.ticker = ticker;
        this.lastWarn = new AtomicLong(ticker.nanos() - WARN_INTERVAL_NANOS * 2);
        this.offers = new Lane();
        this.writes = new Lane();
    }

    public LeaseTransport transport() {
        return transport;
    }

    @Override
    public boolean submit(LeaseOp4 op, LeaseCallback callback) {
        if (!running) {
            return false;
        }
        if (queued.incrementAndGet() > settings.queueCapacity()) {
            queued.decrementAndGet();
            return false;
        }
        (op.kind() == LeaseOp4.Kind.OFFER ? offers : writes).waiting.add(new Pending(op, callback, ticker.nanos()));
        if (!deferring.get()) {
            flush();
        }
        return true;
    }

    /** From now on, ops this thread submits wait for its {@link #flush()}. */
    @Override
    public void deferFlush() {
        deferring.set(Boolean.TRUE);
    }

    /** Sends what waits, as far as free request slots allow; never blocks. */
    @Override
    public void flush() {
        flush(offers);
        flush(writes);
    }

    private void flush(Lane lane) {
        while (!lane.waiting.isEmpty() && lane.slots.tryAcquire()) {
            List<Pending> batch = take(lane);
            if (batch.isEmpty()) {
                lane.slots.release();
                return;
            }
            send(lane, batch);
        }
    }

    /** Up to a batch of waiting ops; those older than a request may take are failed unsent. */
    private List<Pending> take(Lane lane) {
        int size = settings.batchSize();
        long maxAgeNanos = settings.timeout().toNanos();
        long now = ticker.nanos();
        List<Pending> batch = new ArrayList<>(Math.min(size, 16));
        Pending p;
        while (batch.size() < size && (p = lane.waiting.poll()) != null) {
            queued.decrementAndGet();
            if (now - p.queuedAt > maxAgeNanos) {
                // the client has retransmitted or given up by now
                fail(p, new IllegalStateException("lease op queued longer than " + settings.timeout()));
            } else {
                batch.add(p);
            }
        }
        return batch;
    }

    public long batchesSent() {
        return batchesSent.get();
    }

    public long batchesFailed() {
        return batchesFailed.get();
    }

    public long opsSent() {
        return opsSent.get();
    }

    public int largestBatch() {
        return largestBatch.get();
    }

    public int mostInFlight() {
        return mostInFlight.get();
    }

    public int queued() {
        return queued.get();
    }

    private void send(Lane lane, List<Pending> batch) {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        List<LeaseOp4> ops = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            ops.add(p.op);
        }
        batchesSent.incrementAndGet();
        opsSent.addAndGet(batch.size());
        try {
            transport.send(ops, (results, error) -> done(lane, batch, results, error));
        } catch (RuntimeException e) {
            done(lane, batch, null, e);
        }
    }

    private void done(Lane lane, List<Pending> batch, List<LeaseResult4> results, Throwable error) {
        inFlight.decrementAndGet();
        lane.slots.release();
        // what waited for the slot leaves now, before this batch's continuations run
        flush(lane);
        if (error == null && (results == null || results.size() != batch.size())) {
            error = new IllegalStateException("lease-service answered " + (results == null ? 0 : results.size())
                    + " results for " + batch.size() + " ops");
        }
        if (error != null) {
            batchesFailed.incrementAndGet();
            long now = ticker.nanos();
            long last = lastWarn.get();
            // At most one line a second: with lease-service down, every batch fails.
            if (now - last > WARN_INTERVAL_NANOS && lastWarn.compareAndSet(last, now)) {
                log.warn("DHCP4_LEASE_BATCH_FAIL {} ops of a batch to {} failed ({} failed batches so far): {}",
                        batch.size(), transport.target(), batchesFailed.get(), error.toString());
            }
            for (Pending p : batch) {
                fail(p, error);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            try {
                p.callback.done(results.get(i), null);
            } catch (RuntimeException e) {
                log.error("lease continuation failed: {}", e.toString(), e);
            }
        }
    }

    private static void fail(Pending p, Throwable error) {
        try {
            p.callback.done(null, error);
        } catch (RuntimeException e) {
            log.error("lease continuation failed: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        IllegalStateException stopped = new IllegalStateException("lease client stopped");
        for (Lane lane : List.of(offers, writes)) {
            Pending p;
            while ((p = lane.waiting.poll()) != null) {
                queued.decrementAndGet();
                fail(p, stopped);
            }
        }
        transport.close();
    }

    private record Pending(LeaseOp4 op, LeaseCallback callback, long queuedAt) {
    }
}
