package io.dhcpsuite.config.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.HookLibrary;
import io.dhcpsuite.config.KeaJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class HaConfigParserTest {
    static final String ROOT = "Dhcp4/hooks-libraries[1]/parameters";
    static final String HS_PEERS = """
            "peers": [ { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                       { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "standby" } ]""";
    static final String LB_PEERS = """
            "peers": [ { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                       { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary" },
                       { "name": "server3", "url": "http://127.0.0.4:8001/", "role": "backup" } ]""";

    static HaConfig parse(String relationships) {
        String json = "{ \"high-availability\": [ " + relationships + " ] }";
        return HaConfigParser.parse(KeaJson.of(JsonMapper.builder().build().readTree(json), ROOT));
    }

    static String hs(String extra) {
        return "{ \"this-server-name\": \"server1\", \"mode\": \"hot-standby\", " + extra + HS_PEERS + " }";
    }

    static String lb(String extra) {
        return "{ \"this-server-name\": \"server1\", \"mode\": \"load-balancing\", " + extra + LB_PEERS + " }";
    }

    @Test
    void appliesKeasDefaults() {
        HaRelationship r = parse(hs("")).relationships().getFirst();
        assertThat(r.id()).isZero();
        assertThat(r.mode()).isEqualTo(HaMode.HOT_STANDBY);
        assertThat(r.heartbeatDelay()).isEqualTo(10000);
        assertThat(r.maxResponseDelay()).isEqualTo(60000);
        assertThat(r.maxAckDelay()).isEqualTo(10000);
        assertThat(r.maxUnackedClients()).isEqualTo(10);
        assertThat(r.maxRejectedLeaseUpdates()).isEqualTo(10);
        assertThat(r.delayedUpdatesLimit()).isZero();
        assertThat(r.sendLeaseUpdates()).isTrue();
        assertThat(r.syncLeases()).isTrue();
        assertThat(r.syncTimeout()).isEqualTo(60000);
        assertThat(r.syncPageLimit()).isEqualTo(10000);
        assertThat(r.waitBackupAck()).isFalse();
        assertThat(r.requireClientCerts()).isTrue();
        assertThat(r.restrictCommands()).isFalse();
        assertThat(r.multiThreading()).isEqualTo(new HaRelationship.MultiThreading(true, true, 0, 0));
        assertThat(r.pause(HaState.WAITING)).isEqualTo(HaPausePolicy.NEVER);
        assertThat(r.remoteOrigin()).isEqualTo(2000);
        assertThat(r.thisServer().autoFailover()).isTrue();
        assertThat(r.thisServer().basicAuthUser()).isNull();
        assertThat(r.thisServer().tls()).isFalse();
        assertThat(r.partner().name()).isEqualTo("server2");
        assertThat(r.partner().url().getPort()).isEqualTo(8001);
    }

    @Test
    void loadBalancingDefaultsToAHundredDelayedUpdatesAndOrdersActiveServersPrimaryFirst() {
        String peers = """
                { "this-server-name": "b", "mode": "load-balancing", "peers": [
                  { "name": "b", "url": "http://127.0.0.3:8001/", "role": "secondary" },
                  { "name": "x", "url": "http://127.0.0.4:8001/", "role": "backup" },
                  { "name": "a", "url": "http://127.0.0.2:8001/", "role": "primary" } ] }""";
        HaRelationship r = parse(peers).relationships().getFirst();
        assertThat(r.delayedUpdatesLimit()).isEqualTo(100);
        assertThat(r.activeServers()).extracting(HaPeer::name).containsExactly("a", "b");
        assertThat(r.partner().name()).isEqualTo("a");
        assertThat(r.backups()).extracting(HaPeer::name).containsExactly("x");
    }

    @Test
    void readsEveryParameter(@TempDir Path dir) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "s3cret\n");
        HaRelationship r = parse("""
                { "this-server-name": "server1", "mode": "load-balancing", "heartbeat-delay": 1000,
                  "max-response-delay": 3000, "max-ack-delay": 500, "max-unacked-clients": 0,
                  "max-rejected-lease-updates": 3, "delayed-updates-limit": 7, "send-lease-updates": false,
                  "sync-leases": false, "sync-timeout": 5000, "sync-page-limit": 50,
                  "require-client-certs": false, "restrict-commands": true,
                  "multi-threading": { "enable-multi-threading": false, "http-dedicated-listener": false,
                                       "http-listener-threads": 2, "http-client-threads": 3 },
                  "state-machine": { "states": [ { "state": "waiting", "pause": "once" },
                                                 { "state": "ready", "pause": "always" } ] },
                  "peers": [ { "name": "server1", "url": "http://[2001:db8::1]:8001/", "role": "primary",
                               "auto-failover": false, "basic-auth-user": "ha", "basic-auth-password-file": "%s" },
                             { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary",
                               "basic-auth-user": "ha", "basic-auth-password": "pw2" } ] }"""
                .formatted(pw)).relationships().getFirst();
        assertThat(r).extracting(HaRelationship::heartbeatDelay, HaRelationship::maxResponseDelay,
                HaRelationship::maxAckDelay, HaRelationship::maxUnackedClients,
                HaRelationship::maxRejectedLeaseUpdates, HaRelationship::delayedUpdatesLimit,
                HaRelationship::sendLeaseUpdates, HaRelationship::syncLeases, HaRelationship::syncTimeout,
                HaRelationship::syncPageLimit, HaRelationship::requireClientCerts, HaRelationship::restrictCommands)
                .containsExactly(1000, 3000, 500, 0L, 3L, 7L, false, false, 5000L, 50L, false, true);
        assertThat(r.multiThreading()).isEqualTo(new HaRelationship.MultiThreading(false, false, 2, 3));
        assertThat(r.pause(HaState.WAITING)).isEqualTo(HaPausePolicy.ONCE);
        assertThat(r.pause(HaState.READY)).isEqualTo(HaPausePolicy.ALWAYS);
        HaPeer me = r.thisServer();
        assertThat(me.url().getHost()).isEqualTo("[2001:db8::1]");
        assertThat(me.autoFailover()).isFalse();
        assertThat(me.basicAuthPassword()).isEqualTo("s3cret");
        assertThat(r.partner().basicAuthPassword()).isEqualTo("pw2");
    }

    @Test
    void peerTlsSettingsOverrideTheRelationshipsAndAnEmptyStringUnsetsThem() {
        HaRelationship r = parse("""
                { "this-server-name": "server1", "mode": "hot-standby",
                  "trust-anchor": "/ca.pem", "cert-file": "/c.pem", "key-file": "/k.pem",
                  "peers": [ { "name": "server1", "url": "https://127.0.0.2:8001/", "role": "primary",
                               "cert-file": "/own.pem" },
                             { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "standby",
                               "trust-anchor": "", "cert-file": "", "key-file": "" } ] }""")
                .relationships().getFirst();
        assertThat(r.thisServer().certFile()).isEqualTo("/own.pem");
        assertThat(r.thisServer().trustAnchor()).isEqualTo("/ca.pem");
        assertThat(r.partner().tls()).isFalse();
    }

    @Test
    void acceptsSeveralHotStandbyRelationshipsForAHub() {
        HaConfig c = parse("""
                { "this-server-name": "hub1", "mode": "hot-standby", "peers": [
                  { "name": "hub1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                  { "name": "spoke1", "url": "http://127.0.0.3:8001/", "role": "standby" } ] },
                { "this-server-name": "hub2", "mode": "hot-standby", "peers": [
                  { "name": "hub2", "url": "http://127.0.0.2:8002/", "role": "primary" },
                  { "name": "spoke2", "url": "http://127.0.0.4:8001/", "role": "standby" } ] }""");
        assertThat(c.relationships()).extracting(HaRelationship::id).containsExactly(0, 1);
        assertThat(c.relationships().get(1).remoteOrigin()).isEqualTo(2001);
        assertThat(c.relationshipOf("spoke2").thisServerName()).isEqualTo("hub2");
    }

    @Test
    void dhcp6TakesTheSameParametersButOneRelationship() {
        var json = JsonMapper.builder().build();
        var one = json.readTree("{ \"high-availability\": [ " + hs("\"max-unacked-clients\": 3, ") + " ] }");
        HaConfig c = HaConfigParser.fromDhcp6Hooks(List.of(new HookLibrary("/k/libdhcp_lease_cmds.so", null),
                new HookLibrary("/k/libdhcp_ha.so", one)));
        assertThat(c.relationships().getFirst().maxUnackedClients()).isEqualTo(3);
        assertThat(HaConfigParser.fromDhcp6Hooks(List.of())).isNull();
        var bad = json.readTree("{ \"high-availability\": [ " + hs("\"max-unacked-client\": 3, ") + " ] }");
        assertThatThrownBy(() -> HaConfigParser.fromDhcp6Hooks(List.of(new HookLibrary("/k/libdhcp_ha.so", bad))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Dhcp6/hooks-libraries[0]/parameters/high-availability[0]");
        var two = json.readTree("""
                { "high-availability": [
                { "this-server-name": "hub1", "mode": "hot-standby", "peers": [
                  { "name": "hub1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                  { "name": "spoke1", "url": "http://127.0.0.3:8001/", "role": "standby" } ] },
                { "this-server-name": "hub2", "mode": "hot-standby", "peers": [
                  { "name": "hub2", "url": "http://127.0.0.2:8002/", "role": "primary" },
                  { "name": "spoke2", "url": "http://127.0.0.4:8001/", "role": "standby" } ] } ] }""");
        assertThatThrownBy(() -> HaConfigParser.fromDhcp6Hooks(List.of(new HookLibrary("/k/libdhcp_ha.so", two))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Dhcp6/hooks-libraries[0]/parameters/high-availability: several relationships (hub and spoke)"
                        + " are not supported for DHCPv6; configure one");
    }

    @Test
    void findsTheHookByFileNameInAnyDirectory() {
        var params = JsonMapper.builder().build().readTree("{ \"high-availability\": [ " + hs("") + " ] }");
        List<HookLibrary> hooks = List.of(new HookLibrary("/opt/kea/libdhcp_lease_cmds.so", null),
                new HookLibrary("/opt/kea/hooks/libdhcp_ha.so", params));
        assertThat(HaConfigParser.fromHooks(hooks, "Dhcp4/hooks-libraries").relationships()).hasSize(1);
        assertThat(HaConfigParser.fromHooks(hooks.subList(0, 1), "Dhcp4/hooks-libraries")).isNull();
        assertThat(HaConfigParser.isHaLibrary("libdhcp_ha.so")).isTrue();
        assertThat(HaConfigParser.isHaLibrary("/x/libdhcp_ha.so.bak")).isFalse();
        assertThatThrownBy(() -> HaConfigParser.fromHooks(List.of(new HookLibrary("/k/libdhcp_ha.so", null)),
                "Dhcp4/hooks-libraries")).hasMessage(
                        "Dhcp4/hooks-libraries[0]/parameters: missing parameter 'high-availability'");
    }

    static Stream<Arguments> badConfigs() {
        String r0 = ROOT + "/high-availability[0]";
        return Stream.of(
                Arguments.of("empty list", "", ROOT + "/high-availability: a list of HA configurations must not be empty"),
                Arguments.of("two primaries", """
                        { "this-server-name": "server1", "mode": "hot-standby", "peers": [
                          { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                          { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "primary" } ] }""",
                        r0 + "/peers[1]/role: multiple primary servers specified"),
                Arguments.of("secondary in hot-standby", """
                        { "this-server-name": "server1", "mode": "hot-standby", "peers": [
                          { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                          { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary" } ] }""",
                        r0 + "/peers[1]/role: secondary servers not allowed in the hot standby configuration"),
                Arguments.of("standby in load-balancing", """
                        { "this-server-name": "server1", "mode": "load-balancing", "peers": [
                          { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                          { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "standby" } ] }""",
                        r0 + "/peers[1]/role: standby servers not allowed in the load balancing configuration"),
                Arguments.of("no secondary", """
                        { "this-server-name": "server1", "mode": "load-balancing", "peers": [
                          { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" } ] }""",
                        r0 + "/peers: secondary server required in the load balancing configuration"),
                Arguments.of("no primary", """
                        { "this-server-name": "server1", "mode": "passive-backup", "peers": [
                          { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "backup" } ] }""",
                        r0 + "/peers: primary server required in the passive backup configuration"),
                Arguments.of("bad role", hs("").replace("\"standby\"", "\"stanby\""),
                        r0 + "/peers[1]/role: unsupported value 'stanby' for role parameter"),
                Arguments.of("bad mode", hs("").replace("hot-standby", "hot-spare"),
                        r0 + "/mode: unsupported value 'hot-spare' for mode parameter"),
                Arguments.of("this server not a peer", hs("").replace("\"this-server-name\": \"server1\"",
                        "\"this-server-name\": \"server9\""),
                        r0 + "/this-server-name: no peer configuration specified for the 'server9'"),
                Arguments.of("duplicate peer", hs("").replace("\"server2\"", "\"server1\""),
                        r0 + "/peers[1]/name: peer with name 'server1' already specified"),
                Arguments.of("host name in url", hs("").replace("127.0.0.3", "partner.example.org"),
                        r0 + "/peers[1]/url: bad url 'http://partner.example.org:8001/': the host must be an IP address"),
                Arguments.of("https without TLS", hs("").replace("http://127.0.0.3", "https://127.0.0.3"),
                        r0 + "/peers[1]/url: bad url 'https://127.0.0.3:8001/': https scheme is not supported"),
                Arguments.of("TLS half configured", hs("\"trust-anchor\": \"/ca.pem\", "),
                        r0 + "/peers[0]: bad TLS config for server server1: cert-file parameter is missing"),
                Arguments.of("password and password file", hs("").replace("\"role\": \"standby\"",
                        "\"role\": \"standby\", \"basic-auth-user\": \"u\", \"basic-auth-password\": \"p\", "
                                + "\"basic-auth-password-file\": \"/f\""),
                        r0 + "/peers[1]/basic-auth-password-file: only one of basic-auth-password and"),
                Arguments.of("missing password file", hs("").replace("\"role\": \"standby\"",
                        "\"role\": \"standby\", \"basic-auth-user\": \"u\", "
                                + "\"basic-auth-password-file\": \"/nonexistent/pw\""),
                        r0 + "/peers[1]/basic-auth-password-file: bad password file in peer 'server2'"),
                Arguments.of("user with colon", hs("").replace("\"role\": \"standby\"",
                        "\"role\": \"standby\", \"basic-auth-user\": \"a:b\""),
                        r0 + "/peers[1]/basic-auth-user: user 'a:b' must not contain a ':'"),
                Arguments.of("wait-backup-ack outside passive-backup", lb("\"wait-backup-ack\": true, "),
                        r0 + "/wait-backup-ack: 'wait-backup-ack' must be set to false in the load balancing"),
                Arguments.of("delayed updates in hot-standby", hs("\"delayed-updates-limit\": 5, "),
                        r0 + "/delayed-updates-limit: 'delayed-updates-limit' must be set to 0 in the hot standby"),
                Arguments.of("heartbeat-delay over uint16", hs("\"heartbeat-delay\": 70000, "),
                        r0 + "/heartbeat-delay: value 70000 is out of range 0..65535"),
                Arguments.of("negative max-unacked-clients", hs("\"max-unacked-clients\": -1, "),
                        r0 + "/max-unacked-clients: value -1 is out of range 0..4294967295"),
                Arguments.of("string for a number", hs("\"sync-timeout\": \"60\", "),
                        r0 + "/sync-timeout: expected integer, got string"),
                Arguments.of("typo", hs("\"max-unacked-client\": 3, "), r0 + "/max-unacked-client: unknown parameter"),
                Arguments.of("peer typo", hs("").replace("\"role\": \"standby\"", "\"role\": \"standby\", \"ulr\": 1"),
                        r0 + "/peers[1]/ulr: unknown parameter"),
                Arguments.of("unknown state", hs("\"state-machine\": { \"states\": [ { \"state\": \"sleeping\" } ] }, "),
                        r0 + "/state-machine/states[0]/state: unknown state sleeping"),
                Arguments.of("duplicate state", hs("\"state-machine\": { \"states\": [ { \"state\": \"ready\" }, "
                        + "{ \"state\": \"ready\", \"pause\": \"once\" } ] }, "),
                        r0 + "/state-machine/states[1]/state: duplicated configuration for the 'ready' state"),
                Arguments.of("bad pause", hs("\"state-machine\": { \"states\": [ { \"state\": \"ready\", \"pause\": \"sometimes\" } ] }, "),
                        r0 + "/state-machine/states[0]/pause: unsupported value 'sometimes' for pause parameter"),
                Arguments.of("no peers", "{ \"this-server-name\": \"a\", \"mode\": \"hot-standby\" }",
                        r0 + ": 'peers' parameter missing in HA configuration"),
                Arguments.of("load-balancing relationships in a hub", hs("") + ", " + lb("")
                        .replace("server1", "s4").replace("server2", "s5").replace("server3", "s6"),
                        ROOT + "/high-availability[1]/mode: multiple HA relationships are only supported for 'hot-standby'"),
                Arguments.of("peer name reused across relationships", hs("") + ", " + hs("")
                        .replace("server1", "hub2"),
                        ROOT + "/high-availability[1]/peers[1]/name: server names must be unique for different relationships"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void refusesBadConfigsNamingThePath(String what, String body, String expected) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(ConfigException.class).hasMessageStartingWith(expected);
    }
}
