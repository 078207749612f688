package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.codec.DhcpDecoder;
import io.dhcpsuite.codec.DhcpEncoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.config.KeaJson;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.QueryFilter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's load-balancing split is Kea's: a real Kea 2.2 load-balancing pair (server1 on
 * 127.0.0.2, server2 on 127.0.0.3) receives the same DISCOVERs, and the clients each Kea answers
 * are exactly those the suite's {@link QueryFilter} puts in that server's scope, for clients keyed
 * by hardware address and by client identifier.
 */
class KeaLoadBalancingSplitIT {
    static final String RELATIONSHIP = """
            { "this-server-name": "%s", "mode": "load-balancing",
              "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
              "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                   "http-listener-threads": 1, "http-client-threads": 1 },
              "peers": [ { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                         { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary" } ] }""";

    @Test
    void keaPairAnswersExactlyTheClientsTheSuiteAssignsToEachServer(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        List<DhcpMessage> queries = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            DhcpMessage.Builder b = DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).xid(0x7000_0000 + i)
                    .hwAddress(1, new byte[] {0x0e, 0x1b, 0, 0, (byte) (i >> 8), (byte) i})
                    .giaddr(Ipv4.parse("127.0.0.1")).hops(1).messageType(MessageType.DISCOVER);
            if (i % 4 == 0) {
                b.option(61, new byte[] {(byte) 0xff, 0x44, 0x55, (byte) i, (byte) (i * 7), 0x01});
            }
            queries.add(b.build());
        }
        QueryFilter suite = new QueryFilter(HaConfigParser.parse(KeaJson.of(JsonMapper.builder().build().readTree(
                "{ \"high-availability\": [ " + RELATIONSHIP.formatted("server1") + " ] }"), "parameters"))
                .relationships().getFirst());
        TreeSet<Integer> expected1 = new TreeSet<>();
        TreeSet<Integer> expected2 = new TreeSet<>();
        for (int i = 0; i < queries.size(); i++) {
            (suite.scopeOf4(queries.get(i)) == 0 ? expected1 : expected2).add(i);
        }
        assertThat(expected1).as("both halves are non-trivial").hasSizeGreaterThan(40);
        assertThat(expected2).hasSizeGreaterThan(40);

        try (KeaPeer kea1 = KeaPeer.start("127.0.0.2", RELATIONSHIP.formatted("server1"), dir.resolve("kea1"));
                KeaPeer kea2 = KeaPeer.start("127.0.0.3", RELATIONSHIP.formatted("server2"), dir.resolve("kea2"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(kea1.haState()).as("server1; log:\n" + kea1.logText()).isEqualTo("load-balancing");
                assertThat(kea2.haState()).as("server2; log:\n" + kea2.logText()).isEqualTo("load-balancing");
            });
            assertThat(answered(queries, "127.0.0.2")).isEqualTo(expected1);
            assertThat(answered(queries, "127.0.0.3")).isEqualTo(expected2);
        }
    }

    /** Indexes of the queries the server at {@code address} answered with an OFFER (three tries each). */
    static TreeSet<Integer> answered(List<DhcpMessage> queries, String address) throws Exception {
        TreeSet<Integer> out = new TreeSet<>();
        Map<Integer, Integer> byXid = new HashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            byXid.put(queries.get(i).xid(), i);
        }
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 67));
            InetSocketAddress server = new InetSocketAddress(address, 67);
            byte[] buf = new byte[1500];
            // batches smaller than Kea's packet-queue-size (64), which drops what overflows it
            for (int from = 0; from < queries.size(); from += 40) {
                int to = Math.min(queries.size(), from + 40);
                for (int attempt = 0; attempt < 3; attempt++) {
                    for (int i = from; i < to; i++) {
                        if (!out.contains(i)) {
                            byte[] wire = DhcpEncoder.encode(queries.get(i));
                            socket.send(new DatagramPacket(wire, wire.length, server));
                        }
                    }
                    // silence is the expected answer for half the clients, so each round waits its full time
                    long deadline = System.nanoTime() + 700_000_000L;
                    while (System.nanoTime() < deadline) {
                        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        try {
                            socket.receive(p);
                        } catch (SocketTimeoutException e) {
                            break;
                        }
                        DhcpMessage r = DhcpDecoder.decode(p.getData(), 0, p.getLength());
                        Integer i = byXid.get(r.xid());
                        if (i != null && r.messageType() == MessageType.OFFER) {
                            out.add(i);
                        }
                    }
                }
            }
        }
        return out;
    }
}
