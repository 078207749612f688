package io.dhcpsuite.dhcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.DhcpDecoder;
import io.dhcpsuite.codec.DhcpEncoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.InterfacesConfig;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.processing.DhcpState;
import io.dhcpsuite.dhcp.processing.FakeLeaseClient;
import io.dhcpsuite.dhcp.processing.PacketProcessor;
import io.dhcpsuite.dhcp.processing.ServerSettings;
import io.dhcpsuite.dhcp.processing.TestKit;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Real UDP on loopback: the server on 127.0.0.2, a relay stand-in on 127.0.0.1. */
class DhcpSocketsTest {

    @Test
    void survivesGarbageAndStillAnswersDiscover() throws Exception {
        SuiteConfig cfg = KeaConfigLoader.parse(TestKit.CONFIG.replace("\"192.0.2.2\"", "\"127.0.0.1\""), null);
        try (DatagramChannel relay = DatagramChannel.open(StandardProtocolFamily.INET)) {
            relay.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) relay.getLocalAddress()).getPort();
            // The server replies to relays on its own port: use the relay's port for both.
            DhcpSockets sockets = DhcpSockets.bind(List.of(new SocketPlan.Endpoint("lo", Ipv4.parse("127.0.0.2"))), port);
            try {
                PacketStats stats = new PacketStats(new Statistics());
                ServerSettings settings = ServerSettings.of(cfg.dhcp4(), port, port + 1, Set.of());
                sockets.start(new PacketProcessor(settings, new DhcpState(Clock.systemUTC()),
                        new FakeLeaseClient(cfg.dhcp4()), stats));
                InetSocketAddress server = new InetSocketAddress("127.0.0.2", port);
                Random random = new Random(42);
                for (int i = 0; i < 20; i++) {
                    byte[] junk = new byte[random.nextInt(600)];
                    random.nextBytes(junk);
                    relay.send(ByteBuffer.wrap(junk), server);
                }
                Awaitility.await().until(() -> stats.value(PacketStats.RECEIVED) == 20);
                assertThat(stats.value(PacketStats.PARSE_FAILED)).isEqualTo(20);
                assertThat(stats.value(PacketStats.RECEIVE_DROP)).isEqualTo(20);

                DhcpMessage discover = TestKit.query(MessageType.DISCOVER, "02:00:00:00:00:aa", "127.0.0.1").build();
                relay.send(ByteBuffer.wrap(DhcpEncoder.encode(discover)), server);
                ByteBuffer in = ByteBuffer.allocate(2048);
                relay.configureBlocking(true);
                relay.socket().setSoTimeout(5000);
                InetSocketAddress from = (InetSocketAddress) relay.receive(in);
                DhcpMessage offer = DhcpDecoder.decode(in.array(), 0, in.position());
                assertThat(offer.messageType()).isEqualTo(MessageType.OFFER);
                assertThat(from.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
                assertThat(Ipv4.format(offer.optionAddress(OptionCodes.SERVER_ID))).isEqualTo("127.0.0.2");
                assertThat(Ipv4.format(offer.yiaddr())).isEqualTo("198.19.0.10");
                Awaitility.await().until(() -> stats.value(PacketStats.OFFER_SENT) == 1);
            } finally {
                sockets.close();
            }
        }
    }

    @Test
    void planSharesOneWildcardSocketAndKeepsAddressSockets() {
        List<SocketPlan.Endpoint> plan = SocketPlan.of(new InterfacesConfig(List.of(
                new InterfacesConfig.Interface("lo", Ipv4.parse("127.0.0.2")),
                new InterfacesConfig.Interface("eth0", null)), "udp"));
        assertThat(plan).containsExactly(new SocketPlan.Endpoint("lo", Ipv4.parse("127.0.0.2")),
                new SocketPlan.Endpoint("eth0", 0));
        assertThat(SocketPlan.of(new InterfacesConfig(List.of(new InterfacesConfig.Interface("*", null),
                new InterfacesConfig.Interface("eth0", null)), "udp")))
                .containsExactly(new SocketPlan.Endpoint(null, 0));
    }

    @Test
    void privilegedPortWithoutRootSaysWhatIsNeeded() {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root may bind port 67");
        assertThatThrownBy(() -> DhcpSockets.bind(List.of(new SocketPlan.Endpoint("lo", Ipv4.parse("127.0.0.2"))), 67))
                .isInstanceOf(PortBindException.class)
                .hasMessageContaining("binding UDP port 67 needs root or CAP_NET_BIND_SERVICE");
    }
}
