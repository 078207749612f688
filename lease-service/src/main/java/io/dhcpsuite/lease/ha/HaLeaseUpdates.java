package io.dhcpsuite.lease.ha;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.ha.HaConfig;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaPeer;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChanges;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's lease updates to the active partner ({@code leases4_committed}): every lease a DHCP
 * exchange added or renewed goes to the partner as {@code lease4-update} with
 * {@code force-create} and {@code origin: "ha-partner"}, every deleted one as {@code lease4-del},
 * all of a transaction in parallel over HTTP (never on a packet thread, never one blocking call
 * per packet); the transaction's replies leave only when every update was acknowledged, and any
 * failure drops them, as Kea drops the query. Changes that did not come from DHCP traffic (lease
 * commands, updates and syncs received from the partner, reclamation) are never sent, so nothing
 * the partner sent comes back to it. Whether to send at all is ha-service's decision by HA state;
 * the outcomes (communication failures, clients whose update the partner rejected with result 4)
 * wait for ha-service to collect them.
 */
public final class HaLeaseUpdates {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HaRelationship relationship;
    private final HttpClient http;
    private final URI partner;
    private final String authorization;
    private volatile boolean sending;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /**
     * DHCP-driven transactions not sent because sending was off (partner-down, terminated): Kea's
     * unsent update count, reported in heartbeats so that a partner coming back from partner-down
     * knows it must synchronise before it serves again.
     */
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicBoolean communicationFailed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> rejected = new ConcurrentLinkedQueue<>();

    private HaLeaseUpdates(HaRelationship relationship) {
        this.relationship = relationship;
        HaPeer p = relationship == null ? null : relationship.partner();
        this.partner = p == null ? null : p.url();
        this.authorization = p == null || p.basicAuthUser() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((p.basicAuthUser() + ":" + p.basicAuthPassword()).getBytes(StandardCharsets.UTF_8));
        this.http = partner == null ? null : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** From the configuration's libdhcp_ha.so entry (first relationship); inactive without one. */
    public static HaLeaseUpdates of(Dhcp4Config config) {
        HaConfig ha = config == null ? null : HaConfigParser.fromHooks(config.hooksLibraries(), "Dhcp4/hooks-libraries");
        return new HaLeaseUpdates(ha == null ? null : ha.relationships().getFirst());
    }

    public boolean active() {
        return partner != null && relationship.sendLeaseUpdates();
    }

    public void sending(boolean on) {
        sending = on && active();
    }

    public boolean sending() {
        return sending;
    }

    /** The lease change listener's work (see {@link io.dhcpsuite.lease.store.LeaseChangeListener}). */
    public CompletionStage<Void> changed(LeaseChanges changes) {
        if (changes.origin() != LeaseChange.Origin.DHCP) {
            return null;
        }
        if (!sending) {
            if (active()) {
                unsent.incrementAndGet();
            }
            return null;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(changes.changes().size());
        for (LeaseChange c : changes.changes()) {
            acks.add(send(c));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(LeaseChange change) {
        Lease lease = change.lease();
        ObjectNode args = JSON.valueToTree(lease.toLease4());
        // Kea's lease commands read expire, not cltt (CommandCreator::insertLeaseExpireTime)
        args.put("expire", lease.cltt() + lease.validLft());
        args.remove("cltt");
        // Kea 2.2's lease parser knows no pool-id and takes no nulls
        for (String key : List.of("pool-id", "client-id", "hostname", "user-context")) {
            if (args.path(key).isNull()) {
                args.remove(key);
            }
        }
        args.put("origin", "ha-partner");
        String command;
        if (change.kind() == LeaseChange.Kind.DELETED && lease.state() != 3) {
            command = "lease4-del";
        } else {
            // a released lease (state 3) is sent as an update, as Kea 2.7 does
            command = "lease4-update";
            args.put("force-create", true);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("command", command);
        body.putArray("service").add("dhcp4");
        body.set("arguments", args);
        HttpRequest.Builder b = HttpRequest.newBuilder(partner).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        String clientKey = lease.hwAddress() + "/" + (lease.clientId() == null ? "" : lease.clientId());
        sent.incrementAndGet();
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .handle((r, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        communicationFailed.set(true);
                        throw new CompletionException("lease update to " + partner + " failed: " + error, error);
                    }
                    int result = result(r.body());
                    if (result == 0) {
                        acked.incrementAndGet();
                        return null;
                    }
                    failed.incrementAndGet();
                    if (result == 4) {
                        rejected.add(clientKey);
                    } else if (result < 0) {
                        communicationFailed.set(true);
                    }
                    throw new CompletionException(new IllegalStateException(
                            command + " for " + lease.addressText() + " answered " + result + " by " + partner));
                });
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

    /** The outcomes since the last call, for ha-service: counters, a failure flag, rejected clients. */
    public ObjectNode collect() {
        ObjectNode out = JSON.createObjectNode();
        out.put("sending", sending);
        out.put("sent", sent.get());
        out.put("acked", acked.get());
        out.put("failed", failed.get());
        out.put("unsent-update-count", unsent.get());
        out.put("communication-failed", communicationFailed.getAndSet(false));
        var list = out.putArray("rejected-clients");
        for (String c; (c = rejected.poll()) != null; ) {
            list.add(c);
        }
        return out;
    }
}
