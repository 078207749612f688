package io.dhcpsuite.ddns.queue;

import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.ddns.dns.D2Stats;
import io.dhcpsuite.ddns.transaction.NameChangeTransaction;
import io.dhcpsuite.ddns.transaction.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues NCRs and runs their transactions.
 *
 * <p>Policy (Kea's D2QueueMgr/D2UpdateMgr): at most {@code maxQueue} NCRs wait (1024 in Kea);
 * one arriving when the queue is full is dropped and counted as {@code queue-mgr-queue-full}
 * (Kea stops reading its socket instead, which loses the same datagrams). At most
 * {@code maxTransactions} run at once (32 in Kea), each on its own virtual thread, and never two
 * with the same DHCID: the next NCR to start is the oldest waiting one whose DHCID is idle, so a
 * client's add and remove are applied in the order they arrived. Queued NCRs are lost on shutdown,
 * as in Kea.
 */
public class UpdateManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpdateManager.class);
    private final int maxQueue;
    private final int maxTransactions;
    private final Function<Ncr, NameChangeTransaction> factory;
    private final Statistics stats;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ArrayDeque<Ncr> waiting = new ArrayDeque<>();
    private final Set<String> busy = new HashSet<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile BiConsumer<Ncr, Outcome> listener = (n, o) -> { };
    private boolean accepting = true;

    public UpdateManager(int maxQueue, int maxTransactions, Function<Ncr, NameChangeTransaction> factory,
                         Statistics stats) {
        this.maxQueue = maxQueue;
        this.maxTransactions = maxTransactions;
        this.factory = factory;
        this.stats = stats;
    }

    /** Called after each transaction ends (tests and benchmarks wait on it). */
    public void setListener(BiConsumer<Ncr, Outcome> listener) {
        this.listener = listener;
    }

    /** Queues a validated NCR; false when it was dropped because the queue is full or stopping. */
    public boolean submit(Ncr ncr) {
        synchronized (this) {
            if (!accepting) {
                return false;
            }
            if (waiting.size() >= maxQueue) {
                stats.stat(D2Stats.QUEUE_FULL).increment();
                log.warn("DHCP_DDNS_QUEUE_MGR_QUEUE_FULL queue full ({} NCRs), dropped: {}", maxQueue, ncr);
                return false;
            }
            stats.stat(D2Stats.NCR_RECEIVED).increment();
            waiting.addLast(ncr);
            startEligible();
        }
        return true;
    }

    /** Starts waiting NCRs while there is room; caller holds the lock. */
    private void startEligible() {
        Iterator<Ncr> it = waiting.iterator();
        while (busy.size() < maxTransactions && it.hasNext()) {
            Ncr ncr = it.next();
            if (busy.add(ncr.dhcid())) {
                it.remove();
                executor.execute(() -> run(ncr));
            }
        }
    }

    private void run(Ncr ncr) {
        Outcome outcome;
        try {
            NameChangeTransaction tx = factory.apply(ncr);
            outcome = tx == null ? new Outcome(false, false, false, "no transaction (see log)") : tx.run();
            if (tx != null) {
                if (outcome.ok()) {
                    log.info("DHCP_DDNS_{}_SUCCEEDED {}", ncr.isAdd() ? "ADD" : "REMOVE", ncr);
                } else {
                    log.error("DHCP_DDNS_{}_FAILED {}: {}", ncr.isAdd() ? "ADD" : "REMOVE", ncr, outcome.reason());
                }
            }
        } catch (RuntimeException e) {
            log.error("DHCP_DDNS_TRANS_PROCESS_EXCEPTION {}: {}", ncr, e.toString(), e);
            outcome = new Outcome(false, false, false, e.toString());
        }
        (outcome.ok() ? completed : failed).incrementAndGet();
        try {
            listener.accept(ncr, outcome); // before the DHCID is released: awaitIdle() implies listeners ran
        } catch (RuntimeException e) {
            log.warn("transaction listener failed: {}", e.toString());
        }
        synchronized (this) {
            busy.remove(ncr.dhcid());
            startEligible();
            notifyAll();
        }
    }

    public synchronized int queued() {
        return waiting.size();
    }

    public synchronized int inProgress() {
        return busy.size();
    }

    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Waits until nothing is queued or running; false on timeout. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() || !busy.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Stops taking NCRs. {@code drain} lets the queue empty first (Kea's {@code drain_first});
     * otherwise waiting NCRs are dropped and only running transactions finish.
     */
    public void shutdown(boolean drain, Duration grace) {
        try {
            synchronized (this) {
                accepting = false;
                if (!drain) {
                    if (!waiting.isEmpty()) {
                        log.warn("DHCP_DDNS_SHUTDOWN {} queued NCRs are lost", waiting.size());
                    }
                    waiting.clear();
                }
            }
            awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        synchronized (this) {
            accepting = false;
            waiting.clear();
        }
        executor.shutdownNow();
    }
}
