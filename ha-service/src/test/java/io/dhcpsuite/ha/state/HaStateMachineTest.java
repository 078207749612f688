package io.dhcpsuite.ha.state;

import static io.dhcpsuite.ha.state.CommunicationStateTest.relationship;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.config.KeaJson;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.HaState;
import io.dhcpsuite.config.ha.QueryFilter;
import io.dhcpsuite.ha.state.HaStateMachine.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HaStateMachineTest {
    private final MutableClock clock = new MutableClock(CommunicationStateTest.T0);
    private CommunicationState comm;
    private QueryFilter filter;

    HaStateMachine machine(HaRelationship r) {
        comm = new CommunicationState(r, clock);
        filter = new QueryFilter(r);
        return new HaStateMachine(r, comm, filter);
    }

    HaStateMachine hs(String me, String extra) {
        return machine(relationship(me, "hot-standby", "\"max-response-delay\": 3000, " + extra));
    }

    HaStateMachine lb(String me, String extra) {
        return machine(relationship(me, "load-balancing", "\"max-response-delay\": 3000, " + extra));
    }

    void partner(HaState s) {
        comm.heartbeatReceived(s, List.of(), clock.instant(), 0);
    }

    void partnerLost() {
        clock.advance(Duration.ofMillis(3001));
        comm.communicationFailed();
    }

    @Test
    void hotStandbyPrimaryWaitsSyncsAndServesThePrimaryScope() {
        HaStateMachine m = hs("server1", "");
        assertThat(m.state()).isEqualTo(HaState.WAITING);
        assertThat(m.dhcpEnabled()).isFalse();
        assertThat(m.step()).as("no partner news yet").isEqualTo(Action.NONE);
        partner(HaState.WAITING);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.SYNCING);
        assertThat(m.heartbeating()).as("heartbeats pause during sync").isFalse();
        assertThat(m.step()).isEqualTo(Action.SYNC);
        m.syncFinished(false);
        assertThat(m.state()).as("a failed sync is retried").isEqualTo(HaState.SYNCING);
        m.syncFinished(true);
        assertThat(m.state()).isEqualTo(HaState.READY);
        assertThat(filter.servedScopes()).isEmpty();
        partner(HaState.WAITING);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.READY);
        partner(HaState.READY);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.HOT_STANDBY);
        assertThat(m.dhcpEnabled()).isTrue();
        assertThat(m.sendingLeaseUpdates()).isTrue();
        assertThat(filter.servedScopes()).containsExactly("server1");
    }

    @Test
    void hotStandbyStandbyWaitsForThePrimaryAndServesNothingInHotStandby() {
        HaStateMachine m = hs("server2", "");
        partner(HaState.WAITING);
        m.step();
        assertThat(m.state()).as("only the primary leaves waiting first").isEqualTo(HaState.WAITING);
        partner(HaState.SYNCING);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.WAITING);
        partner(HaState.READY);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.SYNCING);
        m.syncFinished(true);
        partner(HaState.READY);
        m.step();
        assertThat(m.state()).as("the standby does not lead from ready").isEqualTo(HaState.READY);
        partner(HaState.HOT_STANDBY);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.HOT_STANDBY);
        assertThat(m.dhcpEnabled()).isTrue();
        assertThat(filter.servedScopes()).isEmpty();
    }

    HaStateMachine inHotStandby(String me, String extra) {
        HaStateMachine m = hs(me, extra);
        partner(me.equals("server1") ? HaState.WAITING : HaState.READY);
        m.step();
        m.syncFinished(true);
        partner(me.equals("server1") ? HaState.READY : HaState.HOT_STANDBY);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.HOT_STANDBY);
        return m;
    }

    @Test
    void standbyDeclaresThePartnerDownOnlyWhenTheUnackedClientAnalysisDetectsAFailure() {
        HaStateMachine m = inHotStandby("server2", "\"max-unacked-clients\": 1, \"max-ack-delay\": 1000, ");
        partnerLost();
        m.step();
        assertThat(m.state()).isEqualTo(HaState.HOT_STANDBY);
        comm.analyze4("0e:00:00:00:00:01", null, 5);
        comm.analyze4("0e:00:00:00:00:02", null, 5);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.PARTNER_DOWN);
        assertThat(filter.servedScopes()).containsExactly("server1");
        assertThat(m.sendingLeaseUpdates()).isFalse();
    }

    @Test
    void hotStandbyPrimaryDeclaresThePartnerDownAsSoonAsCommunicationIsInterrupted() {
        HaStateMachine m = inHotStandby("server1", "\"max-unacked-clients\": 10, ");
        clock.advance(Duration.ofMillis(2000));
        comm.communicationFailed();
        m.step();
        assertThat(m.state()).as("not interrupted yet").isEqualTo(HaState.HOT_STANDBY);
        clock.advance(Duration.ofMillis(1001));
        m.step();
        assertThat(m.state()).isEqualTo(HaState.PARTNER_DOWN);
    }

    @Test
    void partnerDownReturnsToNormalWhenThePartnerIsReadyWithoutNewUpdatesElseResyncs() {
        HaStateMachine m = inHotStandby("server1", "");
        partnerLost();
        m.step();
        assertThat(m.state()).isEqualTo(HaState.PARTNER_DOWN);
        comm.heartbeatReceived(HaState.READY, List.of(), clock.instant(), 0);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.HOT_STANDBY);
        partnerLost();
        m.step();
        comm.heartbeatReceived(HaState.READY, List.of(), clock.instant(), 3);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.WAITING);
    }

    @Test
    void autoFailoverOffKeepsOnlyTheOwnScopeInPartnerDown() {
        HaRelationship r = HaConfigParser.parse(KeaJson.of(JsonMapper.builder().build().readTree("""
                { "high-availability": [ { "this-server-name": "server2", "mode": "load-balancing",
                  "max-response-delay": 3000, "max-unacked-clients": 0, "peers": [
                  { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                  { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary", "auto-failover": false } ] } ] }
                """), "p")).relationships().getFirst();
        HaStateMachine m = machine(r);
        partner(HaState.LOAD_BALANCING);
        m.step();
        m.syncFinished(true);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.LOAD_BALANCING);
        partnerLost();
        m.step();
        assertThat(m.state()).isEqualTo(HaState.PARTNER_DOWN);
        assertThat(filter.servedScopes()).containsExactly("server2");
    }

    HaStateMachine inLoadBalancing(String extra) {
        HaStateMachine m = lb("server1", extra);
        partner(HaState.WAITING);
        m.step();
        m.syncFinished(true);
        partner(HaState.READY);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.LOAD_BALANCING);
        assertThat(filter.servedScopes()).containsExactly("server1");
        return m;
    }

    @Test
    void loadBalancingGoesToCommunicationRecoveryAndBackAfterFlushingTheBacklog() {
        HaStateMachine m = inLoadBalancing("\"max-unacked-clients\": 5, ");
        partnerLost();
        m.step();
        assertThat(m.state()).isEqualTo(HaState.COMMUNICATION_RECOVERY);
        assertThat(m.dhcpEnabled()).isTrue();
        assertThat(m.sendingLeaseUpdates()).as("queued, not sent").isFalse();
        assertThat(m.queueingLeaseUpdates()).isTrue();
        partner(HaState.COMMUNICATION_RECOVERY);
        assertThat(m.step()).isEqualTo(Action.FLUSH_BACKLOG);
        m.backlogFlushed(true);
        assertThat(m.state()).isEqualTo(HaState.LOAD_BALANCING);
        assertThat(m.queueingLeaseUpdates()).isFalse();
        assertThat(m.sendingLeaseUpdates()).isTrue();
    }

    @Test
    void anOverflowedBacklogResetsBothServers() {
        HaStateMachine m = inLoadBalancing("\"max-unacked-clients\": 5, ");
        partnerLost();
        m.step();
        m.backlogOverflowed(true);
        partner(HaState.LOAD_BALANCING);
        assertThat(m.step()).isEqualTo(Action.RESET_PARTNER);
        assertThat(m.state()).isEqualTo(HaState.WAITING);
    }

    @Test
    void withoutDelayedUpdatesAnInterruptionBelowTheFailureThresholdKeepsLoadBalancing() {
        HaStateMachine m = inLoadBalancing("\"max-unacked-clients\": 5, \"delayed-updates-limit\": 0, ");
        partnerLost();
        m.step();
        assertThat(m.state()).isEqualTo(HaState.LOAD_BALANCING);
    }

    @Test
    void aPartnerStateImpossibleInOurModeSendsUsBackToWaiting() {
        HaStateMachine m = inHotStandby("server1", "");
        partner(HaState.LOAD_BALANCING);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.WAITING);
        m.step();
        assertThat(m.state()).as("waiting stays put").isEqualTo(HaState.WAITING);
    }

    @Test
    void clockSkewOverAMinuteTerminatesAndTerminatedServesTheDefaultScopesForGood() {
        HaStateMachine m = inHotStandby("server1", "");
        comm.heartbeatReceived(HaState.HOT_STANDBY, List.of(), clock.instant().plusSeconds(61), 0);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.TERMINATED);
        assertThat(m.dhcpEnabled()).isTrue();
        assertThat(m.heartbeating()).isFalse();
        assertThat(filter.servedScopes()).containsExactly("server1");
        partner(HaState.WAITING);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.TERMINATED);
    }

    @Test
    void rejectedLeaseUpdatesTerminate() {
        HaStateMachine m = inHotStandby("server1", "\"max-rejected-lease-updates\": 1, ");
        comm.leaseUpdateRejected("0e:00:00:00:00:01");
        m.step();
        assertThat(m.state()).isEqualTo(HaState.TERMINATED);
    }

    @Test
    void aWaitingServerFollowsATerminatedPartnerOnlyAfterTenMinutes() {
        HaStateMachine m = hs("server2", "");
        partner(HaState.TERMINATED);
        m.step();
        clock.advance(Duration.ofMinutes(9));
        partner(HaState.TERMINATED);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.WAITING);
        clock.advance(Duration.ofMinutes(1));
        partner(HaState.TERMINATED);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.TERMINATED);
    }

    @Test
    void pausedStatesWaitForHaContinueOnceOrAlways() {
        HaStateMachine m = hs("server1", "\"state-machine\": { \"states\": [ { \"state\": \"waiting\", \"pause\": \"once\" },"
                + " { \"state\": \"ready\", \"pause\": \"always\" } ] }, ");
        assertThat(m.paused()).isTrue();
        partner(HaState.WAITING);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.WAITING);
        assertThat(m.resume()).isTrue();
        m.step();
        assertThat(m.state()).isEqualTo(HaState.SYNCING);
        m.syncFinished(true);
        assertThat(m.state()).isEqualTo(HaState.READY);
        assertThat(m.paused()).isTrue();
        partner(HaState.READY);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.READY);
        m.resume();
        m.reset();
        assertThat(m.state()).isEqualTo(HaState.WAITING);
        assertThat(m.paused()).as("waiting pauses only once").isFalse();
        partner(HaState.WAITING);
        m.step();
        m.syncFinished(true);
        assertThat(m.paused()).as("ready pauses always").isTrue();
        assertThat(m.resume()).isTrue();
        assertThat(m.resume()).isFalse();
    }

    @Test
    void maintenanceNotifyPutsUsInMaintenanceAndCancelRestoresTheState() {
        HaStateMachine m = inHotStandby("server2", "");
        assertThat(m.maintenanceNotify()).isTrue();
        assertThat(m.state()).isEqualTo(HaState.IN_MAINTENANCE);
        assertThat(m.dhcpEnabled()).isFalse();
        m.maintenanceNotifyCancel();
        assertThat(m.state()).isEqualTo(HaState.HOT_STANDBY);
    }

    @Test
    void maintenanceStartServesEverythingAndTheMissingPartnerMeansPartnerDown() {
        HaStateMachine m = inHotStandby("server2", "\"max-unacked-clients\": 100, ");
        assertThat(m.maintenanceStartAllowed()).isTrue();
        m.maintenanceStarted();
        assertThat(m.state()).isEqualTo(HaState.PARTNER_IN_MAINTENANCE);
        assertThat(filter.servedScopes()).containsExactly("server1");
        assertThat(m.maintenanceStartAllowed()).isFalse();
        assertThat(m.maintenanceNotify()).as("1001 in partner-in-maintenance").isFalse();
        partnerLost();
        m.step();
        assertThat(m.state()).as("no unacked analysis after maintenance").isEqualTo(HaState.PARTNER_DOWN);
        assertThat(m.maintenanceCancelAllowed()).isFalse();
    }

    @Test
    void maintenanceCancelReturnsToThePreviousState() {
        HaStateMachine m = inHotStandby("server1", "");
        m.maintenanceStarted();
        m.maintenanceCanceled();
        assertThat(m.state()).isEqualTo(HaState.HOT_STANDBY);
    }

    @Test
    void partnerInMaintenanceInNormalStateMovesUsToInMaintenance() {
        HaStateMachine m = inHotStandby("server2", "");
        partner(HaState.PARTNER_IN_MAINTENANCE);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.IN_MAINTENANCE);
    }

    @Test
    void backupAndPassiveBackupServersLeaveWaitingAtOnce() {
        HaRelationship pb = HaConfigParser.parse(KeaJson.of(JsonMapper.builder().build().readTree("""
                { "high-availability": [ { "this-server-name": "%s", "mode": "passive-backup", "peers": [
                  { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                  { "name": "server3", "url": "http://127.0.0.4:8001/", "role": "backup" } ] } ] }
                """.formatted("server1")), "p")).relationships().getFirst();
        HaStateMachine m = machine(pb);
        m.step();
        assertThat(m.state()).isEqualTo(HaState.PASSIVE_BACKUP);
        assertThat(m.dhcpEnabled()).isTrue();
        assertThat(m.heartbeating()).isFalse();
        assertThat(filter.servedScopes()).containsExactly("server1");
        HaRelationship backup = HaConfigParser.parse(KeaJson.of(JsonMapper.builder().build().readTree("""
                { "high-availability": [ { "this-server-name": "server3", "mode": "passive-backup", "peers": [
                  { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                  { "name": "server3", "url": "http://127.0.0.4:8001/", "role": "backup" } ] } ] }
                """), "p")).relationships().getFirst();
        HaStateMachine b = machine(backup);
        b.step();
        assertThat(b.state()).isEqualTo(HaState.BACKUP);
        assertThat(b.dhcpEnabled()).isFalse();
    }
}
