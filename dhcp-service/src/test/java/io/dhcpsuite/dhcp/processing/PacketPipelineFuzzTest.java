package io.dhcpsuite.dhcp.processing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.DhcpDecoder;
import io.dhcpsuite.codec.MalformedPacketException;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.leaseclient.LeaseCallback;
import io.dhcpsuite.dhcp.leaseclient.LeaseClient;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Coverage-guided fuzzing of the whole DHCPv4 packet path up to the lease request and back to the
 * reply (docs/reliability.md): decode, validate, classify, subnet selection, host reservations,
 * client names, lease request, DDNS, reply assembly and routing, over TestKit's configuration
 * (relays, a shared network, classes, reservations) with an in-memory lease-service. Invariant: a
 * datagram is counted and either answered or dropped. PacketProcessor survives a handler's
 * exception by design (DHCP4_PACKET_DROP_0007), so the target fails on that log line too: a
 * handler that throws is a bug even when the server lives. Every reply sent must decode.
 * Seeds: the Kea 2.2/perfdhcp captures of dhcp-codec, in PacketPipelineFuzzTestInputs/.
 */
class PacketPipelineFuzzTest {
    private static final SuiteConfig CONFIG = KeaConfigLoader.parse(TestKit.CONFIG, null);
    private static final ServerSettings SETTINGS = ServerSettings.of(CONFIG.dhcp4(), 67, 68, Set.of(TestKit.SERVER));
    private static final InetSocketAddress RELAY = address("192.0.2.2", 67);
    private static final InetSocketAddress CLIENT = address("127.0.0.9", 68);
    private static final ListAppender<ILoggingEvent> BAD_PACKETS = new ListAppender<>();

    static {
        Logger logger = (Logger) LoggerFactory.getLogger("kea-dhcp4.bad-packets");
        logger.setLevel(Level.WARN);
        BAD_PACKETS.start();
        logger.addAppender(BAD_PACKETS);
    }

    private final PacketStats stats = new PacketStats(new Statistics());
    private final FakeLeaseClient allocator = new FakeLeaseClient(CONFIG.dhcp4());
    /** FakeLeaseClient's answers without its record of every op, which would grow for the whole run. */
    private final LeaseClient leases = new LeaseClient() {
        @Override
        public boolean submit(LeaseOp4 op, LeaseCallback callback) {
            callback.done(allocator.allocate(op), null);
            return true;
        }
    };
    private final PacketProcessor processor = new PacketProcessor(SETTINGS, new DhcpState(Clock.systemUTC()),
            leases, stats);
    private final Ingress ingress = new Ingress("lo", TestKit.SERVER, TestKit.SERVER, List.of(TestKit.SERVER),
            (datagram, destination) -> {
                byte[] reply = new byte[datagram.remaining()];
                datagram.get(reply);
                try {
                    DhcpDecoder.decode(reply);
                } catch (MalformedPacketException e) {
                    throw new AssertionError("the server sent a reply that does not decode", e);
                }
            });

    @FuzzTest(maxDuration = "5m")
    void everyDatagramIsAnsweredOrCountedAndDropped(byte[] datagram) {
        if (datagram.length > 65_507) {
            return;
        }
        BAD_PACKETS.list.clear();
        long received = stats.value(PacketStats.RECEIVED);
        // as relayed (giaddr set in most seeds) and as from a directly connected client
        processor.process(datagram, 0, datagram.length, ingress, RELAY);
        processor.process(datagram, 0, datagram.length, ingress, CLIENT);
        assertThat(stats.value(PacketStats.RECEIVED)).isEqualTo(received + 2);
        assertThat(BAD_PACKETS.list).as("handler exceptions").isEmpty();
    }

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
