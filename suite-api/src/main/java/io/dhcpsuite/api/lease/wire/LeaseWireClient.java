package io.dhcpsuite.api.lease.wire;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.time.DeadlineSweep;
import io.dhcpsuite.api.time.Ticker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the {@link LeaseWire} TCP transport (dhcp-service's hot path): batches in
 * frames over one kept-alive TCP connection to lease-service's wire port. Pipelined: every batch gets a correlation id and any number are in flight (the client's
 * {@code maxInFlight} bounds them); answers come back in the order their group commits finish.
 *
 * <p>One thread connects, reads answers and runs their completions (so the packets' continuations
 * run there, without a hand-off). When the connection fails, every batch in flight on it fails, and
 * while it is down {@link #send} fails at once: the packets are dropped and counted, as with HTTP
 * when lease-service does not answer. It reconnects with a backoff of 50 ms doubling to 1 s. A
 * batch unanswered after the timeout fails alone; a late answer to it is dropped. A malformed
 * frame from the server closes the connection (one log line) and reconnects. A server that refuses
 * this client's version is logged once per outage with its reason (which names both versions),
 * counted in {@link #refusals()}, and tried again with the same backoff: during a rollout the
 * lease-service that speaks this version may come up any moment. DHCPv6 batches ({@link #send6})
 * share the connection, its ids and its timeouts.
 */
public final class LeaseWireClient implements AutoCloseable {
    /** The answer to one batch: exactly one of the arguments is non-null. */
    @FunctionalInterface
    public interface Completion {
        void done(List<LeaseResult4> results, Throwable failure);
    }

    /** The answer to one DHCPv6 batch: exactly one of the arguments is non-null. */
    @FunctionalInterface
    public interface Completion6 {
        void done(List<LeaseResult6> results, Throwable failure);
    }

    /** The server refused this client's version (its FAILED frame with correlation id 0). */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.lease-client");
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1000;

    private final int hello;
    private final Ticker ticker;
    private final String host;
    private final int port;
    private final long timeoutNanos;
    private final int connectTimeoutMs;
    private final Map<Long, Outstanding> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final Thread io;
    private final Thread sweeper;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile Connection connection;
    private volatile boolean running = true;
    /** The last connection ended in a refusal; only the io thread reads and writes it. */
    private boolean refusedLast;
    /** An outage is being reported; io thread only. */
    private boolean down;

    /** A batch in flight: exactly one of {@code completion} (DHCPv4) and {@code completion6} is set. */
    private record Outstanding(Connection connection, Completion completion, Completion6 completion6, long deadline) {
    }

    private static final class Connection {
        final Socket socket;
        final OutputStream out;

        Connection(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** {@code host} is resolved again at every connection attempt (a container's name may come late). */
    public LeaseWireClient(String host, int port, Duration timeout) {
        this(host, port, timeout, Ticker.SYSTEM);
    }

    /** @param ticker the time batch deadlines are measured on (tests move it) */
    public LeaseWireClient(String host, int port, Duration timeout, Ticker ticker) {
        this(host, port, timeout, ticker, LeaseWire.VERSION);
    }

    /** A client that says it speaks {@code version} (tests of the refusal). */
    LeaseWireClient(String host, int port, Duration timeout, Ticker ticker, int version) {
        this.ticker = ticker;
        this.hello = LeaseWire.hello(version);
        this.host = host;
        this.port = port;
        this.timeoutNanos = timeout.toNanos();
        this.connectTimeoutMs = (int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        this.io = Thread.ofPlatform().name("lease-tcp-io").daemon(true).unstarted(this::ioLoop);
        this.sweeper = Thread.ofPlatform().name("lease-tcp-timeouts").daemon(true).unstarted(this::sweepLoop);
        io.start();
        sweeper.start();
        try {
            // lease-service starts first: the first batches should find the connection up.
            firstAttempt.await(connectTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connections established so far (1 without failures). */
    public long connects() {
        return connects.get();
    }

    public boolean connected() {
        return connection != null;
    }

    /** Connections closed because the server sent a malformed frame. */
    public long malformedFrames() {
        return malformed.get();
    }

    /** Connections the server refused because it does not speak {@link LeaseWire#VERSION}. */
    public long refusals() {
        return refusals.get();
    }

    public String target() {
        return "tcp://" + host + ":" + port;
    }

    /**
     * Sends {@code ops} without blocking on the answer (fails at once while disconnected);
     * {@code completion} runs exactly once, on any thread, within about the timeout.
     */
    public void send(List<LeaseOp4> ops, Completion completion) {
        Connection c = connection;
        if (c == null) {
            completion.done(null, new IOException("not connected to lease-service at " + target()));
            return;
        }
        byte[] payload;
        try {
            payload = LeaseWire.encodeOps(ops);
        } catch (RuntimeException e) {
            completion.done(null, e);
            return;
        }
        send(c, LeaseWire.BATCH, payload, new Outstanding(c, completion, null, ticker.nanos() + timeoutNanos));
    }

    /** {@link #send} for DHCPv6 ops, in a {@link LeaseWire#BATCH6} frame on the same connection. */
    public void send6(List<LeaseOp6> ops, Completion6 completion) {
        Connection c = connection;
        if (c == null) {
            completion.done(null, new IOException("not connected to lease-service at " + target()));
            return;
        }
        byte[] payload;
        try {
            payload = LeaseWire6.encodeOps(ops);
        } catch (RuntimeException e) {
            completion.done(null, e);
            return;
        }
        send(c, LeaseWire.BATCH6, payload, new Outstanding(c, null, completion, ticker.nanos() + timeoutNanos));
    }

    private void send(Connection c, byte type, byte[] payload, Outstanding pending) {
        long id = ids.incrementAndGet();
        outstanding.put(id, pending);
        if (connection != c) { // lost meanwhile: its failAll may have run before the put
            Outstanding o = outstanding.remove(id);
            if (o != null) {
                complete(o, null, new IOException("connection to lease-service at " + target() + " lost"));
            }
            return;
        }
        try {
            synchronized (c) {
                LeaseWire.writeFrame(c.out, id, type, payload);
                c.out.flush();
            }
        } catch (IOException | RuntimeException e) {
            c.close(); // the io thread sees it, fails the rest and reconnects
            Outstanding o = outstanding.remove(id);
            if (o != null) {
                complete(o, null, e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void complete(Outstanding o, List<?> results, Throwable error) {
        try {
            if (o.completion6 != null) {
                o.completion6.done((List<LeaseResult6>) results, error);
            } else {
                o.completion.done((List<LeaseResult4>) results, error);
            }
        } catch (RuntimeException e) {
            log.error("lease batch completion failed: {}", e.toString(), e);
        }
    }

    private void ioLoop() {
        long backoff = MIN_BACKOFF_MS;
        while (running) {
            boolean refused = false;
            Socket socket = new Socket();
            Connection c = null;
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
                out.write(new byte[] {(byte) (hello >>> 24), (byte) (hello >>> 16), (byte) (hello >>> 8), (byte) hello});
                out.flush();
                c = new Connection(socket, out);
                connection = c;
                connects.incrementAndGet();
                firstAttempt.countDown();
                // after a refusal the server's silence says nothing yet (an accepted hello is not
                // answered): keep the outage and the backoff until its first answer
                if (!refusedLast) {
                    log.info("DHCP4_LEASE_CLIENT_CONNECTED connected to lease-service at {}{}", target(),
                            down ? " again" : "");
                    down = false;
                    backoff = MIN_BACKOFF_MS;
                }
                readLoop(c, new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536)));
                throw new EOFException("lease-service closed the connection");
            } catch (IOException | RuntimeException e) {
                if (e instanceof RefusedException) {
                    refused = true;
                    refusals.incrementAndGet();
                    if (!down) {
                        log.error("DHCP4_LEASE_CLIENT_REFUSED lease-service at {} refused the connection: {}; lease ops "
                                + "fail until a lease-service that speaks lease wire version {} answers", target(),
                                e.getMessage(), LeaseWire.VERSION);
                    }
                } else if (e instanceof LeaseWire.MalformedFrameException) {
                    malformed.incrementAndGet();
                    log.warn("DHCP4_LEASE_CLIENT_MALFORMED closing the connection to {}: malformed frame: {}",
                            target(), e.getMessage());
                } else if (running && !down) {
                    log.warn("DHCP4_LEASE_CLIENT_DISCONNECTED {} lease-service at {}: {}; lease ops fail until it "
                            + "is reachable again", c == null ? "cannot connect to" : "lost the connection to",
                            target(), e.toString());
                }
                down = true;
            } finally {
                connection = null;
                firstAttempt.countDown();
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
                if (c != null) {
                    failAll(c, new IOException("connection to lease-service at " + target() + " lost"));
                }
            }
            refusedLast = refused;
            if (!running) {
                break;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private void readLoop(Connection c, DataInputStream in) throws IOException {
        LeaseWire.Frame frame;
        while ((frame = LeaseWire.readFrame(in)) != null) {
            List<?> results = null;
            Throwable error = null;
            if (frame.type() == LeaseWire.FAILED && frame.correlationId() == LeaseWire.REFUSAL) {
                throw new RefusedException(LeaseWire.decodeString(frame.payload()));
            }
            if (refusedLast) {
                refusedLast = false;
                down = false;
                log.info("DHCP4_LEASE_CLIENT_CONNECTED connected to lease-service at {} again", target());
            }
            switch (frame.type()) {
                case LeaseWire.RESULTS -> results = LeaseWire.decodeResults(frame.payload());
                case LeaseWire.RESULTS6 -> results = LeaseWire6.decodeResults(frame.payload());
                case LeaseWire.FAILED -> error = new IllegalStateException("lease-service failed the batch: "
                        + LeaseWire.decodeString(frame.payload()));
                default -> throw new LeaseWire.MalformedFrameException("unexpected frame type " + frame.type());
            }
            Outstanding o = outstanding.remove(frame.correlationId());
            if (o != null && results != null && (o.completion6 != null) != (frame.type() == LeaseWire.RESULTS6)) {
                complete(o, null, new IllegalStateException("lease-service answered a DHCPv" + (o.completion6 != null ? 6 : 4)
                        + " batch with a frame of type " + frame.type()));
                throw new LeaseWire.MalformedFrameException("answer of type " + frame.type() + " to a batch of the other family");
            }
            if (o != null) { // else it timed out already
                complete(o, results, error);
            }
        }
    }

    private void failAll(Connection c, IOException error) {
        for (Map.Entry<Long, Outstanding> e : outstanding.entrySet()) {
            Outstanding o = e.getValue();
            if (o.connection == c && outstanding.remove(e.getKey(), o)) {
                complete(o, null, error);
            }
        }
    }

    private void sweepLoop() {
        long timeoutMillis = timeoutNanos / 1_000_000;
        while (running) {
            try {
                Thread.sleep(DeadlineSweep.sleepMillis(!outstanding.isEmpty(), timeoutMillis, 50));
            } catch (InterruptedException e) {
                return;
            }
            expireOverdue();
        }
    }

    /**
     * Fails the batches unanswered past their deadline on the ticker; the sweeper calls it every
     * 50 ms while any is outstanding.
     */
    void expireOverdue() {
        long now = ticker.nanos();
        for (Map.Entry<Long, Outstanding> e : outstanding.entrySet()) {
            Outstanding o = e.getValue();
            if (now - o.deadline > 0 && outstanding.remove(e.getKey(), o)) {
                complete(o, null, new TimeoutException("lease-service did not answer within "
                        + Duration.ofNanos(timeoutNanos)));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        io.interrupt();
        sweeper.interrupt();
        IOException stopped = new IOException("lease client stopped");
        for (Map.Entry<Long, Outstanding> e : outstanding.entrySet()) {
            if (outstanding.remove(e.getKey(), e.getValue())) {
                complete(e.getValue(), null, stopped);
            }
        }
    }
}
