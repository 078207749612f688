package io.dhcpsuite.ha.listener;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HA listener's workers, with the rule suite-web's {@code SlowRequestGuard} applies to the
 * services' Tomcat listeners: a request, headers and body, must arrive whole within the timeout
 * (10 s) of its first byte. The JDK's HTTP server starts a task on the first byte of each request
 * and reads the request on that task's thread; a thread still reading at the deadline is
 * interrupted, which closes its connection (a blocking socket channel closes on interrupt). The
 * handler says {@link #arrived()} once it has the body; the command that follows may take as long
 * as it takes. Each request has a virtual thread, so slow senders cost no pooled thread meanwhile,
 * and a connection that sends nothing holds no thread at all (the JDK closes it after 30 s idle).
 */
final class RequestDeadlines implements java.util.concurrent.Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ha-listener-", 0).factory());
    private final long timeoutNanos;
    /** Threads still reading their request, with when its first byte came. */
    private final Map<Thread, Long> arriving = new ConcurrentHashMap<>();
    private final AtomicLong closed = new AtomicLong();
    private final Thread reaper;

    RequestDeadlines(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request read timeout must be positive");
        }
        this.timeoutNanos = timeout.toNanos();
        this.reaper = Thread.ofPlatform().daemon().name("ha-listener-slow-request-guard").start(this::sweep);
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(() -> {
            arriving.put(Thread.currentThread(), System.nanoTime());
            try {
                task.run();
            } finally {
                arriving.remove(Thread.currentThread());
            }
        });
    }

    /**
     * The calling request has arrived whole. Throws when the deadline has just cut it (the
     * connection is being closed, so the request must not be acted on).
     */
    void arrived() throws IOException {
        if (arriving.remove(Thread.currentThread()) == null) {
            throw new IOException("request not whole within " + timeoutNanos / 1_000_000 + " ms");
        }
    }

    /** Requests cut for arriving too slowly, since start. */
    long closed() {
        return closed.get();
    }

    private void sweep() {
        long logged = 0;
        long lastLog = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Map.Entry<Thread, Long> e : arriving.entrySet()) {
                if (now - e.getValue() > timeoutNanos && arriving.remove(e.getKey(), e.getValue())) {
                    e.getKey().interrupt();
                    closed.incrementAndGet();
                }
            }
            if (closed.get() > logged && now - lastLog > 10_000_000_000L) {
                log.warn("HTTP_SLOW_REQUESTS_CLOSED {} connection(s) to the HA listener closed for sending their"
                        + " request more slowly than {} s", closed.get() - logged, timeoutNanos / 1_000_000_000L);
                logged = closed.get();
                lastLog = now;
            }
        }
    }

    @Override
    public void close() {
        reaper.interrupt();
        workers.shutdownNow();
    }
}
