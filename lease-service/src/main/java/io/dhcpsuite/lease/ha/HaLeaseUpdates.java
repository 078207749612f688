package io.dhcpsuite.lease.ha;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.ha.HaConfig;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaMode;
import io.dhcpsuite.config.ha.HaPeer;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.HaRole;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's lease updates ({@code leases4_committed}): every lease a DHCP exchange added or renewed
 * goes to the other servers as {@code lease4-update} with {@code force-create} and
 * {@code origin: "ha-partner"}, every deleted one as {@code lease4-del} (a released one as an
 * update). Policies:
 * <ul>
 * <li>The active partner gets updates while ha-service says so ({@link Mode#SEND}: load-balancing,
 * hot-standby, partner-in-maintenance); the transaction's replies leave only when every update
 * is answered, and the replies of the operations whose updates failed are dropped, as Kea drops
 * those queries ({@link ChangesNotAcknowledged}). With sending off, each
 * transaction counts as an unsent update (Kea's {@code unsent-update-count}).</li>
 * <li>In {@link Mode#QUEUE} (communication-recovery) the partner's updates wait in a backlog of at
 * most {@code delayed-updates-limit} and replies are not gated; one more overflows it, which
 * ha-service answers with a full synchronisation, as Kea does. {@link #flushBacklog} sends it.</li>
 * <li>Backups always get updates (unless this server is a backup), best effort: their failures are
 * counted, and replies wait for them only with {@code wait-backup-ack}.</li>
 * <li>Only changes of DHCP traffic are sent: nothing received from the partner goes back to it.</li>
 * <li>Each peer is a {@link PeerChannel}: a few persistent connections and a bounded queue, so a
 * slow partner costs dropped replies within a deadline, never threads or unbounded memory.</li>
 * </ul>
 * The outcomes (communication failures, clients the partner rejected with result 4, the backlog)
 * wait for ha-service to collect them.
 */
public final class HaLeaseUpdates {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The transport to each peer (see {@link PeerChannel}).
     *
     * @param connections at most this many requests in flight (and connections open) to one peer
     * @param queueLimit  at most this many updates waiting for a connection
     * @param timeout     from submission to acknowledgement
     * @param maxBatch    at most this many updates in one {@code lease4-bulk-apply} to a partner that
     *                    takes it (a suite); 1 sends Kea's one-lease commands to every partner
     * @param bulkConnections at most this many {@code lease4-bulk-apply} requests in flight (and at
     *                    most {@code connections})
     */
    public record Transport(int connections, int queueLimit, Duration timeout, int maxBatch, int bulkConnections) {
        public static final int DEFAULT_MAX_BATCH = 128;
        public static final int DEFAULT_BULK_CONNECTIONS = 2;
        public static final Transport DEFAULT = new Transport(8, 256, Duration.ofMillis(1500), DEFAULT_MAX_BATCH,
                DEFAULT_BULK_CONNECTIONS);

        public Transport {
            if (connections < 1) {
                throw new IllegalArgumentException("connections: " + connections + " is less than 1");
            }
            if (queueLimit < 0) {
                throw new IllegalArgumentException("queue-limit: " + queueLimit + " is negative");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: " + timeout + " is not positive");
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("max-batch: " + maxBatch + " is less than 1");
            }
            if (bulkConnections < 1) {
                throw new IllegalArgumentException("bulk-connections: " + bulkConnections + " is less than 1");
            }
        }

        public Transport(int connections, int queueLimit, Duration timeout) {
            this(connections, queueLimit, timeout, DEFAULT_MAX_BATCH, DEFAULT_BULK_CONNECTIONS);
        }

        public Transport(int connections, int queueLimit, Duration timeout, int maxBatch) {
            this(connections, queueLimit, timeout, maxBatch, DEFAULT_BULK_CONNECTIONS);
        }
    }

    /** What ha-service asks for the active partner's updates. */
    public enum Mode { OFF, SEND, QUEUE }

    private final PeerChannel partner;
    private final List<PeerChannel> backups;
    private final boolean active;
    private final long backlogLimit;
    private volatile Mode mode = Mode.OFF;
    /**
     * DHCP-driven transactions not sent because sending was off (partner-down, terminated): Kea's
     * unsent update count, reported in heartbeats so that a partner coming back from partner-down
     * knows it must synchronise before it serves again.
     */
    private final AtomicLong unsent = new AtomicLong();
    private final ArrayDeque<Update> backlog = new ArrayDeque<>();
    private boolean backlogOverflowed;

    /**
     * One update: the Kea command as it goes on the wire to a Kea partner ({@code body}), the lease
     * alone as an entry of a suite partner's {@code lease4-bulk-apply} ({@code lease}), and the
     * client it is about (for result 4).
     */
    record Update(String command, String body, String lease, String clientKey, String address) {
        boolean delete() {
            return command.endsWith("-del");
        }
    }

    private final PeerChannel.Family family;

    private HaLeaseUpdates(HaRelationship r, Transport settings, MeterRegistry meters) {
        this(r, PeerChannel.Family.V4, settings, meters);
    }

    private HaLeaseUpdates(HaRelationship r, PeerChannel.Family family, Transport settings, MeterRegistry meters) {
        this.family = family;
        boolean sender = r != null && r.sendLeaseUpdates() && r.thisServer().role() != HaRole.BACKUP;
        HaPeer p = sender ? r.partner() : null;
        this.partner = p == null ? null : new PeerChannel(p, family, true, settings, meters);
        List<PeerChannel> b = new ArrayList<>();
        if (sender) {
            boolean waitBackups = r.mode() == HaMode.PASSIVE_BACKUP && r.waitBackupAck();
            for (HaPeer peer : r.backups()) {
                b.add(new PeerChannel(peer, family, waitBackups, settings, meters));
            }
        }
        this.backups = List.copyOf(b);
        this.active = partner != null || !backups.isEmpty();
        this.backlogLimit = r == null ? 0 : r.delayedUpdatesLimit();
        if (partner != null) {
            meters.gauge("ha.lease.updates.backlog", List.of(io.micrometer.core.instrument.Tag.of("peer", p.name()),
                    io.micrometer.core.instrument.Tag.of("service", family.service())),
                    this, u -> u.backlogSize());
        }
    }

    /** From the configuration's libdhcp_ha.so entry (first relationship); inactive without one. */
    public static HaLeaseUpdates of(Dhcp4Config config) {
        return of(config, Transport.DEFAULT, new SimpleMeterRegistry());
    }

    public static HaLeaseUpdates of(Dhcp4Config config, Transport settings, MeterRegistry meters) {
        HaConfig ha = config == null ? null : HaConfigParser.fromHooks(config.hooksLibraries(), "Dhcp4/hooks-libraries");
        return of(ha == null ? null : ha.relationships().getFirst(), settings, meters);
    }

    /** The updates of one relationship (a hub has one per relationship, see {@link HaLeaseUpdateRelationships}). */
    public static HaLeaseUpdates of(HaRelationship relationship, Transport settings, MeterRegistry meters) {
        return new HaLeaseUpdates(relationship, settings, meters);
    }

    /**
     * The DHCPv6 updates of a {@code Dhcp6} relationship (null: inactive): the same policies, sent
     * as {@code lease6-bulk-apply} to every peer (Kea's HA does so for DHCPv6, and Kea's lease_cmds
     * and the suite both take it), as {@code lease6-update}/{@code lease6-del} to one that refuses it.
     */
    public static HaLeaseUpdates of6(HaRelationship relationship, Transport settings, MeterRegistry meters) {
        return new HaLeaseUpdates(relationship, PeerChannel.Family.V6, settings, meters);
    }

    /** Whether this server sends lease updates to anyone (a partner or backups). */
    public boolean active() {
        return active;
    }

    /** ha-service's choice for the partner; leaving {@link Mode#QUEUE} drops the backlog, as Kea does. */
    public void mode(Mode m) {
        Mode next = partner == null ? Mode.OFF : m;
        synchronized (backlog) {
            if (next != Mode.QUEUE) {
                backlog.clear();
                backlogOverflowed = false;
            }
            mode = next;
        }
    }

    public Mode mode() {
        return mode;
    }

    /** What the partner is known to take (null without a partner). */
    PeerChannel.Protocol partnerProtocol() {
        return partner == null ? null : partner.protocol();
    }

    /** The lease change listener's work (see {@link io.dhcpsuite.lease.store.LeaseChangeListener}). */
    public CompletionStage<Void> changed(LeaseChanges changes) {
        if (changes.origin() != LeaseChange.Origin.DHCP || !active) {
            return null;
        }
        List<Update> updates = new ArrayList<>(changes.changes().size());
        for (LeaseChange c : changes.changes()) {
            updates.add(update(c));
        }
        return send(updates);
    }

    /**
     * The same for one v6 transaction's changes (Kea's {@code leases6_committed}); a failure names
     * the indexes of the changes whose updates failed.
     */
    public CompletionStage<Void> changed6(List<io.dhcpsuite.lease.v6.Lease6Change> changes) {
        if (!active || changes.isEmpty() || changes.getFirst().origin() != LeaseChange.Origin.DHCP) {
            return null;
        }
        List<Update> updates = new ArrayList<>(changes.size());
        for (io.dhcpsuite.lease.v6.Lease6Change c : changes) {
            updates.add(update6(c));
        }
        return send(updates);
    }

    /** Sends one transaction's updates to the partner (per the mode) and the backups; the gate of its replies, or null. */
    private CompletionStage<Void> send(List<Update> updates) {
        List<CompletableFuture<Void>> gates = new ArrayList<>();
        List<Integer> gateChange = new ArrayList<>();
        if (partner != null) {
            // a flush that just emptied the backlog turns QUEUE into SEND: then these are sent
            if (mode != Mode.QUEUE || !queue(updates)) {
                if (mode == Mode.SEND) {
                    List<CompletableFuture<Void>> acks = partner.submitAll(updates);
                    for (int i = 0; i < updates.size(); i++) {
                        gates.add(acks.get(i));
                        gateChange.add(i);
                    }
                } else {
                    unsent.incrementAndGet();
                }
            }
        }
        for (PeerChannel b : backups) {
            List<CompletableFuture<Void>> acks = b.submitAll(updates);
            for (int i = 0; i < updates.size(); i++) {
                CompletableFuture<Void> ack = acks.get(i);
                if (b.gating()) {
                    gates.add(ack);
                    gateChange.add(i);
                }
            }
        }
        if (gates.isEmpty()) {
            return null;
        }
        return CompletableFuture.allOf(gates.toArray(CompletableFuture[]::new)).handle((ok, error) -> {
            if (error == null) {
                return null;
            }
            // only the replies of the operations whose updates failed are dropped
            BitSet failed = new BitSet(updates.size());
            Throwable first = null;
            for (int g = 0; g < gates.size(); g++) {
                if (gates.get(g).isCompletedExceptionally()) {
                    failed.set(gateChange.get(g));
                    if (first == null) {
                        first = gates.get(g).exceptionNow();
                    }
                }
            }
            throw new ChangesNotAcknowledged(failed, first == null ? String.valueOf(error) : first.getMessage(), first);
        });
    }

    /** Adds to the backlog; false if the mode is no longer QUEUE. Overflow is remembered, not refused. */
    private boolean queue(List<Update> updates) {
        synchronized (backlog) {
            if (mode != Mode.QUEUE) {
                return false;
            }
            for (Update u : updates) {
                if (backlog.size() >= backlogLimit) {
                    backlogOverflowed = true;
                } else {
                    backlog.add(u);
                }
            }
            return true;
        }
    }

    private int backlogSize() {
        synchronized (backlog) {
            return backlog.size();
        }
    }

    /**
     * Sends the backlog to the partner one update after another, in order, as Kea does when
     * communication returns; completes with true once it is empty (updates queued meanwhile
     * included; the mode is then {@link Mode#SEND}, so none slips between), false at the first
     * failure or when the backlog had overflowed (the partner must synchronise instead).
     */
    public CompletableFuture<Boolean> flushBacklog() {
        if (partner == null) {
            return CompletableFuture.completedFuture(true);
        }
        Update next;
        synchronized (backlog) {
            if (backlogOverflowed) {
                return CompletableFuture.completedFuture(false);
            }
            next = backlog.poll();
            if (next == null) {
                if (mode == Mode.QUEUE) {
                    mode = Mode.SEND;
                }
                return CompletableFuture.completedFuture(true);
            }
        }
        return partner.submit(next).handle((ok, error) -> error == null)
                .thenCompose(ok -> ok ? flushBacklog() : CompletableFuture.completedFuture(false));
    }

    private static Update update(LeaseChange change) {
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
        String leaseOnly = args.toString();
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
        String clientKey = lease.hwAddress() + "/" + (lease.clientId() == null ? "" : lease.clientId());
        return new Update(command, body.toString(), leaseOnly, clientKey, lease.addressText());
    }

    /**
     * A v6 change as Kea's HA sends it: the lease as {@code Lease6::toElement} with {@code expire}
     * for {@code cltt} and no nulls; a deleted lease goes in {@code deleted-leases} (alone:
     * {@code lease6-del}), any other, a released one included, in {@code leases}
     * ({@code lease6-update} with {@code force-create}).
     */
    static Update update6(io.dhcpsuite.lease.v6.Lease6Change change) {
        io.dhcpsuite.api.lease.Lease6 lease = change.lease();
        ObjectNode args = io.dhcpsuite.lease.v6.command.Lease6Commands.json(lease);
        args.put("expire", lease.cltt() + lease.validLft());
        args.remove("cltt");
        List<String> nulls = new ArrayList<>();
        args.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        });
        nulls.forEach(args::remove);
        String leaseOnly = args.toString();
        args.put("origin", "ha-partner");
        String command;
        if (change.kind() == LeaseChange.Kind.DELETED && lease.state() != 3) {
            command = PeerChannel.Family.V6.deleteCommand();
        } else {
            command = PeerChannel.Family.V6.updateCommand();
            args.put("force-create", true);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("command", command);
        body.putArray("service").add("dhcp6");
        body.set("arguments", args);
        return new Update(command, body.toString(), leaseOnly, lease.duid(), lease.ipAddress());
    }

    /**
     * The outcomes since the last call, for ha-service: the partner's counters, a communication
     * failure flag, rejected clients, the backlog, and each backup's counters.
     */
    public ObjectNode collect() {
        ObjectNode out = JSON.createObjectNode();
        out.put("sending", mode == Mode.SEND);
        out.put("mode", mode.name().toLowerCase());
        out.put("unsent-update-count", unsent.get());
        synchronized (backlog) {
            out.put("backlog", backlog.size());
            out.put("backlog-overflowed", backlogOverflowed);
        }
        if (partner != null) {
            partner.collect(out);
        } else {
            out.put("sent", 0).put("acked", 0).put("failed", 0).put("communication-failed", false);
            out.putArray("rejected-clients");
        }
        var list = out.putArray("backups");
        for (PeerChannel b : backups) {
            ObjectNode o = list.addObject();
            o.put("server-name", b.name());
            b.collect(o);
            o.remove("rejected-clients");
        }
        return out;
    }
}
