package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.ServiceDispatcher;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.Dhcp6Decoder;
import io.dhcpsuite.codec.Dhcp6Encoder;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.IaNa;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.ha.LoadBalancingHash;
import io.dhcpsuite.dhcp.command.DhcpCommands;
import io.dhcpsuite.dhcp.ha.HaInternalCommands;
import io.dhcpsuite.dhcp.ha.HaScopes;
import io.dhcpsuite.dhcp.processing.DhcpState;
import io.dhcpsuite.dhcp.stats.Packet6Stats;
import io.dhcpsuite.dhcp.v6.leaseclient.BatchingLease6Client;
import io.dhcpsuite.dhcp.v6.leaseclient.HttpLease6Transport;
import io.dhcpsuite.dhcp.v6.transport.Dhcp6Sockets;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DHCPv6 service of a load-balancing server1 (the Dhcp6 section's libdhcp_ha.so), on a real
 * socket on [::1]: it starts disabled, then answers only the clients whose DUID hashes to its
 * scope, and the commands for {@code "service": ["dhcp6"]} drive its own network state and scopes,
 * not DHCPv4's.
 */
class HaGate6Test {
    private static final String CONFIG = """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": ["lo/::1"]},
              "subnet6": [ {"id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                            "pools": [{"pool": "2001:db8:1::100 - 2001:db8:1::1ff"}]} ],
              "hooks-libraries": [ {"library": "/k/libdhcp_ha.so", "parameters": {"high-availability": [
                {"this-server-name": "server1", "mode": "load-balancing", "peers": [
                  {"name": "server1", "url": "http://127.0.0.1:18001/", "role": "primary"},
                  {"name": "server2", "url": "http://127.0.0.1:18002/", "role": "secondary"}]}]}} ]}}
            """;

    private FakeLease6Service leaseService;
    private BatchingLease6Client leases;
    private Dhcp6Sockets sockets;
    private DatagramSocket client;
    private InetSocketAddress server;
    private HaGate6 gate;
    private DhcpState v4State;
    private ServiceDispatcher commands;

    @BeforeEach
    void start() throws Exception {
        leaseService = new FakeLease6Service();
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        client.setSoTimeout(3000);
        SuiteConfig config = KeaConfigLoader.parse(CONFIG, null);
        Duid serverDuid = ServerDuid.make(io.dhcpsuite.config.ServerId.DEFAULTS, Clock.systemUTC());
        Dhcp6Settings settings = Dhcp6Settings.of(config.dhcp6(), serverDuid, 0, client.getLocalPort());
        leases = new BatchingLease6Client(16, 4, 256, Duration.ofSeconds(2),
                new HttpLease6Transport(leaseService.url(), Duration.ofSeconds(2), JsonMapper.builder().build()));
        // as the bootstrap builds it: HA configured, so disabled under the relationship's local origin
        HaScopes scopes = HaScopes.of6(config.dhcp6());
        DhcpState state = new DhcpState(Clock.systemUTC());
        scopes.localOrigins().forEach(o -> state.disable(o, 0));
        gate = new HaGate6(state, scopes);
        v4State = new DhcpState(Clock.systemUTC());
        commands = new ServiceDispatcher();
        DhcpCommands.registerNetworkState(commands, v4State, "DHCPv4");
        DhcpCommands.registerNetworkState(commands.dhcp6(), state, "DHCPv6");
        HaInternalCommands.register(commands.dhcp6(), scopes);
        sockets = Dhcp6Sockets.bind(config.dhcp6().interfacesConfig(), 0);
        sockets.start(new Dhcp6Processor(settings, leases, new Packet6Stats(new Statistics(Clock.systemUTC())), gate));
        server = new InetSocketAddress(InetAddress.getByName("::1"), sockets.sockets().get(0).port());
    }

    @AfterEach
    void stop() {
        sockets.close();
        leases.close();
        leaseService.close();
        client.close();
    }

    /** A DUID-LL whose RFC 3074 hash has the given parity (0: server1's scope, 1: server2's). */
    static Duid duid(int parity, int skip) {
        int found = 0;
        for (int i = 0; ; i++) {
            Duid d = Duid.ll(1, new byte[] {2, 0, 0, 0, (byte) (i >> 8), (byte) i});
            if (LoadBalancingHash.hash(d.bytes()) % 2 == parity && found++ == skip) {
                return d;
            }
        }
    }

    private Dhcp6Message solicit(Duid client, int elapsed) {
        return Dhcp6Message.builder().type(Dhcp6MessageType.SOLICIT).transactionId(0x42).clientId(client)
                .elapsedTime(elapsed).iaNa(IaNa.of(1, 0, 0, List.of(), null)).build();
    }

    private boolean answered(Dhcp6Message q) throws Exception {
        byte[] b = Dhcp6Encoder.encode(q);
        client.send(new DatagramPacket(b, b.length, server));
        client.setSoTimeout(700);
        try {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            client.receive(p);
            return Dhcp6Decoder.decode(p.getData(), 0, p.getLength()).messageType() == Dhcp6MessageType.ADVERTISE;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private int result(String command, String service, String args) {
        return commands.dispatch(new CommandRequest(command, service == null ? null : List.of(service),
                JsonMapper.builder().build().readTree(args))).result();
    }

    @Test
    void startsDisabledThenAnswersOnlyItsScopeByTheDuidHash() throws Exception {
        assertThat(answered(solicit(duid(0, 0), 0))).as("waiting: the DHCPv6 service is disabled").isFalse();
        // what ha-service sends when the relationship reaches load-balancing
        assertThat(result("dhcp-enable", "dhcp6", "{\"origin-id\": 1000}")).isZero();
        assertThat(result("ha-scopes-set", "dhcp6", "{\"server-name\": \"server1\", \"scopes\": [\"server1\"]}")).isZero();
        assertThat(answered(solicit(duid(0, 1), 0))).as("a client of server1's scope").isTrue();
        assertThat(answered(solicit(duid(1, 0), 0))).as("a client of server2's scope").isFalse();
        // partner-down: both scopes
        assertThat(result("ha-scopes-set", "dhcp6", "{\"scopes\": [\"server1\", \"server2\"]}")).isZero();
        assertThat(answered(solicit(duid(1, 1), 0))).isTrue();
    }

    @Test
    void dhcpDisableForDhcp6StopsDhcpv6AloneAndDhcp4sStaysApart() throws Exception {
        result("dhcp-enable", "dhcp6", "{\"origin-id\": 1000}");
        result("ha-scopes-set", "dhcp6", "{\"scopes\": [\"server1\", \"server2\"]}");
        assertThat(result("dhcp-disable", null, "{}")).as("dhcp4's disable").isZero();
        assertThat(v4State.enabled()).isFalse();
        assertThat(answered(solicit(duid(0, 2), 0))).as("DHCPv4's state does not stop DHCPv6").isTrue();
        assertThat(result("dhcp-disable", "dhcp6", "{\"origin\": \"ha-partner\", \"max-period\": 60}")).isZero();
        assertThat(answered(solicit(duid(0, 3), 0))).isFalse();
        assertThat(result("dhcp-enable", "dhcp6", "{\"origin\": \"ha-partner\"}")).isZero();
        assertThat(answered(solicit(duid(0, 4), 0))).isTrue();
    }

    @Test
    void whileAnalysingTheDroppedPartnerClientsAreSampledWithDuidAndElapsedTime() throws Exception {
        result("dhcp-enable", "dhcp6", "{\"origin-id\": 1000}");
        result("ha-scopes-set", "dhcp6", "{\"scopes\": [\"server1\"], \"analyze\": true}");
        Duid partners = duid(1, 2);
        assertThat(answered(solicit(partners, 1500))).isFalse();
        List<HaScopes.Sample> samples = gate.scopes().drain();
        assertThat(samples).hasSize(1);
        assertThat(samples.getFirst().clientId()).isEqualTo(partners.toHex());
        assertThat(samples.getFirst().secs()).as("elapsed time in hundredths").isEqualTo(1500);
        assertThat(gate.scopes().outOfScope()).isEqualTo(1);
    }
}
