package io.dhcpsuite.lease.ha;

import io.dhcpsuite.config.ha.HaPeer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * queue (or has less than 50 ms of it left) fails unsent.</li>
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
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    enum Failure { COMMUNICATION, CONFLICT, ERROR, BUSY }

    /**
     * The commands of one family. DHCPv4: Kea has no bulk command, so the suite's
     * {@code lease4-bulk-apply} is asked for and used only with a partner that answers it.
     * DHCPv6: Kea's own HA sends {@code lease6-bulk-apply} (one per query), which Kea's lease_cmds
     * and the suite both take, so every peer gets batches and nothing is asked.
     */
    record Family(String service, String bulkCommand, String updateCommand, String deleteCommand, boolean bulkKnown) {
        static final Family V4 = new Family("dhcp4", "lease4-bulk-apply", "lease4-update", "lease4-del", false);
        static final Family V6 = new Family("dhcp6", "lease6-bulk-apply", "lease6-update", "lease6-del", true);
    }

    /** What the peer takes: not asked yet, being asked, the family's bulk command, or Kea's one-lease commands only. */
    enum Protocol { UNKNOWN, PROBING, BULK, SINGLE }

    private record Pending(HaLeaseUpdates.Update update, CompletableFuture<Void> done, long submitted) {
    }

    private final HaPeer peer;
    private final Family family;
    private final boolean gating;
    private final HaLeaseUpdates.Transport settings;
    private final URI url;
    private final String authorization;
    private final HttpClient http;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;
    /** The addresses of the updates in flight: a later update of one waits, so the peer applies them in order. */
    private final Set<String> addressesInFlight = new HashSet<>();
    private Protocol protocol = Protocol.UNKNOWN;
    /** An update with less time left than this is not sent: no answer could arrive in time. */
    private final long sendMargin;
    private long lastProbe = System.nanoTime() - PROBE_INTERVAL_NANOS;
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
    private final DistributionSummary batchSize;

    /** @param gating whether DHCP replies wait for this peer's acknowledgements */
    PeerChannel(HaPeer peer, boolean gating, HaLeaseUpdates.Transport settings, MeterRegistry meters) {
        this(peer, Family.V4, gating, settings, meters);
    }

    /** @param family the commands the updates go as (the {@code service} tag of the meters) */
    PeerChannel(HaPeer peer, Family family, boolean gating, HaLeaseUpdates.Transport settings, MeterRegistry meters) {
        this.peer = peer;
        this.family = family;
        if (family.bulkKnown() && settings.maxBatch() > 1) {
            protocol = Protocol.BULK;
        }
        this.gating = gating;
        this.settings = settings;
        this.sendMargin = Math.min(TimeUnit.MILLISECONDS.toNanos(50), settings.timeout().toNanos() / 4);
        this.url = peer.url();
        this.authorization = peer.basicAuthUser() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (peer.basicAuthUser() + ":" + (peer.basicAuthPassword() == null ? "" : peer.basicAuthPassword()))
                        .getBytes(StandardCharsets.UTF_8));
        this.http = httpClient(peer);
        Tags tags = Tags.of("peer", peer.name(), "role", peer.role().wire(), "service", family.service());
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
        batchSize = DistributionSummary.builder("ha.lease.update.batch").baseUnit("updates")
                .description("Lease updates per bulk-apply request to a peer that takes batches")
                .tags(tags).publishPercentiles(0.5, 0.99).register(meters);
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
        return submitAll(List.of(update)).getFirst();
    }

    /**
     * Sends {@code updates} (one transaction's) in order after those before them, in as few requests
     * as the peer takes; one future per update, in the same order.
     */
    List<CompletableFuture<Void>> submitAll(List<HaLeaseUpdates.Update> updates) {
        long now = System.nanoTime();
        List<CompletableFuture<Void>> done = new ArrayList<>(updates.size());
        List<Pending> refused = new ArrayList<>();
        List<Pending> expired = new ArrayList<>();
        List<Batch> batches;
        boolean probe = false;
        synchronized (this) {
            if (protocol == Protocol.UNKNOWN && settings.maxBatch() > 1 && now - lastProbe >= PROBE_INTERVAL_NANOS) {
                protocol = Protocol.PROBING;
                lastProbe = now;
                probe = true;
            }
            int perSlot = protocol == Protocol.BULK ? settings.maxBatch() : 1;
            int free = Math.max(0, slots() - inFlight);
            for (HaLeaseUpdates.Update u : updates) {
                Pending p = new Pending(u, new CompletableFuture<>(), now);
                done.add(p.done());
                if (waiting.size() < settings.queueLimit() + free * perSlot) {
                    waiting.add(p);
                } else {
                    refused.add(p);
                }
            }
            batches = takeBatches(expired);
        }
        if (probe) {
            probe();
        }
        for (Pending p : refused) {
            busy(p, settings.queueLimit() + " updates already wait for " + settings.connections() + " connections");
        }
        settleExpired(expired);
        batches.forEach(this::send);
        return done;
    }

    /**
     * Requests in flight at most: {@code connections}, or {@code bulk-connections} to a peer that
     * takes batches, so that under load updates wait a moment and leave many per request rather
     * than a few per request on many connections (each request costs both peers more than an
     * update in it).
     */
    private int slots() {
        return protocol == Protocol.BULK ? Math.min(settings.connections(), settings.bulkConnections()) : settings.connections();
    }

    /** Updates that go in one request: one Kea command, or a bulk-apply. */
    private record Batch(List<Pending> items, boolean bulk) {
    }

    /**
     * With the lock held: while a connection is free and updates wait, the oldest that still have
     * time, as many as the peer takes in one request (one per address, since the partner applies
     * a batch's deletions first), each batch taking a connection. An update of an address that
     * is in flight waits for its answer, with those behind it: two requests on two connections
     * can reach the peer in either order, and a deletion must not overtake the update before it.
     */
    private List<Batch> takeBatches(List<Pending> expired) {
        List<Batch> out = new ArrayList<>(1);
        boolean bulk = protocol == Protocol.BULK;
        int max = bulk ? settings.maxBatch() : 1;
        long now = System.nanoTime();
        while (inFlight < slots() && !waiting.isEmpty()) {
            List<Pending> batch = new ArrayList<>(Math.min(max, waiting.size()));
            Set<String> addresses = new HashSet<>();
            while (batch.size() < max) {
                Pending p = waiting.peek();
                if (p == null) {
                    break;
                }
                if (now - p.submitted() >= settings.timeout().toNanos() - sendMargin) {
                    expired.add(waiting.poll());
                    continue;
                }
                if (addressesInFlight.contains(p.update().address()) || !addresses.add(p.update().address())) {
                    break;
                }
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                break;
            }
            inFlight++;
            addressesInFlight.addAll(addresses);
            out.add(new Batch(batch, bulk));
        }
        return out;
    }

    private void settleExpired(List<Pending> expired) {
        for (Pending p : expired) {
            busy(p, "waited " + settings.timeout().toMillis() + " ms for a connection");
        }
    }

    /** Puts {@code batch} on the connection it holds. */
    private void send(Batch batch) {
        Pending first = batch.items().getFirst();
        long left = settings.timeout().toNanos() - (System.nanoTime() - first.submitted());
        String body;
        if (batch.bulk()) {
            StringBuilder leases = new StringBuilder();
            StringBuilder deleted = new StringBuilder();
            for (Pending p : batch.items()) {
                StringBuilder to = p.update().delete() ? deleted : leases;
                to.append(to.isEmpty() ? "" : ",").append(p.update().lease());
            }
            body = "{\"command\":\"" + family.bulkCommand() + "\",\"service\":[\"" + family.service()
                    + "\"],\"arguments\":{\"origin\":\"ha-partner\","
                    + "\"deleted-leases\":[" + deleted + "],\"leases\":[" + leases + "]}}";
        } else {
            body = first.update().body();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofNanos(Math.max(left, 1_000_000)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        sent.addAndGet(batch.items().size());
        sentCounter.increment(batch.items().size());
        if (batch.bulk()) {
            batchSize.record(batch.items().size());
        }
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
            try {
                if (batch.bulk()) {
                    bulkOutcome(batch.items(), r, error);
                } else {
                    outcome(first, r, error);
                }
            } finally {
                next(batch);
            }
        });
    }

    /** {@code done} is answered: its connection takes the next batch, if any waits. */
    private void next(Batch done) {
        List<Pending> expired = new ArrayList<>();
        List<Batch> batches;
        synchronized (this) {
            inFlight--;
            for (Pending p : done.items()) {
                addressesInFlight.remove(p.update().address());
            }
            batches = takeBatches(expired);
        }
        settleExpired(expired);
        batches.forEach(this::send);
    }

    /**
     * Whether the peer takes the family's bulk command (DHCPv4 only; see {@link Family}): one empty one, sent beside the first update
     * (not holding a connection slot). A suite answers 0; a Kea answers 2 (unknown command), or
     * HTTP 403 with restrict-commands, and then gets only Kea's one-lease commands. Any other
     * outcome leaves the question open, asked again at most once a second; until an answer says
     * yes, updates go one by one as Kea's commands.
     */
    private void probe() {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"" + family.bulkCommand()
                        + "\",\"service\":[\"" + family.service() + "\"],\"arguments\":{\"origin\":\"ha-partner\",\"deleted-leases\":[],\"leases\":[]}}"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
            Protocol learnt = error != null ? Protocol.UNKNOWN
                    : r.statusCode() == 403 ? Protocol.SINGLE
                    : switch (result(r.body())) {
                        case 0 -> Protocol.BULK;
                        case 2 -> Protocol.SINGLE;
                        default -> Protocol.UNKNOWN;
                    };
            synchronized (this) {
                if (protocol == Protocol.PROBING) {
                    protocol = learnt;
                }
            }
            if (learnt != Protocol.UNKNOWN) {
                log.info("HA_LEASE_UPDATES_PROTOCOL lease updates to {} ({}) go {}", peer.name(), url,
                        learnt == Protocol.BULK ? "in batches of up to " + settings.maxBatch() + " (" + family.bulkCommand() + ")"
                                : "one lease per command (" + family.updateCommand() + ", " + family.deleteCommand() + ")");
            }
        });
    }

    /** What the peer is known to take (tests, the status). */
    synchronized Protocol protocol() {
        return protocol;
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
        settle(p, result(r.body()), r.statusCode(), null);
    }

    /**
     * One update's answer: 0, or 3 (nothing to delete: the partner already is where the update
     * leads, as Kea's HA accepts it), is an acknowledgement; 4 a conflict that counts the client;
     * anything else an error (not Kea's answer at all: a communication failure).
     */
    private void settle(Pending p, int result, int status, String message) {
        HaLeaseUpdates.Update u = p.update();
        if (result == 0 || result == 3) {
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
                + (message == null ? "" : " (" + message + ")")
                + (result < 0 ? " (HTTP " + status + ", not Kea's answer)" : ""), null);
    }

    /**
     * A bulk-apply's answer: each update is settled with its own result, 0 unless the
     * partner named its address in {@code failed-leases} or {@code failed-deleted-leases}; a
     * transport failure fails them all. A partner that no longer knows the command (answer 2, or
     * HTTP 403: a Kea took the suite's place) gets the same updates again one by one, as Kea's
     * commands, and from then on only those.
     */
    private void bulkOutcome(List<Pending> batch, HttpResponse<String> r, Throwable error) {
        if (error != null) {
            communicationFailed.set(true);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            for (Pending p : batch) {
                fail(p, Failure.COMMUNICATION, p.update().command() + " for " + p.update().address() + " to " + peer.name()
                        + " (" + url + ", " + family.bulkCommand() + " of " + batch.size() + ") failed: " + cause, cause);
            }
            return;
        }
        JsonNode answer = answer(r.body());
        int result = answer == null || !answer.has("result") ? -1 : answer.get("result").asInt();
        if (r.statusCode() == 403 || result == 2) {
            synchronized (this) {
                protocol = Protocol.SINGLE;
                for (int i = batch.size() - 1; i >= 0; i--) {
                    waiting.addFirst(batch.get(i));
                }
            }
            log.info("HA_LEASE_UPDATES_PROTOCOL {} ({}) no longer takes {}: lease updates go one lease per command",
                    peer.name(), url, family.bulkCommand());
            return;
        }
        if (result != 0) {
            String text = answer == null ? null : answer.path("text").asString(null);
            for (Pending p : batch) {
                settle(p, result, r.statusCode(), text);
            }
            return;
        }
        Map<String, JsonNode> failedByAddress = new HashMap<>();
        for (String key : List.of("failed-leases", "failed-deleted-leases")) {
            for (JsonNode f : answer.path("arguments").path(key)) {
                failedByAddress.put(f.path("ip-address").asString(""), f);
            }
        }
        for (Pending p : batch) {
            JsonNode f = failedByAddress.get(p.update().address());
            if (f == null) {
                settle(p, 0, r.statusCode(), null);
            } else {
                settle(p, f.path("result").asInt(1), r.statusCode(), f.path("error-message").asString(null));
            }
        }
    }

    private void fail(Pending p, Failure f, String message, Throwable cause) {
        failed.incrementAndGet();
        failedCounters.get(f).increment();
        p.done().completeExceptionally(new IllegalStateException(message, cause));
    }

    /** The answer (the first element of Kea's list), or null if it is not JSON. */
    private static JsonNode answer(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.isArray() ? n.path(0) : n;
        } catch (RuntimeException e) {
            return null;
        }
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
