package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.Dhcp6Decoder;
import io.dhcpsuite.codec.Dhcp6Encoder;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.Dhcp6Relay;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.IaAddress;
import io.dhcpsuite.codec.IaNa;
import io.dhcpsuite.codec.IaPd;
import io.dhcpsuite.codec.IaPrefix;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.codec.MalformedPacketException;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.stats.Packet6Stats;
import io.dhcpsuite.dhcp.v6.leaseclient.Lease6Client;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Seeded mutations of valid DHCPv6 queries (direct and relayed, every message type a server
 * answers, with IA_NA, IA_PD, ORO, rapid commit, reservations and classes in play) through the
 * whole chain with an in-memory lease-service, in every build. Invariant: each datagram is
 * counted and either answered or dropped, no handler throws (the chain would survive it, so the
 * test watches the log), and every reply sent decodes.
 */
class Dhcp6PipelineMutationTest {
    private static final String CONFIG = """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": ["lo/::1"]},
              "option-data": [{"name": "dns-servers", "data": "2001:db8::53"}],
              "client-classes": [{"name": "c1", "test": "option[16].exists or relay6[0].option[18].hex == 'port-2'"},
                                 {"name": "c2", "test": "member('KNOWN') and pkt6.msgtype == 3"}],
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "interface": "lo", "rapid-commit": true,
                 "pools": [{"pool": "2001:db8:1::100 - 2001:db8:1::1ff", "option-data": [{"name": "sntp-servers", "data": "2001:db8::123"}]}],
                 "pd-pools": [{"prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56,
                               "excluded-prefix": "2001:db8:8::", "excluded-prefix-len": 64}],
                 "reservations": [{"duid": "00:03:00:01:02:00:00:00:00:01", "ip-addresses": ["2001:db8:1::42"],
                                   "prefixes": ["2001:db8:9::/56"], "client-classes": ["c1"]}]},
                {"id": 2, "subnet": "2001:db8:2::/64", "interface-id": "port-2", "pools": [{"pool": "2001:db8:2::/80"}]}
              ],
              "shared-networks": [{"name": "n", "relay": {"ip-addresses": ["2001:db8:ff::1"]},
                 "subnet6": [{"id": 3, "subnet": "2001:db8:3::/64"}, {"id": 4, "subnet": "2001:db8:4::/64"}]}]
            }}
            """;
    private static final ListAppender<ILoggingEvent> BAD = new ListAppender<>();

    static {
        Logger logger = (Logger) LoggerFactory.getLogger("kea-dhcp6.bad-packets");
        logger.setLevel(Level.WARN);
        BAD.start();
        logger.addAppender(BAD);
    }

    private final AtomicLong replies = new AtomicLong();

    /** Answers every IA at once: an address or prefix in the op's first subnet, lifetimes as asked. */
    private static final Lease6Client LEASES = (op, callback) -> {
        List<LeaseResult6.IaResult> ias = new ArrayList<>();
        long subnet = op.subnetIds().isEmpty() ? 0 : op.subnetIds().get(0);
        int n = 0;
        for (LeaseOp6.Ia ia : op.ias()) {
            n++;
            boolean pd = Lease6.IA_PD.equals(ia.type());
            String addr = pd ? "2001:db8:8:" + Integer.toHexString(n << 8) + "::" : "2001:db8:" + subnet + "::" + (0x100 + n);
            Lease6 l = new Lease6(addr, ia.type(), pd ? 56 : 128, op.duid(), ia.iaid(), subnet, null,
                    ia.preferredLifetime(), ia.validLifetime(), 1, op.hwAddress(), false, false, null, 0, null);
            ias.add(new LeaseResult6.IaResult(ia.type(), ia.iaid(),
                    n % 5 == 0 ? LeaseResult6.IaStatus.NO_BINDING : LeaseResult6.IaStatus.SUCCESS, List.of(l), null));
        }
        callback.done(new LeaseResult6(op.id(), LeaseResult6.Status.OK, ias, null), null);
        return true;
    };

