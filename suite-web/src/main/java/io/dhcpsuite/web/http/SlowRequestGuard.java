package io.dhcpsuite.web.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.servlet.Filter;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.ActionCode;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Closes connections that send their request too slowly ("slowloris"). Tomcat's
 * {@code connection-timeout} (10 s) bounds the wait for each read, not the request: a client that
 * sends a byte every few seconds keeps its connection, and 512 of them hold every slot of the
 * listener. Here a request must arrive whole, headers and the body its Content-Length announces,
 * within {@code request-read-timeout} of its first byte, and one client address may have at most
 * {@code max-incomplete-per-address} requests still arriving; beyond either, the connection's input
 * is shut down, so Tomcat reads the end of the stream and closes it (its worker, if one was blocked
 * on the body, is freed at once). A request that has arrived may take as long as its command takes.
 *
 * <p>The checks run every 250 ms (each second while it has no connection) on one daemon thread
 * over the connector's open connections; they are counted, and logged at most once per 10 s as
 * {@code HTTP_SLOW_REQUESTS_CLOSED} with the addresses.
 */
public final class SlowRequestGuard implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private static final Logger log = LoggerFactory.getLogger(SlowRequestGuard.class);
    private final Duration timeout;
    private final int maxPerAddress;
    /**
     * Bodies being read by a command, by the client's address and port: while a worker reads a
     * body Tomcat does not show the request on its connection, so {@link BodyFilter} says here.
     */
    private final Map<String, Body> bodies = new ConcurrentHashMap<>();

    /** A body being read: since when, and whether it has all come. */
    static final class Body {
        final long started = System.nanoTime();
        volatile boolean done;
    }

    /** The filter that reports bodies being read; register it before any filter that reads one. */
    public Filter bodyFilter() {
        return new BodyFilter(bodies);
    }

    public SlowRequestGuard(Duration timeout, int maxPerAddress) {
        if (timeout.isNegative() || timeout.isZero() || maxPerAddress < 1) {
            throw new IllegalArgumentException("suite.http.request-read-timeout must be positive and"
                    + " suite.http.max-incomplete-per-address at least 1");
        }
        this.timeout = timeout;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!Http11NioProtocol.class.getName().equals(factory.getProtocol())
                && !"HTTP/1.1".equals(factory.getProtocol())) {
            return; // another connector was chosen on purpose: leave it alone
        }
        factory.setProtocol(Protocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof Protocol p) {
                p.guard = this;
            }
        });
    }

    /** Tomcat's NIO HTTP/1.1 protocol with the guard's thread beside it. */
    public static final class Protocol extends Http11NioProtocol {
        private volatile SlowRequestGuard guard;
        private Map<String, Body> bodies = Map.of();
        private Thread reaper;
        private final AtomicLong closed = new AtomicLong();
        /** Connections whose input this thread has shut down already (until Tomcat drops them). */
        private final java.util.Set<SocketWrapperBase<NioChannel>> cut =
                java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

        /** Connections closed for a slow request since start. */
        public long closed() {
            return closed.get();
        }

        @Override
        public void start() throws Exception {
            super.start();
            SlowRequestGuard g = guard;
            if (g != null && reaper == null) {
                bodies = g.bodies;
                log.info("HTTP slow request guard: a request must arrive within {} s, at most {} unfinished per"
                        + " address", g.timeout.toSeconds(), g.maxPerAddress);
                reaper = Thread.ofPlatform().daemon().name("http-slow-request-guard").start(() -> run(g));
            }
        }

        @Override
        public void stop() throws Exception {
            if (reaper != null) {
                reaper.interrupt();
                reaper = null;
            }
            super.stop();
        }

        private void run(SlowRequestGuard g) {
            long timeoutNanos = g.timeout.toNanos();
            long lastLog = System.nanoTime();
            long logged = 0;
            Map<String, Long> byAddress = new HashMap<>();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    // every 250 ms while the listener has connections; an idle one is looked at each second
                    Thread.sleep(getEndpoint().getConnections().isEmpty() ? 1_000 : 250);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    sweep(timeoutNanos, g.maxPerAddress, byAddress);
                } catch (RuntimeException e) {
                    // a connection changed under the sweep; the next one sees it again
                    log.debug("slow request sweep: {}", e.toString());
                }
                long now = System.nanoTime();
                if (closed.get() > logged && now - lastLog > 10_000_000_000L) {
                    log.warn("HTTP_SLOW_REQUESTS_CLOSED {} connection(s) closed for sending their request more slowly"
                                    + " than {} s or beyond {} unfinished requests per address; by address: {}",
                            closed.get() - logged, g.timeout.toSeconds(), g.maxPerAddress, byAddress);
                    logged = closed.get();
                    lastLog = now;
                    byAddress.clear();
                }
            }
        }

        private void sweep(long timeoutNanos, int maxPerAddress, Map<String, Long> byAddress) {
            long now = System.nanoTime();
            Map<String, List<Arriving>> arriving = new HashMap<>();
            for (SocketWrapperBase<NioChannel> w : getEndpoint().getConnections()) {
                if (w.isClosed()) {
                    continue;
                }
                long started;
                if (w.getCurrentProcessor() instanceof AbstractProcessor p) {
                    Request req = p.getRequest();
                    started = req.getStartTimeNanos();
                    if (started <= 0 || !stillArriving(req)) {
                        continue;
                    }
                } else {
                    // a worker has it: a body being read, or between requests (Tomcat's keep-alive timeout)
                    Body body = bodies.get(w.getRemoteAddr() + ":" + w.getRemotePort());
                    if (body == null || body.done) {
                        continue;
                    }
                    started = body.started;
                }
                if (now - started > timeoutNanos) {
                    cut(w, byAddress);
                } else {
                    arriving.computeIfAbsent(w.getRemoteAddr(), a -> new ArrayList<>()).add(new Arriving(w, started));
                }
            }
            for (List<Arriving> list : arriving.values()) {
                if (list.size() > maxPerAddress) {
                    list.sort(Comparator.comparingLong(Arriving::started));
                    for (Arriving a : list.subList(maxPerAddress, list.size())) {
                        cut(a.wrapper(), byAddress);
                    }
                }
            }
        }

        /**
         * Headers still being read, or a body that has not all come yet. Tomcat 11 moves the stage
         * to PREPARE only once the headers are in; while they arrive it still shows the previous
         * request's last stage, and the request has a start time from its first byte.
         */
        private static boolean stillArriving(Request req) {
            int stage = req.getRequestProcessor().getStage();
            if (stage == Constants.STAGE_SERVICE) {
                long length = req.getContentLengthLong();
                if (length >= 0) {
                    return req.getBytesRead() < length;
                }
                AtomicBoolean fullyRead = new AtomicBoolean(true);
                req.action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
                return !fullyRead.get();
            }
            return stage != Constants.STAGE_PREPARE && stage != Constants.STAGE_ENDINPUT
                    && stage != Constants.STAGE_ENDOUTPUT;
        }

        private void cut(SocketWrapperBase<NioChannel> w, Map<String, Long> byAddress) {
            if (!cut.add(w)) {
                return;
            }
            try {
                w.getSocket().getIOChannel().shutdownInput();
                closed.incrementAndGet();
                byAddress.merge(w.getRemoteAddr(), 1L, Long::sum);
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        }

        private record Arriving(SocketWrapperBase<NioChannel> wrapper, long started) {
        }
    }
}
