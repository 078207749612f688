package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches lease ops to lease-service ({@link io.dhcpsuite.api.lease.LeaseBatch4}).
 *
 * <p>Policy: a batch leaves when {@code batchSize} ops wait, or immediately when no batch is in
 * flight (an idle server adds no latency), or after {@code linger} when others are in flight
 * (under load the ops of many packets share one request, one fsync, one transaction). OFFERs are
 * sent apart from the ops that write leases: lease-service answers a request only once all of it
 * is durable, and an OFFER must not wait for a REQUEST's fsync. At most
 * {@code maxInFlight} requests are outstanding; while all slots are taken, ops accumulate in the
 * bounded queue and {@link #submit} refuses new ones once it is full. A failed or timed-out batch
 * fails all its ops, so the packets are dropped and the clients retransmit; no thread ever waits
 * on lease-service except the batcher waiting for a free slot. How a batch travels is the
 * {@link LeaseTransport}'s business: JSON over HTTP or binary frames over a kept-alive TCP connection.
 */
public final class BatchingLeaseClient implements LeaseClient, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.lease-client");

    private final LeaseClientSettings settings;
    private final LeaseTransport transport;
    private final ArrayBlockingQueue<Pending> queue;
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread batcher;
    private volatile boolean running = true;

    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong batchesFailed = new AtomicLong();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - 2_000_000_000L);
    private final AtomicLong opsSent = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    /** Over HTTP/JSON to {@code settings.baseUrl()}. */
    public BatchingLeaseClient(LeaseClientSettings settings, JsonMapper json) {
        this(settings, new HttpLeaseTransport(settings.baseUrl(), settings.timeout(), json));
    }

    public BatchingLeaseClient(LeaseClientSettings settings, LeaseTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.slots = new Semaphore(settings.maxInFlight());
        this.batcher = new Thread(this::batchLoop, "lease-batcher");
        this.batcher.setDaemon(true);
        this.batcher.start();
    }

    public LeaseTransport transport() {
        return transport;
    }

    @Override
    public boolean submit(LeaseOp4 op, LeaseCallback callback) {
        return running && queue.offer(new Pending(op, callback, System.nanoTime()));
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
        return queue.size();
    }

    private void batchLoop() {
        long lingerNanos = settings.linger().toNanos();
        long maxAgeNanos = settings.timeout().toNanos();
        int size = settings.batchSize();
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>(Math.min(size, 64));
                batch.add(first);
                if (inFlight.get() > 0 && lingerNanos > 0) {
                    long deadline = first.queuedAt + lingerNanos;
                    while (batch.size() < size) {
                        queue.drainTo(batch, size - batch.size());
                        long wait = deadline - System.nanoTime();
                        if (batch.size() >= size || wait <= 0) {
                            break;
                        }
                        Pending p = queue.poll(wait, TimeUnit.NANOSECONDS);
                        if (p == null) {
                            break;
                        }
                        batch.add(p);
                    }
                } else {
                    queue.drainTo(batch, size - 1);
                }
                slots.acquire();
                // Ops that waited longer than a request may take are stale: the client has
                // retransmitted or given up by now.
                long now = System.nanoTime();
                List<Pending> offers = new ArrayList<>();
                List<Pending> writes = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    if (now - p.queuedAt > maxAgeNanos) {
                        fail(p, new IllegalStateException("lease op queued longer than " + settings.timeout()));
                    } else {
                        (p.op.kind() == LeaseOp4.Kind.OFFER ? offers : writes).add(p);
                    }
                }
                if (offers.isEmpty() && writes.isEmpty()) {
                    slots.release();
                    continue;
                }
                if (!offers.isEmpty()) {
                    send(offers);
                    if (!writes.isEmpty()) {
                        slots.acquire();
                    }
                }
                if (!writes.isEmpty()) {
                    send(writes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("lease batcher error: {}", e.toString(), e);
            }
        }
    }

    private void send(List<Pending> batch) {
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
            transport.send(ops, (results, error) -> done(batch, results, error));
        } catch (RuntimeException e) {
            done(batch, null, e);
        }
    }

    private void done(List<Pending> batch, List<LeaseResult4> results, Throwable error) {
        inFlight.decrementAndGet();
        slots.release();
        if (error == null && (results == null || results.size() != batch.size())) {
            error = new IllegalStateException("lease-service answered " + (results == null ? 0 : results.size())
                    + " results for " + batch.size() + " ops");
        }
        if (error != null) {
            batchesFailed.incrementAndGet();
            long now = System.nanoTime();
            long last = lastWarn.get();
            // At most one line a second: with lease-service down, every batch fails.
            if (now - last > 1_000_000_000L && lastWarn.compareAndSet(last, now)) {
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
        batcher.interrupt();
        Pending p;
        IllegalStateException stopped = new IllegalStateException("lease client stopped");
        while ((p = queue.poll()) != null) {
            fail(p, stopped);
        }
        transport.close();
    }

    private record Pending(LeaseOp4 op, LeaseCallback callback, long queuedAt) {
    }
}
