package io.dhcpsuite.lease.ha;

import io.dhcpsuite.config.ha.HaPeer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lease updates to one peer. Policies:
 * <ul>
 * <li>At most {@code connections} updates are in flight, each on its own persistent (keep-alive)
 * HTTP/1.1 connection, so the peer's listener sees a few long-lived connections, not one new
 * connection per update. The rest wait in FIFO order, at most {@code queue-limit} of them (Kea's
 * {@code parked-packet-limit} plays this part); one more fails at once: the peer is too slow.</li>
 * <li>Every update has {@code timeout} from submission to acknowledgement, queueing included, so
 * nothing is sent whose reply dhcp-service has given up on; one that waited out its time in the
 * queue fails unsent.</li>
 * <li>A transport failure or timeout on the wire is a communication failure (Kea marks the partner
 * unavailable); a full queue or an expired wait is not (the peer answers, only slowly).</li>
 * <li>Nothing here blocks: submission takes a short lock, and completions run on the HTTP
 * client's threads.</li>
 * </ul>
 */
final class PeerChannel {
    private static final Logger log = LoggerFactory.getLogger(PeerChannel.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long BUSY_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    enum Failure { COMMUNICATION, CONFLICT, ERROR, BUSY }

    private record Pending(HaLeaseUpdates.Update update, CompletableFuture<Void> done, long submitted) {
    }

    private final HaPeer peer;
    private final boolean gating;
    private final HaLeaseUpdates.Transport settings;
    private final URI url;
    private final String authorization;
    private final HttpClient http;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean communicationFailed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> rejected = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastBusyWarning = new AtomicLong(System.nanoTime() - BUSY_WARNING_INTERVAL_NANOS);
    private final Counter sentCounter;
    private final Counter ackedCounter;
    private final Map<Failure, Counter> failedCounters = new EnumMap<>(Failure.class);
    private final Timer latency;

    /** @param gating whether DHCP replies wait for this peer's acknowledgements */
    PeerChannel(HaPeer peer, boolean gating, HaLeaseUpdates.Transport settings, MeterRegistry meters) {
        this.peer = peer;
        this.gating = gating;
        this.settings = settings;
        this.url = peer.url();
        this.authorization = peer.basicAuthUser() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (peer.basicAuthUser() + ":" + (peer.basicAuthPassword() == null ? "" : peer.basicAuthPassword()))
                        .getBytes(StandardCharsets.UTF_8));
        this.http = httpClient(peer);
        Tags tags = Tags.of("peer", peer.name(), "role", peer.role().wire());
        sentCounter = Counter.builder("ha.lease.updates.sent").description("Lease updates sent to an HA peer")
                .tags(tags).register(meters);
        ackedCounter = Counter.builder("ha.lease.updates.acked").description("Lease updates an HA peer acknowledged")
                .tags(tags).register(meters);
        for (Failure f : Failure.values()) {
            failedCounters.put(f, Counter.builder("ha.lease.updates.failed")
                    .description("Lease updates that failed: communication (transport error, timeout on the wire),"
                            + " conflict (result 4), error (another result), busy (queue full or waited too long)")
                    .tags(tags.and("reason", f.name().toLowerCase())).register(meters));
        }
        latency = Timer.builder("ha.lease.update").description("From a lease update's submission to its acknowledgement")
                .tags(tags).publishPercentiles(0.5, 0.99).register(meters);
        meters.gauge("ha.lease.updates.pending", tags, this, PeerChannel::pending);
    }

