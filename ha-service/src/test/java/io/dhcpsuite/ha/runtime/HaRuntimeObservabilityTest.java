package io.dhcpsuite.ha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.HaState;
import io.dhcpsuite.ha.command.CommandCreator;
import io.dhcpsuite.ha.listener.HaListener;
import io.dhcpsuite.ha.peer.CommandClient;
import io.dhcpsuite.api.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A relationship driven tick by tick with a moved clock against real HTTP fakes of the partner and
 * of the local dhcp-service and lease-service: the Kea message ids it logs at each step and the
 * meters it shows on /actuator/prometheus.
 */
class HaRuntimeObservabilityTest {
    static final Instant START = Instant.parse("2026-12-07T01:00:00Z");
    MutableClock clock = new MutableClock(START);
    MeterRegistry registry = new SimpleMeterRegistry();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    List<AutoCloseable> closing = new ArrayList<>();
    AtomicReference<HaState> partnerState = new AtomicReference<>(HaState.WAITING);
    AtomicReference<Duration> partnerClockOffset = new AtomicReference<>(Duration.ZERO);
    HaRuntime runtime;

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (runtime != null) {
            runtime.close();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    URI serve(CommandDispatcher d) throws Exception {
        URI url = URI.create("http://127.0.0.1:" + freePort() + "/");
        HaListener l = new HaListener(url, d);
        l.start();
        closing.add(l);
        return url;
    }

    /** This suite's dhcp-service and lease-service, both answering what the runtime asks. */
    URI localServices() throws Exception {
        CommandDispatcher d = new CommandDispatcher();
        for (String c : List.of("dhcp-enable", "dhcp-disable", "ha-scopes-set", "ha-lease-updates-set", "lease4-update")) {
            d.register(c, a -> CommandResponse.success(null));
        }
        d.register("ha-connecting-clients", a -> CommandResponse.success(null, JsonNodeFactory.instance.objectNode().set("clients",
                JsonNodeFactory.instance.arrayNode())));
        d.register("ha-lease-updates-status", a -> CommandResponse.success(null, JsonNodeFactory.instance.objectNode()
                .put("unsent-update-count", 0).put("acked", 0)));
        d.register("lease4-get", a -> new CommandResponse(3, "Lease not found.", null));
        return serve(d);
    }

    /** A partner whose state and clock the test sets; it has no leases. */
    URI partner() throws Exception {
        CommandDispatcher d = new CommandDispatcher();
        d.register("ha-heartbeat", a -> CommandResponse.success("HA peer status returned.", CommandCreator.heartbeatAnswer(
                partnerState.get(), clock.instant().plus(partnerClockOffset.get()), List.of(), 0)));
        for (String c : List.of("dhcp-disable", "dhcp-enable", "ha-sync-complete-notify")) {
            d.register(c, a -> CommandResponse.success(null));
        }
        d.register("lease4-get-page", a -> new CommandResponse(3, "0 IPv4 lease(s) found.", null));
        return serve(d);
    }

    void start(URI partnerUrl) throws Exception {
        URI local = localServices();
        var config = KeaConfigLoader.parse("""
                { "Dhcp4": { "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {
                  "high-availability": [ { "this-server-name": "server1", "mode": "hot-standby",
                    "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
                    "peers": [ { "name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary" },
                               { "name": "server2", "url": "%s", "role": "standby" } ] } ] } } ] } }"""
                .formatted(freePort(), partnerUrl), null);
        HaRelationship r = HaConfigParser.fromHooks(config.dhcp4().hooksLibraries(), "Dhcp4/hooks-libraries").relationships().getFirst();
        runtime = new HaRuntime(r, clock, new CommandClient(partnerUrl, null, null), new CommandClient(local, null, null),
                new CommandClient(local, null, null), registry);
    }

    void tickUntil(BooleanSupplier done) {
        for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
            runtime.tick();
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(done.getAsBoolean()).as("reached; logs:\n" + messages()).isTrue();
    }

    List<String> messages() {
        return logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void anUnreachablePartnerIsLoggedAndShownUntilThePrimaryDeclaresItDown() throws Exception {
        start(URI.create("http://127.0.0.1:" + freePort() + "/"));
        assertThat(gauge("ha.state", "relationship", "server1", "state", "waiting")).isEqualTo(1);
        tickUntil(() -> runtime.state() == HaState.PARTNER_DOWN);
        assertThat(messages()).anyMatch(m -> m.startsWith("WARN HA_HEARTBEAT_COMMUNICATIONS_FAILED failed to send heartbeat to server2: "))
                .contains("WARN HA_COMMUNICATION_INTERRUPTED communication with server2 is interrupted",
                        "INFO HA_STATE_TRANSITION server transitions from WAITING to PARTNER-DOWN state, partner state is UNAVAILABLE",
                        "INFO HA_LOCAL_DHCP_ENABLE local DHCP service is enabled in the partner-down state");
        assertThat(messages().stream().filter(m -> m.contains("HA_COMMUNICATION_INTERRUPTED"))).as("once per interruption").hasSize(1);
        assertThat(gauge("ha.state", "relationship", "server1", "state", "partner-down")).isEqualTo(1);
        assertThat(gauge("ha.state", "relationship", "server1", "state", "waiting")).isZero();
        assertThat(gauge("ha.partner.state", "relationship", "server1", "state", "unavailable")).isEqualTo(1);
        assertThat(gauge("ha.communication.interrupted", "relationship", "server1")).isEqualTo(1);
        assertThat(gauge("ha.clock.skew.seconds", "relationship", "server1")).isNaN();
        double sent = registry.get("ha.heartbeats.sent").counter().count();
        assertThat(sent).isGreaterThanOrEqualTo(3);
        assertThat(registry.get("ha.heartbeats.failed").counter().count()).isEqualTo(sent);
    }

    @Test
    void syncThenMaintenanceAreLoggedWithKeasIdsAndCounted() throws Exception {
        start(partner());
        partnerState.set(HaState.PARTNER_IN_MAINTENANCE);
        tickUntil(() -> runtime.state() == HaState.IN_MAINTENANCE);
        assertThat(messages()).contains(
                "INFO HA_STATE_TRANSITION server transitions from WAITING to SYNCING state, partner state is PARTNER-IN-MAINTENANCE",
                "INFO HA_SYNC_START starting lease database synchronization with server2",
                "INFO HA_STATE_TRANSITION server transitions from SYNCING to READY state, partner state is PARTNER-IN-MAINTENANCE",
                "INFO HA_STATE_TRANSITION server transitions from READY to IN-MAINTENANCE state, partner state is PARTNER-IN-MAINTENANCE",
                "INFO HA_MAINTENANCE_SHUTDOWN_SAFE the server can now be shutdown for maintenance as the partner has taken over"
                        + " the DHCP traffic")
                .anyMatch(m -> m.startsWith("INFO HA_SYNC_SUCCESSFUL lease database synchronization with server2 completed"));
        assertThat(registry.get("ha.sync.runs").tags("result", "success").counter().count()).isEqualTo(1);
        assertThat(registry.get("ha.sync.runs").tags("result", "failure").counter().count()).isZero();
        assertThat(registry.get("ha.sync.duration").timer().count()).isEqualTo(1);
        assertThat(registry.get("ha.sync.leases.fetched").counter().count()).isZero();
        assertThat(gauge("ha.sync.last.result", "relationship", "server1")).isEqualTo(1);
        assertThat(gauge("ha.sync.last.timestamp.seconds", "relationship", "server1")).isGreaterThanOrEqualTo(START.getEpochSecond());
        assertThat(gauge("ha.partner.state", "relationship", "server1", "state", "partner-in-maintenance")).isEqualTo(1);
        assertThat(gauge("ha.state", "relationship", "server1", "state", "in-maintenance")).isEqualTo(1);
        assertThat(gauge("ha.communication.interrupted", "relationship", "server1")).isZero();
        assertThat(registry.get("ha.heartbeats.failed").counter().count()).isZero();
    }

    @Test
    void aPartnerClockTwoMinutesAheadTerminatesWithKeasMessages() throws Exception {
        start(partner());
        partnerState.set(HaState.HOT_STANDBY);
        partnerClockOffset.set(Duration.ofSeconds(120));
        tickUntil(() -> runtime.state() == HaState.TERMINATED);
        assertThat(messages()).contains(
                "ERROR HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION my time: 2026-12-07 01:00:00, partner's time: 2026-12-07 01:02:00,"
                        + " partner's clock is 120s ahead, causing HA service to terminate",
                "ERROR HA_TERMINATED HA service terminated due to an unrecoverable condition. Check previous error message(s),"
                        + " address the problem and restart!");
        assertThat(gauge("ha.clock.skew.seconds", "relationship", "server1")).isEqualTo(120);
        assertThat(gauge("ha.state", "relationship", "server1", "state", "terminated")).isEqualTo(1);
    }
}