    private static Inet6Address v6(String s) {
        try {
            return (Inet6Address) InetAddress.getByAddress(Ipv6.parse(s));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> seeds(Duid server) {
        Duid client = Duid.fromHex("00:03:00:01:02:00:00:00:00:01");
        IaNa na = IaNa.of(1, 0, 0, List.of(new IaAddress(v6("2001:db8:1::150"), 100, 200)), null);
        IaPd pd = IaPd.of(2, 0, 0, List.of(new IaPrefix(100, 200, 56, v6("2001:db8:8:100::"))), null);
        List<Dhcp6Message> m = new ArrayList<>();
        for (Dhcp6MessageType t : Dhcp6MessageType.values()) {
            if (t.isRelay()) {
                continue;
            }
            Dhcp6Message.Builder b = Dhcp6Message.builder().type(t).transactionId(0x1234).clientId(client)
                    .iaNa(na).iaPd(pd).oro(OptionCodes6.DNS_SERVERS, 31, OptionCodes6.PD_EXCLUDE).elapsedTime(0);
            if (t == Dhcp6MessageType.REQUEST || t == Dhcp6MessageType.RENEW || t == Dhcp6MessageType.RELEASE
                    || t == Dhcp6MessageType.DECLINE || t == Dhcp6MessageType.INFORMATION_REQUEST) {
                b.serverId(server);
            }
            if (t == Dhcp6MessageType.SOLICIT) {
                b.rapidCommit();
            }
            m.add(b.build());
        }
        Dhcp6Option ifaceId = new Dhcp6Option(OptionCodes6.INTERFACE_ID, "port-2".getBytes(StandardCharsets.US_ASCII));
        List<Dhcp6Message> relayed = new ArrayList<>();
        for (Dhcp6Message q : m) {
            relayed.add(q.toBuilder().addRelay(new Dhcp6Relay(12, 1, v6("2001:db8:ff::1"), v6("fe80::1"), List.of()))
                    .addRelay(new Dhcp6Relay(12, 0, v6("::"), v6("fe80::2"), List.of(ifaceId))).build());
        }
        m.addAll(relayed);
        return m.stream().map(Dhcp6Encoder::encode).toList();
    }

    @Test
    void mutatedQueriesAreCountedAndAnsweredOrDroppedWithoutAHandlerThrowing() {
        SuiteConfig config = KeaConfigLoader.parse(CONFIG, null);
        Duid server = Duid.llt(1, 1, new byte[] {2, 0, 0, 0, 0, 7});
        Dhcp6Settings settings = Dhcp6Settings.of(config.dhcp6(), server, 547, 546);
        Packet6Stats stats = new Packet6Stats(new Statistics(Clock.systemUTC()));
        Dhcp6Processor processor = new Dhcp6Processor(settings, LEASES, stats);
        Ingress6 ingress = new Ingress6("lo", Ipv6.parse("::1"), (datagram, destination) -> {
            byte[] b = new byte[datagram.remaining()];
            datagram.get(b);
            try {
                Dhcp6Decoder.decode(b);
            } catch (MalformedPacketException e) {
                throw new AssertionError("the server sent a reply that does not decode", e);
            }
            replies.incrementAndGet();
        });
        InetSocketAddress from = new InetSocketAddress(v6("::1"), 546);
        List<byte[]> seeds = seeds(server);
        for (byte[] s : seeds) {
            processor.process(s, 0, s.length, ingress, from);
        }
        assertThat(replies.get()).as("the unmutated seeds are answered").isGreaterThanOrEqualTo(12);
        Random random = new Random(8415);
        int runs = 20_000;
        for (int i = 0; i < runs; i++) {
            byte[] d = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(d.length);
                switch (random.nextInt(3)) {
                    case 0 -> d[at] = (byte) random.nextInt(256);
                    case 1 -> d[at] ^= (byte) (1 << random.nextInt(8));
                    default -> d = java.util.Arrays.copyOf(d, Math.max(1, at));
                }
            }
            processor.process(d, 0, d.length, ingress, from);
        }
        long total = seeds.size() + runs;
        assertThat(stats.value(Packet6Stats.RECEIVED)).isEqualTo(total);
        assertThat(BAD.list).as("handler exceptions").isEmpty();
        assertThat(stats.value(Packet6Stats.SENT) + stats.value(Packet6Stats.RECEIVE_DROP)).isEqualTo(total);
        assertThat(stats.value(Packet6Stats.PARSE_FAILED)).isPositive();
    }
}
