package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.wire.LeaseWire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow senders against every listener of the suite as dhcpctl starts it, at once, over real
 * sockets: 600 connections (more than Tomcat's 512) on each service's HTTP port (dhcp-service
 * 8081, lease-service 8082, ha-service 8083, ddns-service 8084) send the start of a request and then a byte every 2 s; 100 connections to the lease wire
 * port (8092) send nothing, 100 half a frame. Each round, every HTTP port answers a real request
 * and a client does a DORA (through dhcp-service's lease wire connection); at the end every slow
 * connection has been closed by the server. The gateway's control API is {@code SlowSendersTest};
 * its management port (8090, loopback) runs in Spring's child context, which the guard does not
 * reach yet.
 */
class SlowListenersIT {
    static final Map<String, Integer> HTTP_PORTS = new LinkedHashMap<>();

    static {
        HTTP_PORTS.put("dhcp-service", 8081);
        HTTP_PORTS.put("lease-service", 8082);
        HTTP_PORTS.put("ha-service", 8083);
        HTTP_PORTS.put("ddns-service", 8084);
    }

    static final int SLOW_PER_PORT = 600;
    static final int ROUNDS = 7;
    @TempDir
    Path dir;

    @Test
    void everyListenerClosesSlowSendersAndKeepsServing() throws Exception {
        Preconditions.rootAndPerfdhcp();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Socket> all = new ArrayList<>();
        Map<String, List<Socket>> slow = new LinkedHashMap<>();
        try (Suite suite = Suite.start(Configs.memfile(dir), dir);
             RelayClient client = new RelayClient(Perfdhcp.SERVER)) {
            assertThat(client.dora(new RelayClient.Client(RelayClient.mac(0x5100), null, null))).hasSize(1);
            int n = 0;
            for (Map.Entry<String, Integer> e : HTTP_PORTS.entrySet()) {
                String from = "127.0.2." + (10 + n++);
                List<Socket> list = new ArrayList<>();
                for (int i = 0; i < SLOW_PER_PORT; i++) {
                    list.add(open(from, e.getValue(), "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            .getBytes(StandardCharsets.US_ASCII)));
                }
                slow.put(e.getKey(), list);
                all.addAll(list);
            }
            List<Socket> wire = new ArrayList<>();
            byte[] partial = ByteBuffer.allocate(4 + 13 + 3).putInt(LeaseWire.MAGIC).putInt(109).putLong(1)
                    .put(LeaseWire.BATCH).put(new byte[3]).array();
            for (int i = 0; i < 100; i++) {
                wire.add(open("127.0.2.30", 8092, new byte[0]));
                wire.add(open("127.0.2.31", 8092, partial));
            }
            slow.put("lease wire", wire);
            all.addAll(wire);

            long maxWait = 0;
            int dora = 0;
            List<Socket> trickling = new ArrayList<>(all);
            trickling.removeAll(wire);
            for (int round = 0; round < ROUNDS; round++) {
                for (var it = trickling.iterator(); it.hasNext(); ) {
                    OutputStream out = it.next().getOutputStream();
                    try {
                        out.write('X');
                        out.flush();
                    } catch (IOException closed) {
                        it.remove();
                    }
                }
                for (Map.Entry<String, Integer> e : HTTP_PORTS.entrySet()) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + e.getValue() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    long waited = (System.nanoTime() - t0) / 1_000_000;
                    maxWait = Math.max(maxWait, waited);
                    assertThat(r.statusCode()).as(e.getKey() + " round " + round + ": " + r.body()).isEqualTo(200);
                }
                dora += client.dora(new RelayClient.Client(RelayClient.mac(0x5200 + round), null, null)).size();
                Thread.sleep(2000);
            }
            Map<String, Integer> closed = new LinkedHashMap<>();
            for (Map.Entry<String, List<Socket>> e : slow.entrySet()) {
                int c = 0;
                for (Socket s : e.getValue()) {
                    c += closedByServer(s) ? 1 : 0;
                }
                closed.put(e.getKey(), c);
            }
            System.out.printf("SLOW-LISTENERS %d slow senders per HTTP port, 200 on the lease wire, %d rounds: a real"
                    + " request on each port answered in at most %d ms, %d of %d DORAs; closed by the server: %s%n",
                    SLOW_PER_PORT, ROUNDS, maxWait, dora, ROUNDS, closed);
            assertThat(maxWait).as("ms a real request waited").isLessThan(3_000);
            assertThat(dora).as("DORAs answered during the attack").isEqualTo(ROUNDS);
            for (Map.Entry<String, List<Socket>> e : slow.entrySet()) {
                assertThat(closed.get(e.getKey())).as("slow connections closed by " + e.getKey())
                        .isEqualTo(e.getValue().size());
            }
        } finally {
            for (Socket s : all) {
                s.close();
            }
        }
    }

    private static Socket open(String from, int port, byte[] first) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(first);
        return s;
    }

    /** The server closed it (end of stream, maybe after an error answer, or a reset). */
    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(300);
            byte[] buf = new byte[4096];
            while (s.getInputStream().read(buf) >= 0) {
                // an error answer before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
