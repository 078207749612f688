package io.dhcpsuite.dhcp.v6.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches DHCPv6 lease ops to lease-service with the policy of the DHCPv4 client: the submitting
 * thread sends, a draining receive thread defers until its {@link #flush()}, at most
 * {@code maxInFlight} requests per lane wait for an answer, and ops that find no free slot leave
 * together when one frees. ADVERTISE ops travel in their own lane so they never wait for a
 * REQUEST's fsync. {@link #submit} never blocks and refuses an op once {@code queueCapacity} wait;
 * a failed batch fails all its ops (the packets are dropped, the clients retransmit).
 */
public final class BatchingLease6Client implements Lease6Client, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp6.lease-client");
    private static final long WARN_INTERVAL_NANOS = 1_000_000_000L;

    private final int batchSize;
    private final int queueCapacity;
    private final long maxAgeNanos;
    private final Lease6Transport transport;
    private final Lane advertises;
    private final Lane writes;
    private final AtomicInteger queued = new AtomicInteger();
    private final ThreadLocal<Boolean> deferring = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong batchesFailed = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - 2 * WARN_INTERVAL_NANOS);
    private volatile boolean running = true;

    private final class Lane {
        final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
        final Semaphore slots;

        Lane(int maxInFlight) {
            slots = new Semaphore(maxInFlight);
        }
    }

    private record Pending(LeaseOp6 op, Callback callback, long queuedAt) {
    }

    /**
     * @param timeout per request; also the age after which a queued op is failed unsent
     */
    public BatchingLease6Client(int batchSize, int maxInFlight, int queueCapacity, Duration timeout,
                                Lease6Transport transport) {
        if (batchSize < 1 || maxInFlight < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("suite.lease-client: batch-size, max-in-flight and "
                    + "queue-capacity must be positive");
        }
        this.batchSize = batchSize;
        this.queueCapacity = queueCapacity;
        this.maxAgeNanos = timeout.toNanos();
        this.transport = transport;
        this.advertises = new Lane(maxInFlight);
        this.writes = new Lane(maxInFlight);
    }

    @Override
    public boolean submit(LeaseOp6 op, Callback callback) {
        if (!running) {
            return false;
        }
        if (queued.incrementAndGet() > queueCapacity) {
            queued.decrementAndGet();
            return false;
        }
        (op.kind() == LeaseOp6.Kind.ADVERTISE ? advertises : writes).waiting.add(
                new Pending(op, callback, System.nanoTime()));
        if (!deferring.get()) {
            flush();
        }
        return true;
    }

    @Override
    public void deferFlush() {
        deferring.set(Boolean.TRUE);
    }

    @Override
    public void flush() {
        flush(advertises);
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

    private List<Pending> take(Lane lane) {
        long now = System.nanoTime();
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < batchSize && (p = lane.waiting.poll()) != null) {
            queued.decrementAndGet();
            if (now - p.queuedAt > maxAgeNanos) {
                fail(p, new IllegalStateException("lease op queued longer than " + Duration.ofNanos(maxAgeNanos)));
            } else {
                batch.add(p);
            }
        }
        return batch;
    }

    private void send(Lane lane, List<Pending> batch) {
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        List<LeaseOp6> ops = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            ops.add(p.op);
        }
        batchesSent.incrementAndGet();
        try {
            transport.send(ops, (results, error) -> done(lane, batch, results, error));
        } catch (RuntimeException e) {
            done(lane, batch, null, e);
        }
    }

    private void done(Lane lane, List<Pending> batch, List<LeaseResult6> results, Throwable error) {
        lane.slots.release();
        flush(lane);
        if (error == null && (results == null || results.size() != batch.size())) {
            error = new IllegalStateException("lease-service answered " + (results == null ? 0 : results.size())
                    + " results for " + batch.size() + " ops");
        }
        if (error != null) {
            batchesFailed.incrementAndGet();
            long now = System.nanoTime();
            long last = lastWarn.get();
            if (now - last > WARN_INTERVAL_NANOS && lastWarn.compareAndSet(last, now)) {
                log.warn("DHCP6_LEASE_BATCH_FAIL {} ops of a batch to {} failed ({} failed batches so far): {}",
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

    public long batchesSent() {
        return batchesSent.get();
    }

    public long batchesFailed() {
        return batchesFailed.get();
    }

    public int largestBatch() {
        return largestBatch.get();
    }

    @Override
    public void close() {
        running = false;
        IllegalStateException stopped = new IllegalStateException("lease client stopped");
        for (Lane lane : List.of(advertises, writes)) {
            Pending p;
            while ((p = lane.waiting.poll()) != null) {
                queued.decrementAndGet();
                fail(p, stopped);
            }
        }
        transport.close();
    }
}