    /**
     * The HTTP client to one peer: HTTP/1.1 with keep-alive (the JDK client pools connections per
     * origin; {@link #submit} bounds how many are used at once). The one place where TLS to the
     * peer ({@code https} urls, its {@code trust-anchor}/{@code cert-file}/{@code key-file}) goes.
     */
    static HttpClient httpClient(HaPeer peer) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2));
        if (peer.tls()) {
            // the same files and checks as ha-service's client to the peer (Kea's HA client TLS)
            b.sslContext(io.dhcpsuite.api.tls.PeerTls.client(java.nio.file.Path.of(peer.trustAnchor()),
                    java.nio.file.Path.of(peer.certFile()), java.nio.file.Path.of(peer.keyFile())));
        }
        return b.build();
    }

    String name() {
        return peer.name();
    }

    boolean gating() {
        return gating;
    }

    private synchronized int pending() {
        return inFlight + waiting.size();
    }

    /** Sends {@code update} now or after those before it; completes when acknowledged, exceptionally on any failure. */
    CompletableFuture<Void> submit(HaLeaseUpdates.Update update) {
        Pending p = new Pending(update, new CompletableFuture<>(), System.nanoTime());
        synchronized (this) {
            if (inFlight >= settings.connections()) {
                if (waiting.size() >= settings.queueLimit()) {
                    busy(p, settings.queueLimit() + " updates already wait for " + settings.connections()
                            + " connections");
                    return p.done();
                }
                waiting.add(p);
                return p.done();
            }
            inFlight++;
        }
        send(p);
        return p.done();
    }

    private void send(Pending p) {
        long left = settings.timeout().toNanos() - (System.nanoTime() - p.submitted());
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofNanos(Math.max(left, 1_000_000)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(p.update().body()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        sent.incrementAndGet();
        sentCounter.increment();
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
            try {
                outcome(p, r, error);
            } finally {
                next();
            }
        });
    }

    /** A connection is free: the oldest waiting update that still has time goes on it. */
    private void next() {
        Pending p;
        while (true) {
            synchronized (this) {
                p = waiting.poll();
                if (p == null) {
                    inFlight--;
                    return;
                }
            }
            if (System.nanoTime() - p.submitted() < settings.timeout().toNanos()) {
                break;
            }
            busy(p, "waited " + settings.timeout().toMillis() + " ms for a connection");
        }
        send(p);
    }

    private void busy(Pending p, String why) {
        fail(p, Failure.BUSY, p.update().command() + " for " + p.update().address() + " not sent to " + peer.name()
                + ": " + why + " (the peer answers too slowly)", null);
        long last = lastBusyWarning.get();
        long now = System.nanoTime();
        if (now - last >= BUSY_WARNING_INTERVAL_NANOS && lastBusyWarning.compareAndSet(last, now)) {
            log.warn("HA_LEASE_UPDATES_BUSY lease updates to {} ({}) back up: {}; DHCP replies that wait for them are"
                    + " dropped until it catches up", peer.name(), url, why);
        }
    }

    private void outcome(Pending p, HttpResponse<String> r, Throwable error) {
        HaLeaseUpdates.Update u = p.update();
        if (error != null) {
            communicationFailed.set(true);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            fail(p, Failure.COMMUNICATION, u.command() + " for " + u.address() + " to " + peer.name() + " (" + url
                    + ") failed: " + cause, cause);
            return;
        }
        int result = result(r.body());
        if (result == 0) {
            acked.incrementAndGet();
            ackedCounter.increment();
            latency.record(System.nanoTime() - p.submitted(), TimeUnit.NANOSECONDS);
            p.done().complete(null);
            return;
        }
        Failure f = result == 4 ? Failure.CONFLICT : Failure.ERROR;
        if (result == 4) {
            rejected.add(u.clientKey());
        } else if (result < 0) {
            communicationFailed.set(true);
        }
        fail(p, f, u.command() + " for " + u.address() + " answered " + result + " by " + peer.name()
                + (result < 0 ? " (HTTP " + r.statusCode() + ", not Kea's answer)" : ""), null);
    }

    private void fail(Pending p, Failure f, String message, Throwable cause) {
        failed.incrementAndGet();
        failedCounters.get(f).increment();
        p.done().completeExceptionally(new IllegalStateException(message, cause));
    }

    /** The answer's result, -1 if it is not Kea's JSON. */
    private static int result(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n.isArray()) {
                n = n.path(0);
            }
            return n.has("result") ? n.get("result").asInt() : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Counters, the failure flag (reset) and the rejected clients (drained) into {@code out}. */
    void collect(ObjectNode out) {
        out.put("sent", sent.get());
        out.put("acked", acked.get());
        out.put("failed", failed.get());
        out.put("pending", pending());
        out.put("communication-failed", communicationFailed.getAndSet(false));
        var list = out.putArray("rejected-clients");
        for (String c; (c = rejected.poll()) != null; ) {
            list.add(c);
        }
    }
}
