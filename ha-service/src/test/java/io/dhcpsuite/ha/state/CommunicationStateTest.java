package io.dhcpsuite.ha.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.config.KeaJson;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.HaState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CommunicationStateTest {
    static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    static HaRelationship relationship(String me, String mode, String extra) {
        String second = mode.equals("load-balancing") ? "secondary" : "standby";
        String json = """
                { "high-availability": [ { "this-server-name": "%s", "mode": "%s", %s
                  "peers": [ { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                             { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "%s" } ] } ] }"""
                .formatted(me, mode, extra, second);
        return HaConfigParser.parse(KeaJson.of(JsonMapper.builder().build().readTree(json), "p")).relationships()
                .getFirst();
    }

    CommunicationState state(String extra) {
        return new CommunicationState(relationship("server1", "load-balancing",
                "\"max-response-delay\": 3000, \"max-ack-delay\": 2000, " + extra), clock);
    }

    @Test
    void communicationIsInterruptedOnlyAfterMaxResponseDelayWithoutSuccess() {
        CommunicationState c = state("");
        assertThat(c.partnerState()).isNull();
        assertThat(c.inTouch()).isFalse();
        clock.advance(Duration.ofMillis(3000));
        assertThat(c.interrupted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(c.interrupted()).isTrue();
        c.communicationFailed();
        assertThat(c.partnerState()).isEqualTo(HaState.UNAVAILABLE);
        assertThat(c.inTouch()).isTrue();
        c.heartbeatReceived(HaState.LOAD_BALANCING, List.of("server2"), clock.instant(), 0);
        assertThat(c.interrupted()).isFalse();
        assertThat(c.partnerScopes()).containsExactly("server2");
    }

    @Test
    void unackedClientsAreCountedOncePerClientOnlyWhileInterruptedAndFailureNeedsMoreThanTheLimit() {
        CommunicationState c = state("\"max-unacked-clients\": 2, ");
        c.analyze4("0e:00:00:00:00:01", null, 10);
        assertThat(c.analyzedPackets()).as("not interrupted yet").isZero();
        clock.advance(Duration.ofSeconds(4));
        c.analyze4("0e:00:00:00:00:01", null, 1);
        assertThat(c.connectingClients()).isEqualTo(1);
        assertThat(c.unackedClients()).as("1 s is not over 2000 ms").isZero();
        c.analyze4("0e:00:00:00:00:01", null, 3);
        c.analyze4("0e:00:00:00:00:01", null, 5);
        assertThat(c.unackedClients()).isEqualTo(1);
        c.analyze4("0e:00:00:00:00:02", "01020304", 3);
        assertThat(c.unackedClientsLeft()).isEqualTo(1);
        assertThat(c.failureDetected()).isFalse();
        c.analyze4("0e:00:00:00:00:02", "05060708", 3);
        assertThat(c.unackedClients()).isEqualTo(3);
        assertThat(c.failureDetected()).isTrue();
        assertThat(c.analyzedPackets()).isEqualTo(5);
        c.communicationSucceeded();
        assertThat(c.connectingClients()).isZero();
        assertThat(c.unackedClients()).isZero();
        assertThat(c.analyzedPackets()).isZero();
    }

    @Test
    void secsSentInTheWrongByteOrderAreSwappedBack() {
        CommunicationState c = state("\"max-unacked-clients\": 5, ");
        clock.advance(Duration.ofSeconds(4));
        // 0x0100 is 256 s as sent, but a client that wrote 1 s little-endian: 1 s is not unacked
        c.analyze4("0e:00:00:00:00:01", null, 0x0100);
        assertThat(c.unackedClients()).isZero();
        // 0x0300 = 3 s once swapped, over 2000 ms
        c.analyze4("0e:00:00:00:00:02", null, 0x0300);
        // 0x0301 has a non-zero low byte: taken as sent (769 s)
        c.analyze4("0e:00:00:00:00:03", null, 0x0301);
        assertThat(c.unackedClients()).isEqualTo(2);
    }

    @Test
    void zeroMaxUnackedClientsMeansFailureAtOnce() {
        assertThat(state("\"max-unacked-clients\": 0, ").failureDetected()).isTrue();
    }

    @Test
    void clockSkewWarnsAtMostOnceAMinuteAboveThirtySecondsAndTerminatesAboveSixty() {
        CommunicationState c = state("");
        c.heartbeatReceived(HaState.WAITING, List.of(), clock.instant().plusSeconds(30), 0);
        assertThat(c.clockSkewSeconds()).isEqualTo(30);
        assertThat(c.clockSkewShouldWarn()).isFalse();
        c.heartbeatReceived(HaState.WAITING, List.of(), clock.instant().minusSeconds(45), 0);
        assertThat(c.clockSkewSeconds()).isEqualTo(-45);
        assertThat(c.clockSkewShouldWarn()).isTrue();
        assertThat(c.clockSkewShouldWarn()).isFalse();
        clock.advance(Duration.ofSeconds(61));
        c.heartbeatReceived(HaState.WAITING, List.of(), clock.instant().minusSeconds(45), 0);
        assertThat(c.clockSkewShouldWarn()).isTrue();
        assertThat(c.clockSkewShouldTerminate()).isFalse();
        c.heartbeatReceived(HaState.WAITING, List.of(), clock.instant().plusSeconds(61), 0);
        assertThat(c.clockSkewShouldTerminate()).isTrue();
    }

    @Test
    void rejectedLeaseUpdatesTerminateAtTheLimitOfDistinctClientsAndSuccessClearsAClient() {
        CommunicationState c = state("\"max-rejected-lease-updates\": 2, ");
        c.leaseUpdateRejected("a");
        c.leaseUpdateRejected("a");
        assertThat(c.rejectedLeaseUpdatesShouldTerminate()).isFalse();
        c.leaseUpdateRejected("b");
        assertThat(c.rejectedLeaseUpdatesShouldTerminate()).isTrue();
        c.leaseUpdateSucceeded("b");
        assertThat(c.rejectedLeaseUpdatesShouldTerminate()).isFalse();
        CommunicationState never = state("\"max-rejected-lease-updates\": 0, ");
        never.leaseUpdateRejected("a");
        assertThat(never.rejectedLeaseUpdatesShouldTerminate()).isFalse();
    }

    @Test
    void partnerHasNewUnsentUpdatesUntilBothServedInSync() {
        CommunicationState c = state("");
        c.heartbeatReceived(HaState.PARTNER_DOWN, List.of(), clock.instant(), 5);
        assertThat(c.partnerHasNewUnsentUpdates()).isTrue();
        // heartbeats seen while the partner waits and syncs do not make its updates old
        c.heartbeatReceived(HaState.WAITING, List.of(), clock.instant(), 5);
        c.heartbeatReceived(HaState.READY, List.of(), clock.instant(), 5);
        assertThat(c.partnerHasNewUnsentUpdates()).isTrue();
        c.partnerInSync();
        assertThat(c.partnerHasNewUnsentUpdates()).isFalse();
        c.heartbeatReceived(HaState.PARTNER_DOWN, List.of(), clock.instant(), 9);
        assertThat(c.partnerHasNewUnsentUpdates()).isTrue();
        c.heartbeatReceived(HaState.READY, List.of(), clock.instant(), 0);
        assertThat(c.partnerHasNewUnsentUpdates()).as("a restarted partner has nothing unsent").isFalse();
    }

    @Test
    void measuresHowLongThePartnerHasBeenInItsState() {
        CommunicationState c = state("");
        c.heartbeatReceived(HaState.TERMINATED, List.of(), clock.instant(), 0);
        clock.advance(Duration.ofMinutes(3));
        c.heartbeatReceived(HaState.TERMINATED, List.of(), clock.instant(), 0);
        assertThat(c.partnerStateDuration()).isEqualTo(Duration.ofMinutes(3));
    }
}
