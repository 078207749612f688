package io.dhcpsuite.ha.runtime;

import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.HaState;
import io.dhcpsuite.config.ha.QueryFilter;
import io.dhcpsuite.ha.command.CommandCreator;
import io.dhcpsuite.ha.peer.CommandClient;
import io.dhcpsuite.ha.peer.PeerUnavailableException;
import io.dhcpsuite.ha.state.CommunicationState;
import io.dhcpsuite.ha.state.HaStateMachine;
import io.dhcpsuite.ha.sync.LeaseSync;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One relationship at run time. Policies:
 * <ul>
 * <li>Only the HA thread changes the state machine; commands that change it run there, so a
 * long sync delays them but never races them. Heartbeat answers and status read snapshots and
 * are never delayed by a sync (a partner must not see us as down because we are pulling its
 * leases).</li>
 * <li>A heartbeat goes out {@code heartbeat-delay} after the previous one while the state
 * heartbeats; any non-success answer counts as a failed exchange.</li>
 * <li>The local dhcp-service is told the state's enable/disable (origin 1000+relationship) and
 * the scopes to serve on every change and again every few seconds, so a restarted dhcp-service
 * cannot keep serving in a state where it must not.</li>
 * <li>While communication is interrupted, dhcp-service samples the partner-scope queries it drops
 * and each tick feeds them to the unacked-clients analysis before the state machine runs.</li>
 * </ul>
 */
