package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.DhcpDecoder;
import io.dhcpsuite.codec.DhcpEncoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A processor over a config text with a fake lease-service and a sink that keeps the replies. */
public final class TestKit {
    public static final int SERVER = Ipv4.parse("127.0.0.2");

    /** A test configuration: relayed subnets, a shared network, an interface subnet, classes, reservations. */
    public static final String CONFIG = """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["lo/127.0.0.2"]},
              "valid-lifetime": 4000, "min-valid-lifetime": 1000, "max-valid-lifetime": 8000,
              "renew-timer": 1000, "rebind-timer": 2000,
              "option-data": [
                {"name": "domain-name", "data": "global.example"},
                {"name": "ntp-servers", "data": "192.0.2.123"},
                {"name": "time-offset", "data": "3600", "always-send": true},
                {"name": "nis-domain", "data": "never.example", "never-send": true}
              ],
              "client-classes": [
                {"name": "pxe", "test": "substring(option[60].text, 0, 9) == 'PXEClient'",
                 "boot-file-name": "pxelinux.0", "next-server": "192.0.2.69",
                 "option-data": [{"name": "domain-name", "data": "class.example"}]},
                {"name": "short", "test": "option[60].text == 'short'", "valid-lifetime": 600},
                {"name": "DROP", "test": "option[60].text == 'evil'"}
              ],
              "subnet4": [
                {"id": 1, "subnet": "198.19.0.0/24", "authoritative": true,
                 "pools": [{"pool": "198.19.0.10 - 198.19.0.200"}],
                 "relay": {"ip-addresses": ["192.0.2.2"]},
                 "option-data": [{"name": "routers", "data": "198.19.0.1"}],
                 "reservations": [
                   {"hw-address": "02:00:00:00:00:05", "ip-address": "198.19.0.5", "hostname": "printer",
                    "option-data": [{"name": "routers", "data": "198.19.0.254"}]}
                 ]},
                {"id": 2, "subnet": "198.18.200.0/24", "interface": "eth9",
                 "calculate-tee-times": true, "t1-percent": 0.25, "t2-percent": 0.5,
                 "pools": [{"pool": "198.18.200.10 - 198.18.200.20"}]},
                {"id": 3, "subnet": "127.0.0.0/8", "pools": [{"pool": "127.0.100.1 - 127.0.100.200"}]}
              ],
              "shared-networks": [
                {"name": "campus", "relay": {"ip-addresses": ["192.0.2.1"]},
                 "option-data": [{"name": "domain-name", "data": "shared.example"}],
                 "subnet4": [
                   {"id": 10, "subnet": "198.18.0.0/24",
                    "pools": [{"pool": "198.18.0.10 - 198.18.0.100",
                               "option-data": [{"name": "routers", "data": "198.18.0.2"}]}],
                    "option-data": [{"name": "routers", "data": "198.18.0.1"}]},
                   {"id": 11, "subnet": "198.18.1.0/24", "client-classes": ["pxe"],
                    "pools": [{"pool": "198.18.1.10 - 198.18.1.100"}]}
                 ]}
              ]
            }}
            """;

    public final SuiteConfig config;
    public final ServerSettings settings;
    public final FakeLeaseClient leases;
    public final PacketStats stats = new PacketStats(new Statistics());
    public final DhcpState state = new DhcpState(Clock.systemUTC());
    public final PacketProcessor processor;
    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    public final Ingress ingress;

    public record Sent(DhcpMessage message, InetSocketAddress destination) {
    }

    public TestKit() {
        this(CONFIG);
    }

    public TestKit(String configText) {
        this(configText, null);
    }

    /** With NCRs going to {@code ncrs} (null: DNS updates off). */
    public TestKit(String configText, io.dhcpsuite.api.ddns.NcrSender ncrs) {
        config = KeaConfigLoader.parse(configText, null);
        settings = ServerSettings.of(config.dhcp4(), 67, 68, Set.of(SERVER));
        leases = new FakeLeaseClient(config.dhcp4());
        processor = new PacketProcessor(settings, state, leases, stats, ncrs);
        ingress = new Ingress("lo", SERVER, SERVER, List.of(SERVER), this::capture);
    }

    private void capture(ByteBuffer data, InetSocketAddress dest) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        try {
            sent.add(new Sent(DhcpDecoder.decode(b), dest));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Processes {@code query} as if received from {@code source}:{@code port}; returns the reply or null. */
    public Sent send(DhcpMessage query, String source, int port) {
        return send(query, source, port, ingress);
    }

    public Sent send(DhcpMessage query, String source, int port, Ingress on) {
        int before = sent.size();
        try {
            processor.process(DhcpEncoder.encode(query), 0, DhcpEncoder.encodedLength(query), on,
                    new InetSocketAddress(InetAddress.getByName(source), port));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return sent.size() > before ? sent.get(sent.size() - 1) : null;
    }

    /** A relayed query builder from relay {@code giaddr}. */
    public static DhcpMessage.Builder query(MessageType type, String mac, String giaddr) {
        DhcpMessage.Builder b = DhcpMessage.builder()
                .op(DhcpMessage.BOOTREQUEST)
                .xid(0x1234)
                .hwAddress(1, mac(mac))
                .messageType(type);
        if (giaddr != null) {
            b.giaddr(Ipv4.parse(giaddr)).hops(1);
        }
        return b;
    }

    public static byte[] mac(String mac) {
        String[] parts = mac.split(":");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    public static byte[] prl(int... codes) {
        byte[] b = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            b[i] = (byte) codes[i];
        }
        return b;
    }

    public static List<Integer> codes(DhcpMessage m) {
        List<Integer> out = new ArrayList<>();
        m.options().forEach(o -> out.add(o.code()));
        return out;
    }

    public static String addr(Integer a) {
        return a == null ? null : Ipv4.format(a);
    }

    public static int opt(String dotted) {
        return Ipv4.parse(dotted);
    }

    public static final int ROUTERS = OptionCodes.ROUTERS;
}
