package io.dhcpsuite.ha.state;

import io.dhcpsuite.config.ha.HaMode;
import io.dhcpsuite.config.ha.HaPausePolicy;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.HaRole;
import io.dhcpsuite.config.ha.HaState;
import io.dhcpsuite.config.ha.QueryFilter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Kea's HA state machine for one relationship ({@code HAService::*StateHandler}). Each
 * {@link #step()} runs the current state's handler once against what {@link CommunicationState}
 * knows of the partner; entering a state sets the served scopes on the {@link QueryFilter} and
 * whether DHCP runs ({@link #dhcpEnabled()}). Policies, as in Kea:
 * <ul>
 * <li>Clock skew above 60 s or too many rejected lease updates terminate an active server; a
 * terminated server stays so until restarted.</li>
 * <li>A partner state that cannot occur in our mode sends us back to {@code waiting}.</li>
 * <li>The partner is declared down only when communication is interrupted and, for a server that
 * serves DHCP and is load-balancing or the standby, the unacked-clients analysis detects a
 * failure; a hot-standby primary or a server with DHCP disabled declares it down at once.</li>
 * <li>A state configured with {@code pause} stops the machine on entry (once: only the first time)
 * until {@code ha-continue}; entry actions still run.</li>
 * </ul>
 * Not thread-safe: the HA runtime calls it from one thread.
 */
public final class HaStateMachine {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HaStateMachine.class);
    /** Kea's HA_WAITING_TO_TERMINATED_ST_DELAY_MINUTES. */
    static final Duration PARTNER_TERMINATED_DELAY = Duration.ofMinutes(10);

    /** What the runtime must do after a step. */
    public enum Action {
        NONE,
        /** Synchronise the lease database from the partner, then call {@link #syncFinished}. */
        SYNC,
        /** Send the lease update backlog to the partner, then call {@link #backlogFlushed}. */
        FLUSH_BACKLOG,
        /** Send {@code ha-reset} to the partner; this server is already back in {@code waiting}. */
        RESET_PARTNER
    }

    private static final Set<HaState> DHCP_ENABLED = EnumSet.of(HaState.COMMUNICATION_RECOVERY,
            HaState.LOAD_BALANCING, HaState.HOT_STANDBY, HaState.PARTNER_DOWN, HaState.PARTNER_IN_MAINTENANCE,
            HaState.PASSIVE_BACKUP, HaState.TERMINATED);

    private final HaRelationship config;
    private final CommunicationState comm;
    private final QueryFilter filter;
    private HaState state;
    private HaState previous;
    private HaState beforeMaintenance;
    private boolean paused;
    private boolean enteredByMaintenance;
    private boolean backlogOverflowed;
    private final Set<HaState> pausedOnce = EnumSet.noneOf(HaState.class);

    public HaStateMachine(HaRelationship config, CommunicationState comm, QueryFilter filter) {
        this.config = config;
        this.comm = comm;
        this.filter = filter;
        enter(HaState.WAITING);
    }

    public HaState state() {
        return state;
    }

    public HaState previousState() {
        return previous;
    }

    public boolean paused() {
        return paused;
    }

    /** Whether local DHCP runs in the current state (Kea's adjustNetworkState). */
    public boolean dhcpEnabled() {
        return DHCP_ENABLED.contains(state);
    }

    /** Whether heartbeats go to the partner in the current state. */
    public boolean heartbeating() {
        return config.mode() != HaMode.PASSIVE_BACKUP && config.thisServer().role() != HaRole.BACKUP
                && state != HaState.TERMINATED && state != HaState.SYNCING;
    }

    /** Whether DHCP-driven lease changes go to the partner now, acknowledged, before replies leave. */
    public boolean sendingLeaseUpdates() {
        if (!config.sendLeaseUpdates()) {
            return false;
        }
        return switch (state) {
            case LOAD_BALANCING, HOT_STANDBY, PARTNER_IN_MAINTENANCE -> true;
            default -> false;
        };
    }

    /**
     * Whether DHCP-driven lease changes for the partner wait in the backlog now, replies not gated
     * (Kea queues them in communication-recovery, up to {@code delayed-updates-limit}).
     */
    public boolean queueingLeaseUpdates() {
        return config.sendLeaseUpdates() && state == HaState.COMMUNICATION_RECOVERY;
    }

    /** The lease update backlog overflowed during communication-recovery; the partner must sync. */
    public void backlogOverflowed(boolean overflowed) {
        backlogOverflowed = overflowed;
    }

    /** Runs the current state's handler once and says what the runtime must do next. */
    public Action step() {
        if (paused) {
            return Action.NONE;
        }
        return switch (state) {
            case WAITING -> waiting();
            case SYNCING -> syncing();
            case READY -> ready();
            case LOAD_BALANCING, HOT_STANDBY -> normal();
            case COMMUNICATION_RECOVERY -> communicationRecovery();
            case PARTNER_DOWN -> partnerDown();
            case PARTNER_IN_MAINTENANCE -> partnerInMaintenance();
            case IN_MAINTENANCE, BACKUP, PASSIVE_BACKUP, TERMINATED, UNAVAILABLE -> Action.NONE;
        };
    }

    /** The outcome of the sync a {@link Action#SYNC} asked for: success moves on to {@code ready}. */
    public void syncFinished(boolean ok) {
        if (state == HaState.SYNCING && ok) {
            transition(HaState.READY);
        }
    }

    /** The outcome of the backlog flush a {@link Action#FLUSH_BACKLOG} asked for. */
    public void backlogFlushed(boolean ok) {
        if (state != HaState.COMMUNICATION_RECOVERY) {
            return;
        }
        if (ok) {
            backlogOverflowed = false;
            transition(HaState.LOAD_BALANCING);
        } else {
            // Kea sends ha-reset to the partner (the runtime does) and both resynchronise
            transition(HaState.WAITING);
        }
    }

    /** {@code ha-continue}: whether the machine was paused. */
    public boolean resume() {
        boolean was = paused;
        paused = false;
        return was;
    }

    /** {@code ha-reset}: back to {@code waiting}, a no-op when already there. */
    public void reset() {
        if (state != HaState.WAITING) {
            transition(HaState.WAITING);
        }
    }

    /**
     * The partner asks this server to go {@code in-maintenance} ({@code ha-maintenance-notify}).
     *
     * @return false when not allowed in this state (Kea answers 1001)
     */
    public boolean maintenanceNotify() {
        if (state == HaState.BACKUP || state == HaState.PARTNER_IN_MAINTENANCE || state == HaState.TERMINATED) {
            return false;
        }
        if (state != HaState.IN_MAINTENANCE) {
            beforeMaintenance = state;
            transition(HaState.IN_MAINTENANCE);
        }
        return true;
    }

    /** The partner cancelled maintenance: back to the state before it (or {@code waiting}). */
    public void maintenanceNotifyCancel() {
        if (state == HaState.IN_MAINTENANCE) {
            transition(beforeMaintenance == null ? HaState.WAITING : beforeMaintenance);
        }
    }

    /** Whether {@code ha-maintenance-start} may begin in this state. */
    public boolean maintenanceStartAllowed() {
        return state != HaState.BACKUP && state != HaState.IN_MAINTENANCE
                && state != HaState.PARTNER_IN_MAINTENANCE && state != HaState.TERMINATED;
    }

    /** The partner accepted {@code ha-maintenance-notify}: serve everything while it is away. */
    public void maintenanceStarted() {
        beforeMaintenance = state;
        transition(HaState.PARTNER_IN_MAINTENANCE);
    }

    /** Whether {@code ha-maintenance-cancel} may run: only from {@code partner-in-maintenance}. */
    public boolean maintenanceCancelAllowed() {
        return state == HaState.PARTNER_IN_MAINTENANCE;
    }

    public void maintenanceCanceled() {
        if (state == HaState.PARTNER_IN_MAINTENANCE) {
            transition(beforeMaintenance == null ? HaState.WAITING : beforeMaintenance);
        }
    }

    /** The partner went away during maintenance: {@code partner-down} serving all scopes. */
    private Action partnerInMaintenance() {
        if (shouldTerminate()) {
            return to(HaState.TERMINATED);
        }
        if (comm.partnerState() == HaState.UNAVAILABLE) {
            enteredByMaintenance = true;
            return to(HaState.PARTNER_DOWN);
        }
        return Action.NONE;
    }

    private Action waiting() {
        if (config.thisServer().role() == HaRole.BACKUP) {
            return to(HaState.BACKUP);
        }
        if (config.mode() == HaMode.PASSIVE_BACKUP) {
            return to(HaState.PASSIVE_BACKUP);
        }
        if (shouldTerminate()) {
            return to(HaState.TERMINATED);
        }
        HaState partner = comm.partnerState();
        if (partner == null || partnerStateInvalid(partner)) {
            return Action.NONE;
        }
        return switch (partner) {
            case COMMUNICATION_RECOVERY, HOT_STANDBY, LOAD_BALANCING, IN_MAINTENANCE, PARTNER_DOWN,
                    PARTNER_IN_MAINTENANCE, READY -> to(afterWaiting());
            case WAITING -> config.thisServer().role() == HaRole.PRIMARY ? to(afterWaiting()) : Action.NONE;
            case TERMINATED -> comm.partnerStateDuration().compareTo(PARTNER_TERMINATED_DELAY) >= 0
                    ? to(HaState.TERMINATED) : Action.NONE;
            case UNAVAILABLE -> shouldPartnerDown() ? to(HaState.PARTNER_DOWN) : Action.NONE;
            default -> Action.NONE;
        };
    }

    private HaState afterWaiting() {
        return config.syncLeases() ? HaState.SYNCING : HaState.READY;
    }

    private Action syncing() {
        if (shouldTerminate()) {
            return to(HaState.TERMINATED);
        }
        HaState partner = comm.partnerState();
        if (partner != null && partnerStateInvalid(partner)) {
            return to(HaState.WAITING);
        }
        if (partner == HaState.TERMINATED) {
            return to(HaState.TERMINATED);
        }
        if (partner == HaState.UNAVAILABLE) {
            return shouldPartnerDown() ? to(HaState.PARTNER_DOWN) : Action.NONE;
        }
        return Action.SYNC;
    }

    private Action ready() {
        return byPartner(partner -> switch (partner) {
            case HOT_STANDBY, LOAD_BALANCING, COMMUNICATION_RECOVERY -> to(normalState());
            case IN_MAINTENANCE -> to(HaState.PARTNER_IN_MAINTENANCE);
            case PARTNER_IN_MAINTENANCE -> to(HaState.IN_MAINTENANCE);
            case READY -> config.thisServer().role() == HaRole.PRIMARY ? to(normalState()) : Action.NONE;
            case TERMINATED -> to(HaState.TERMINATED);
            case UNAVAILABLE -> shouldPartnerDown() ? to(HaState.PARTNER_DOWN) : Action.NONE;
            default -> Action.NONE;
        });
    }

    private Action normal() {
        return byPartner(partner -> switch (partner) {
            case IN_MAINTENANCE -> to(HaState.PARTNER_IN_MAINTENANCE);
            case PARTNER_DOWN -> to(HaState.WAITING);
            case PARTNER_IN_MAINTENANCE -> to(HaState.IN_MAINTENANCE);
            case TERMINATED -> to(HaState.TERMINATED);
            case UNAVAILABLE -> shouldPartnerDown() ? to(HaState.PARTNER_DOWN)
                    : config.mode() == HaMode.LOAD_BALANCING && config.delayedUpdatesLimit() > 0
                            ? to(HaState.COMMUNICATION_RECOVERY) : Action.NONE;
            default -> Action.NONE;
        });
    }

    private Action communicationRecovery() {
        return byPartner(partner -> switch (partner) {
            case IN_MAINTENANCE -> to(HaState.PARTNER_IN_MAINTENANCE);
            case PARTNER_IN_MAINTENANCE -> to(HaState.IN_MAINTENANCE);
            case TERMINATED -> to(HaState.TERMINATED);
            case UNAVAILABLE -> shouldPartnerDown() ? to(HaState.PARTNER_DOWN) : Action.NONE;
            case LOAD_BALANCING, COMMUNICATION_RECOVERY -> comm.interrupted() ? Action.NONE
                    : backlogOverflowed ? resetPartner() : Action.FLUSH_BACKLOG;
            case WAITING, SYNCING, READY -> backlogOverflowed ? to(HaState.WAITING) : Action.NONE;
            default -> to(HaState.WAITING);
        });
    }

    private Action partnerDown() {
        return byPartner(partner -> switch (partner) {
            case COMMUNICATION_RECOVERY, PARTNER_DOWN, PARTNER_IN_MAINTENANCE -> to(HaState.WAITING);
            case READY -> comm.partnerHasNewUnsentUpdates() ? to(HaState.WAITING) : to(normalState());
            case TERMINATED -> to(HaState.TERMINATED);
            default -> Action.NONE;
        });
    }

    /**
     * The start every active state's handler shares in Kea: terminate on clock skew or rejected
     * updates, do nothing until the partner's state is known, and wait (then resync) when the
     * partner's state does not fit this mode. Otherwise the state's own rule for the partner's state.
     */
    private Action byPartner(Function<HaState, Action> rule) {
        if (shouldTerminate()) {
            return to(HaState.TERMINATED);
        }
        HaState partner = comm.partnerState();
        if (partner == null) {
            return Action.NONE;
        }
        if (partnerStateInvalid(partner)) {
            return to(HaState.WAITING);
        }
        return rule.apply(partner);
    }

    private Action resetPartner() {
        transition(HaState.WAITING);
        return Action.RESET_PARTNER;
    }

    private HaState normalState() {
        return config.mode() == HaMode.LOAD_BALANCING ? HaState.LOAD_BALANCING : HaState.HOT_STANDBY;
    }

    private boolean partnerStateInvalid(HaState partner) {
        return switch (partner) {
            case COMMUNICATION_RECOVERY, LOAD_BALANCING -> config.mode() != HaMode.LOAD_BALANCING;
            case HOT_STANDBY -> config.mode() != HaMode.HOT_STANDBY;
            default -> false;
        };
    }

    private boolean shouldTerminate() {
        if (comm.clockSkewShouldTerminate()) {
            log.error("HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION {}, causing HA service to terminate", clockSkewText());
            return true;
        }
        if (comm.clockSkewShouldWarn()) {
            log.warn("HA_HIGH_CLOCK_SKEW {}, please synchronize clocks!", clockSkewText());
        }
        if (comm.rejectedLeaseUpdatesShouldTerminate()) {
            log.error("HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION too many rejected lease updates cause the HA service to terminate");
            return true;
        }
        return false;
    }

    /** Kea's logFormatClockSkew. */
    private String clockSkewText() {
        Long skew = comm.clockSkewSeconds();
        java.time.Instant partner = comm.partnerTime();
        if (skew == null || partner == null) {
            return "skew not initialized";
        }
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC);
        return "my time: " + f.format(partner.minusSeconds(skew)) + ", partner's time: " + f.format(partner)
                + ", partner's clock is " + Math.abs(skew) + "s " + (skew < 0 ? "behind" : "ahead");
    }

    /** Kea's shouldPartnerDown(), see the class comment. */
    boolean shouldPartnerDown() {
        if (!comm.interrupted()) {
            return false;
        }
        if (dhcpEnabled() && (config.mode() == HaMode.LOAD_BALANCING
                || config.thisServer().role() == HaRole.STANDBY)) {
            return comm.failureDetected();
        }
        return true;
    }

    private Action to(HaState next) {
        transition(next);
        return Action.NONE;
    }

    private void transition(HaState next) {
        previous = state;
        enter(next);
    }

    private void enter(HaState next) {
        state = next;
        switch (next) {
            case WAITING, SYNCING, READY, IN_MAINTENANCE, BACKUP -> filter.serveNoScopes();
            case LOAD_BALANCING, HOT_STANDBY, COMMUNICATION_RECOVERY, TERMINATED -> filter.serveDefaultScopes();
            case PARTNER_IN_MAINTENANCE -> filter.serveFailoverScopes();
            case PARTNER_DOWN -> {
                if (enteredByMaintenance || config.thisServer().autoFailover()) {
                    filter.serveFailoverScopes();
                } else {
                    filter.serveDefaultScopes();
                }
            }
            case PASSIVE_BACKUP -> filter.serveDefaultScopes();
            case UNAVAILABLE -> throw new IllegalArgumentException("unavailable is not a state of this server");
        }
        enteredByMaintenance = false;
        if (next == HaState.WAITING || next == HaState.SYNCING || next == HaState.READY
                || next == HaState.PARTNER_DOWN) {
            comm.clearRejectedLeaseUpdates();
        }
        HaPausePolicy pause = config.pause(next);
        if (pause == HaPausePolicy.ALWAYS || (pause == HaPausePolicy.ONCE && pausedOnce.add(next))) {
            paused = true;
        }
    }
}