public final class HaRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HaRuntime.class);
    static final Duration TICK = Duration.ofMillis(100);
    static final Duration REASSERT_DHCP = Duration.ofSeconds(5);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final DateTimeFormatter SYSTEM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HaRelationship config;
    private final Clock clock;
    private final CommunicationState comm;
    private final QueryFilter filter;
    private final HaStateMachine machine;
    private final CommandClient partner;
    private final CommandClient dhcp;
    private final CommandClient leases;
    private final LeaseSync sync;
    private final ScheduledExecutorService thread;
    private volatile HaState published;
    private Instant nextHeartbeat;
    private Boolean dhcpApplied;
    private Instant dhcpAppliedAt;
    /** What lease-service was last told for the partner's updates: send, queue or off. */
    private String updatesApplied;
    /** lease-service's count of DHCP changes it did not send, for our heartbeat answers. */
    private volatile long unsentUpdates;
    private long leaseUpdatesAcked;
    private Instant updatesAppliedAt;
    private List<String> pushedScopes;
    private boolean pushedAnalyze;
    private Instant pushedAt;
    private boolean interruptedLogged;
    private final HaMetrics metrics;
    /** Kea's service this relationship belongs to: {@code dhcp4}, or {@code dhcp6} for the Dhcp6 section's. */
    private final String service;

    public HaRuntime(HaRelationship config, Clock clock, CommandClient partner, CommandClient dhcp, CommandClient leases) {
        this(config, clock, partner, dhcp, leases, new SimpleMeterRegistry());
    }

    /** @param registry where the relationship's meters go ({@link HaMetrics}) */
    public HaRuntime(HaRelationship config, Clock clock, CommandClient partner, CommandClient dhcp, CommandClient leases,
            MeterRegistry registry) {
        this(config, clock, partner, dhcp, leases, registry, null);
    }

    /**
     * @param registry    where the relationship's meters go ({@link HaMetrics})
     * @param syncSubnets the subnets of this relationship, whose leases a sync takes (a hub's
     *                    relationship); null for all
     */
    public HaRuntime(HaRelationship config, Clock clock, CommandClient partner, CommandClient dhcp, CommandClient leases,
            MeterRegistry registry, java.util.function.LongPredicate syncSubnets) {
        this(config, clock, partner, dhcp, leases, registry, syncSubnets, CommandCreator.DHCP4_SERVICE);
    }

    /**
     * @param service {@code dhcp4}, or {@code dhcp6} for the relationship of the DHCPv6 service: its
     *                commands to the partner and to the local services name that service, its sync
     *                pages are {@code lease6-get-page}
     */
    public HaRuntime(HaRelationship config, Clock clock, CommandClient partner, CommandClient dhcp, CommandClient leases,
            MeterRegistry registry, java.util.function.LongPredicate syncSubnets, String service) {
        this.service = service;
        this.config = config;
        this.clock = clock;
        this.comm = new CommunicationState(config, clock);
        this.filter = new QueryFilter(config);
        this.machine = new HaStateMachine(config, comm, filter);
        this.partner = partner;
        this.dhcp = dhcp;
        this.leases = leases;
        this.sync = new LeaseSync(config, partner, leases, syncSubnets, service);
        this.published = machine.state();
        this.nextHeartbeat = clock.instant();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ha-" + (service.equals(CommandCreator.DHCP4_SERVICE) ? "" : service + "-")
                    + config.thisServerName());
            t.setDaemon(true);
            return t;
        });
        this.metrics = new HaMetrics(registry, this);
    }

    public HaRelationship config() {
        return config;
    }

    /** {@code dhcp4} or {@code dhcp6}. */
    public String service() {
        return service;
    }

    /** A command to the local dhcp-service or lease-service, for this relationship's service. */
    private CommandRequest local(String command, ObjectNode args) {
        return CommandCreator.forService(new CommandRequest(command, null, args), service);
    }

    /** A command to the partner, naming this relationship's service. */
    private CommandRequest toPartner(CommandRequest request) {
        return CommandCreator.forService(request, service);
    }

    /**
     * The arguments of a command to the local dhcp-service or lease-service: this relationship's
     * server name, so that a hub's services apply it to this relationship.
     */
    private ObjectNode internalArgs() {
        ObjectNode a = JSON.objectNode();
        a.put("server-name", config.thisServerName());
        return a;
    }

    public void start() {
        log.info("HA_SERVICE_STARTED started high availability service in {} mode as {} server",
                config.mode().wire(), config.thisServer().role().wire());
        thread.scheduleWithFixedDelay(this::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("HA tick failed: {}", e.toString(), e);
        }
    }

    /** One round of the HA thread; package-private so tests can drive it with a moved clock. */
    void tick() {
        Instant now = clock.instant();
        if (machine.heartbeating() && !now.isBefore(nextHeartbeat)) {
            heartbeat();
        }
        logInterruption();
        analyzeConnectingClients();
        collectLeaseUpdateOutcomes();
        for (int i = 0; i < 8; i++) {
            HaState before = machine.state();
            HaStateMachine.Action action = machine.step();
            perform(action);
            publish(before);
            if (action == HaStateMachine.Action.NONE && machine.state() == before) {
                break;
            }
        }
        if (machine.state() == HaState.HOT_STANDBY || machine.state() == HaState.LOAD_BALANCING) {
            comm.partnerInSync();
        }
        applyNetworkState();
        pushScopes();
        applyLeaseUpdates();
    }

    /**
     * Tells lease-service whether DHCP-driven lease changes go to the partner now (Kea sends them
     * in load-balancing, hot-standby and partner-in-maintenance, and queues them in
     * communication-recovery), on change and every few seconds.
     */
    private void applyLeaseUpdates() {
        if (!config.sendLeaseUpdates()) {
            return;
        }
        String want = machine.sendingLeaseUpdates() ? "send" : machine.queueingLeaseUpdates() ? "queue" : "off";
        Instant now = clock.instant();
        if (want.equals(updatesApplied) && Duration.between(updatesAppliedAt, now).compareTo(REASSERT_DHCP) < 0) {
            return;
        }
        ObjectNode a = internalArgs();
        a.put("send", want.equals("send"));
        a.put("queue", want.equals("queue"));
        try {
            CommandResponse r = leases.send(local("ha-lease-updates-set", a), COMMAND_TIMEOUT);
            if (r.result() == ResultCode.SUCCESS) {
                if (!want.equals(updatesApplied)) {
                    log.info(switch (want) {
                        case "send" -> "HA_LEASE_UPDATES_ENABLED lease updates will be sent to the partner while in {} state";
                        case "queue" -> "HA_LEASE_UPDATES_QUEUED lease updates will be queued for the partner while in {} state";
                        default -> "HA_LEASE_UPDATES_DISABLED lease updates will not be sent to the partner while in {} state";
                    }, machine.state().wire().toUpperCase());
                }
                updatesApplied = want;
                updatesAppliedAt = now;
            }
        } catch (PeerUnavailableException e) {
            log.debug("lease-service not reachable yet: {}", e.getMessage());
        }
    }

    /**
     * What the lease updates lease-service sent came to: a communication failure marks the partner
     * unavailable (Kea), an acknowledged update counts as contact, a result 4 counts the client
     * towards max-rejected-lease-updates.
     */
    private void collectLeaseUpdateOutcomes() {
        if (updatesApplied == null) {
            return;
        }
        try {
            CommandResponse r = leases.send(local("ha-lease-updates-status", internalArgs()), COMMAND_TIMEOUT);
            JsonNode a = r.arguments();
            if (r.result() != ResultCode.SUCCESS || a == null) {
                return;
            }
            unsentUpdates = a.path("unsent-update-count").asLong(unsentUpdates);
            machine.backlogOverflowed(a.path("backlog-overflowed").asBoolean(false));
            long ackedNow = a.path("acked").asLong();
            if (ackedNow > leaseUpdatesAcked) {
                comm.communicationSucceeded();
            }
            leaseUpdatesAcked = ackedNow;
            if (a.path("communication-failed").asBoolean(false)) {
                log.warn("HA_LEASE_UPDATE_COMMUNICATIONS_FAILED a lease update to {} failed", partner.url());
                comm.communicationFailed();
            }
            for (JsonNode c : a.path("rejected-clients")) {
                log.warn("HA_LEASE_UPDATE_CONFLICT the partner rejected the lease update for client {}", c.asString());
                comm.leaseUpdateRejected(c.asString());
            }
        } catch (PeerUnavailableException e) {
            log.debug("lease-service not reachable: {}", e.getMessage());
        }
    }

    /**
     * Tells dhcp-service the scopes to serve and whether to sample partner-scope clients (only
     * while communication is interrupted), on change and every few seconds.
     */
    private void pushScopes() {
        List<String> scopes = filter.servedScopes();
        boolean analyze = comm.interrupted();
        Instant now = clock.instant();
        if (scopes.equals(pushedScopes) && analyze == pushedAnalyze && pushedAt != null
                && Duration.between(pushedAt, now).compareTo(REASSERT_DHCP) < 0) {
            return;
        }
        ObjectNode a = internalArgs();
        scopes.forEach(a.putArray("scopes")::add);
        a.put("analyze", analyze);
        try {
            CommandResponse r = dhcp.send(local("ha-scopes-set", a), COMMAND_TIMEOUT);
            if (r.result() == ResultCode.SUCCESS) {
                pushedScopes = scopes;
                pushedAnalyze = analyze;
                pushedAt = now;
            } else {
                log.warn("dhcp-service refused ha-scopes-set: {}", r.text());
            }
        } catch (PeerUnavailableException e) {
            log.debug("dhcp-service not reachable yet: {}", e.getMessage());
        }
    }

    /** HA_COMMUNICATION_INTERRUPTED once when max-response-delay passes without an exchange. */
    private void logInterruption() {
        boolean interrupted = comm.interrupted();
        if (interrupted && !interruptedLogged && machine.heartbeating()) {
            log.warn("HA_COMMUNICATION_INTERRUPTED communication with {} is interrupted", config.partner().name());
        }
        interruptedLogged = interrupted;
    }

    /** Feeds the partner-scope clients dhcp-service saw into the unacked-clients analysis. */
    private void analyzeConnectingClients() {
        if (!comm.interrupted() || !pushedAnalyze) {
            return;
        }
        try {
            CommandResponse r = dhcp.send(local("ha-connecting-clients", internalArgs()), COMMAND_TIMEOUT);
            if (r.result() == ResultCode.SUCCESS && r.arguments() != null) {
                for (JsonNode c : r.arguments().path("clients")) {
                    if (!service.equals(CommandCreator.DHCP4_SERVICE)) {
                        // a DHCPv6 client is its DUID, its secs the elapsed time in hundredths
                        comm.analyze6(c.path("client-id").asString(""), c.path("secs").asInt());
                        continue;
                    }
                    comm.analyze4(c.path("hw-address").asString(""),
                            c.has("client-id") ? c.get("client-id").asString() : null, c.path("secs").asInt());
                }
            }
        } catch (PeerUnavailableException e) {
            log.debug("dhcp-service not reachable: {}", e.getMessage());
        }
    }

    private void publish(HaState before) {
        HaState now = machine.state();
        if (now != before) {
            if (config.mode() == io.dhcpsuite.config.ha.HaMode.PASSIVE_BACKUP) {
                log.info("HA_STATE_TRANSITION_PASSIVE_BACKUP server transitions from {} to {} state",
                        before.wire().toUpperCase(), now.wire().toUpperCase());
            } else {
                log.info("HA_STATE_TRANSITION server transitions from {} to {} state, partner state is {}",
                        before.wire().toUpperCase(), now.wire().toUpperCase(),
                        comm.partnerState() == null ? "UNDEFINED" : comm.partnerState().wire().toUpperCase());
            }
            switch (now) {
                case TERMINATED -> log.error("HA_TERMINATED HA service terminated due to an unrecoverable condition."
                        + " Check previous error message(s), address the problem and restart!");
                case IN_MAINTENANCE -> log.info("HA_MAINTENANCE_SHUTDOWN_SAFE the server can now be shutdown for maintenance"
                        + " as the partner has taken over the DHCP traffic");
                default -> { }
            }
            if (machine.paused()) {
                log.info("HA_STATE_MACHINE_PAUSED state machine paused in state {}", now.wire());
            }
            // a new state heartbeats at once, so the partner learns of it quickly
            nextHeartbeat = clock.instant();
        }
        published = now;
    }

    private void heartbeat() {
        metrics.heartbeatSent();
        try {
            CommandResponse r = partner.send(toPartner(CommandCreator.heartbeat(config.thisServerName())), COMMAND_TIMEOUT);
            JsonNode a = r.arguments();
            HaState state = a == null ? null : HaState.of(a.path("state").asString(""));
            if (r.result() != ResultCode.SUCCESS || state == null) {
                log.warn("HA_HEARTBEAT_FAILED heartbeat to {} failed: result {}, {}", partner.url(), r.result(), r.text());
                metrics.heartbeatFailed();
                comm.communicationFailed();
            } else {
                List<String> scopes = new ArrayList<>();
                a.path("scopes").forEach(s -> scopes.add(s.asString()));
                comm.heartbeatReceived(state, scopes, CommandCreator.parseDateTime(a.path("date-time").asString(null)),
                        a.path("unsent-update-count").asLong(0));
            }
        } catch (PeerUnavailableException e) {
            log.warn("HA_HEARTBEAT_COMMUNICATIONS_FAILED failed to send heartbeat to {}: {}", config.partner().name(), e.getMessage());
            metrics.heartbeatFailed();
            comm.communicationFailed();
        }
        nextHeartbeat = clock.instant().plusMillis(config.heartbeatDelay());
    }

    private void perform(HaStateMachine.Action action) {
        switch (action) {
            case NONE -> { }
            case SYNC -> {
                LeaseSync.Result r = timedSync(Math.max(1, config.syncTimeout() / 1000));
                if (r.ok()) {
                    comm.communicationSucceeded();
                }
                machine.syncFinished(r.ok());
            }
            case FLUSH_BACKLOG -> {
                boolean ok = flushBacklog();
                if (!ok) {
                    // Kea: the partner must synchronise from us, so it is reset before we wait
                    try {
                        partner.send(toPartner(CommandCreator.reset(config.thisServerName())), COMMAND_TIMEOUT);
                    } catch (PeerUnavailableException e) {
                        comm.communicationFailed();
                    }
                }
                machine.backlogFlushed(ok);
            }
            case RESET_PARTNER -> {
                try {
                    partner.send(toPartner(CommandCreator.reset(config.thisServerName())), COMMAND_TIMEOUT);
                } catch (PeerUnavailableException e) {
                    comm.communicationFailed();
                }
            }
        }
    }

    private LeaseSync.Result timedSync(long maxPeriodSeconds) {
        long start = System.nanoTime();
        LeaseSync.Result r = sync.run(maxPeriodSeconds);
        metrics.syncFinished(r, Duration.ofNanos(System.nanoTime() - start), clock.instant().getEpochSecond());
        return r;
    }

    /** lease-service sends the communication-recovery backlog; true once the partner has it all. */
    private boolean flushBacklog() {
        ObjectNode a = internalArgs();
        a.put("timeout", COMMAND_TIMEOUT.toMillis() * 5);
        try {
            CommandResponse r = leases.send(local("ha-lease-updates-flush", a), COMMAND_TIMEOUT.multipliedBy(6));
            if (r.result() == ResultCode.SUCCESS) {
                log.info("HA_LEASES_BACKLOG_SUCCESS lease updates backlog sent to {}", partner.url());
                return true;
            }
            log.warn("HA_LEASES_BACKLOG_FAILED lease updates backlog not sent to {}: {}", partner.url(), r.text());
        } catch (PeerUnavailableException e) {
            log.warn("HA_LEASES_BACKLOG_FAILED lease-service not reachable: {}", e.getMessage());
        }
        return false;
    }

    private void applyNetworkState() {
        boolean want = machine.dhcpEnabled();
        Instant now = clock.instant();
        if (dhcpApplied != null && dhcpApplied == want && Duration.between(dhcpAppliedAt, now).compareTo(REASSERT_DHCP) < 0) {
            return;
        }
        ObjectNode a = JSON.objectNode();
        a.put("origin-id", config.localOrigin());
        try {
            CommandResponse r = dhcp.send(local(want ? "dhcp-enable" : "dhcp-disable", a), COMMAND_TIMEOUT);
            if (r.result() == ResultCode.SUCCESS) {
                if (dhcpApplied == null || dhcpApplied != want) {
                    log.info(want ? "HA_LOCAL_DHCP_ENABLE local DHCP service is enabled in the {} state"
                            : "HA_LOCAL_DHCP_DISABLE local DHCP service is disabled in the {} state", machine.state().wire());
                }
                dhcpApplied = want;
                dhcpAppliedAt = now;
            }
        } catch (PeerUnavailableException e) {
            log.debug("dhcp-service not reachable yet: {}", e.getMessage());
        }
    }

    /** Runs {@code work} on the HA thread and waits for it. */
    private <T> T onHaThread(Callable<T> work) {
        try {
            T out = thread.submit(() -> {
                HaState before = machine.state();
                T r = work.call();
                publish(before);
                applyNetworkState();
                return r;
            }).get(2 * config.syncTimeout() + 10_000, TimeUnit.MILLISECONDS);
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CommandException ce) {
                throw ce;
            }
            throw new CommandException(ResultCode.ERROR, e.getCause() == null ? e.toString() : e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new CommandException(ResultCode.ERROR, "the HA service is busy; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ResultCode.ERROR, "interrupted");
        }
    }

    // ---- what the partner and operators ask ------------------------------------------------------

    public HaState state() {
        return published;
    }

    /** The failure-detection state (heartbeat age, unacked clients, clock skew), for meters. */
    public CommunicationState communication() {
        return comm;
    }

    /** The partner's state as meters show it: unavailable while communication is interrupted, null before contact. */
    HaState partnerStateForMetrics() {
        return comm.interrupted() ? HaState.UNAVAILABLE : comm.partnerState();
    }

    long unsentUpdateCount() {
        return unsentUpdates;
    }

    /** The {@code ha-heartbeat} answer's arguments; never waits for the HA thread. */
    public ObjectNode heartbeatAnswer() {
        return CommandCreator.heartbeatAnswer(published, clock.instant(), filter.servedScopes(), unsentUpdates);
    }

    public void reset() {
        onHaThread(() -> {
            machine.reset();
            return null;
        });
    }

    public boolean resume() {
        boolean resumed = onHaThread(machine::resume);
        if (resumed) {
            log.info("HA_STATE_MACHINE_CONTINUED state machine is un-paused");
        }
        return resumed;
    }

    public void scopes(List<String> names) {
        onHaThread(() -> {
            try {
                filter.serveScopes(names);
            } catch (IllegalArgumentException e) {
                throw CommandException.badArgument(e.getMessage());
            }
            return null;
        });
    }

    /** {@code ha-sync}: a synchronous sync from the partner, whatever the state. */
    public LeaseSync.Result synchronize(long maxPeriodSeconds) {
        return onHaThread(() -> timedSync(maxPeriodSeconds));
    }

    /** The partner finished syncing from us: the service it disabled (origin {@code originId}) runs again. */
    public void syncCompleteNotified(int originId) {
        ObjectNode a = JSON.objectNode();
        a.put("origin-id", originId);
        CommandResponse r = dhcp.send(local("dhcp-enable", a), COMMAND_TIMEOUT);
        if (r.result() != ResultCode.SUCCESS) {
            throw new CommandException(ResultCode.ERROR, "enabling DHCP after the partner's sync failed: " + r.text());
        }
    }

    /** {@code ha-maintenance-notify}; false when this state refuses (1001). */
    public boolean maintenanceNotify(boolean cancel) {
        return onHaThread(() -> {
            if (cancel) {
                machine.maintenanceNotifyCancel();
                return true;
            }
            return machine.maintenanceNotify();
        });
    }

    /** {@code ha-maintenance-start}: tell the partner to go in-maintenance, then serve everything. */
    public CommandResponse maintenanceStart() {
        return onHaThread(() -> {
            if (!machine.maintenanceStartAllowed()) {
                return CommandResponse.error("Unable to transition to the partner-in-maintenance state."
                        + " The server is in the " + machine.state().wire() + " state.");
            }
            try {
                CommandResponse r = partner.send(toPartner(CommandCreator.maintenanceNotify(config.thisServerName(), false,
                        machine.state())), COMMAND_TIMEOUT);
                if (r.result() != ResultCode.SUCCESS) {
                    log.error("HA_MAINTENANCE_NOTIFY_FAILED error returned while processing ha-maintenance-notify by {}: {}",
                            config.partner().name(), r.text());
                    return CommandResponse.error("Unable to transition the partner server to the in-maintenance state: "
                            + r.text());
                }
                log.info("HA_MAINTENANCE_STARTED the server is now in the partner-in-maintenance state"
                        + " and the partner is in-maintenance state");
            } catch (PeerUnavailableException e) {
                // Kea: an unreachable partner is simply declared down, which is what maintenance wants
                log.warn("HA_MAINTENANCE_NOTIFY_COMMUNICATIONS_FAILED failed to send ha-maintenance-notify to {}: {}",
                        config.partner().name(), e.getMessage());
                log.info("HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN the server is now in the partner-down mode"
                        + " as a result of requested maintenance");
                comm.communicationFailed();
            }
            machine.maintenanceStarted();
            return CommandResponse.success("Server is now in the partner-in-maintenance state"
                    + " and its partner is in-maintenance state. The partner can be now safely shut down.");
        });
    }

    public CommandResponse maintenanceCancel() {
        return onHaThread(() -> {
            if (!machine.maintenanceCancelAllowed()) {
                return CommandResponse.error("Unable to cancel the maintenance for the server not in the"
                        + " partner-in-maintenance state.");
            }
            try {
                CommandResponse r = partner.send(toPartner(CommandCreator.maintenanceNotify(config.thisServerName(), true,
                        machine.state())), COMMAND_TIMEOUT);
                if (r.result() != ResultCode.SUCCESS) {
                    log.error("HA_MAINTENANCE_NOTIFY_CANCEL_FAILED error returned while processing ha-maintenance-notify by {}"
                            + " in attempt to cancel its maintenance: {}", config.partner().name(), r.text());
                    return CommandResponse.error("Unable to cancel maintenance: " + r.text());
                }
            } catch (PeerUnavailableException e) {
                log.error("HA_MAINTENANCE_NOTIFY_CANCEL_COMMUNICATIONS_FAILED failed to send ha-maintenance-notify to {}"
                        + " in attempt to cancel its maintenance: {}", config.partner().name(), e.getMessage());
                return CommandResponse.error("Unable to cancel maintenance: " + e.getMessage());
            }
            machine.maintenanceCanceled();
            return CommandResponse.success("Server maintenance successfully canceled.");
        });
    }

    /** One entry of status-get's {@code high-availability} list (Kea's shape, 2.7.2+ with times). */
    public ObjectNode status() {
        ObjectNode s = JSON.objectNode();
        s.put("ha-mode", config.mode().wire());
        ObjectNode servers = s.putObject("ha-servers");
        ObjectNode local = servers.putObject("local");
        local.put("role", config.thisServer().role().wire());
        filter.servedScopes().forEach(local.putArray("scopes")::add);
        local.put("server-name", config.thisServerName());
        local.put("state", published.wire());
        local.put("system-time", SYSTEM_TIME.format(clock.instant()));
        if (config.mode() != io.dhcpsuite.config.ha.HaMode.PASSIVE_BACKUP
                && config.thisServer().role() != io.dhcpsuite.config.ha.HaRole.BACKUP) {
            ObjectNode remote = servers.putObject("remote");
            boolean inTouch = comm.inTouch();
            remote.put("age", inTouch ? comm.sinceLastSuccess().toSeconds() : 0);
            remote.put("analyzed-packets", comm.analyzedPackets());
            Long skew = comm.clockSkewSeconds();
            if (skew == null) {
                remote.putNull("clock-skew");
            } else {
                remote.put("clock-skew", skew);
            }
            remote.put("communication-interrupted", comm.interrupted());
            remote.put("connecting-clients", comm.connectingClients());
            remote.put("in-touch", inTouch);
            comm.partnerScopes().forEach(remote.putArray("last-scopes")::add);
            HaState ps = comm.partnerState();
            remote.put("last-state", ps == null ? "" : ps.wire());
            remote.put("role", config.partner().role().wire());
            remote.put("server-name", config.partner().name());
            Instant pt = comm.partnerTime();
            if (pt == null) {
                remote.putNull("system-time");
            } else {
                remote.put("system-time", SYSTEM_TIME.format(pt));
            }
            remote.put("unacked-clients", comm.unackedClients());
            remote.put("unacked-clients-left", comm.unackedClientsLeft());
        }
        return s;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
