package io.dhcpsuite.ha.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow senders ("slowloris") against the HA peer listener, the one listener that partners reach over
 * the network, over real sockets: 600 connections from one address send the start of a request,
 * then a byte every 500 ms, so no read ever waits long; a real heartbeat is sent each round from
 * another address. With a 2 s request deadline (10 s in service, shortened to keep the test short),
 * every heartbeat is answered at once and every slow connection is closed by the server.
 */
class HaListenerSlowSendersTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HaListener listener;
    private int port;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private void listen() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CommandDispatcher d = new CommandDispatcher();
        d.register("ha-heartbeat", a -> CommandResponse.success("HA peer status returned."));
        listener = new HaListener(URI.create("http://127.0.0.1:" + port + "/"), d, HaListener.Security.NONE,
                Duration.ofSeconds(2));
        listener.start();
        heartbeat(); // the first request of the JVM loads the client's and server's classes: not what is measured
    }

    private HttpResponse<String> heartbeat() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"ha-heartbeat\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sixHundredSlowHeaderSendersDoNotDelayAHeartbeatAndAreClosed() throws Exception {
        listen();
        Outcome o = attack("127.0.0.7", 600, "POST / HTTP/1.1\r\nHost: x\r\n", "X-Slow: aaaaaaaaaaaaaaaaaa", 8);
        assertThat(o.maxWaitMillis).as("ms a heartbeat waited").isLessThan(3_000);
        assertThat(o.closedByServer).as("slow connections the server closed").isEqualTo(600);
        assertThat(listener.slowRequestsClosed()).isEqualTo(600);
    }

    @Test
    void sixHundredSlowBodySendersDoNotDelayAHeartbeatAndAreClosed() throws Exception {
        listen();
        String start = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n";
        Outcome o = attack("127.0.0.8", 600, start, "{\"command\": \"ha-heartbeat\", \"x\": \"aaaaaaaaaaaaaa", 8);
        assertThat(o.maxWaitMillis).as("ms a heartbeat waited").isLessThan(3_000);
        assertThat(o.closedByServer).as("slow connections the server closed").isEqualTo(600);
        // the requests that did arrive were not cut: the heartbeats' own count stays out of it
        assertThat(listener.slowRequestsClosed()).isEqualTo(600);
    }

    record Outcome(long maxWaitMillis, int closedByServer) {
    }

    private Outcome attack(String from, int count, String start, String trickle, int rounds) throws Exception {
        List<Socket> slow = new ArrayList<>();
        long maxWait = 0;
        int closedByServer = 0;
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(from, 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            List<Socket> open = new ArrayList<>(slow);
            for (int round = 0; round < rounds; round++) {
                byte b = (byte) trickle.charAt(round % trickle.length());
                for (var it = open.iterator(); it.hasNext(); ) {
                    OutputStream out = it.next().getOutputStream();
                    try {
                        out.write(b);
                        out.flush();
                    } catch (IOException e) {
                        closedByServer++;
                        it.remove();
                    }
                }
                long t0 = System.nanoTime();
                HttpResponse<String> r = heartbeat();
                maxWait = Math.max(maxWait, (System.nanoTime() - t0) / 1_000_000);
                assertThat(r.statusCode()).as("round " + round + ": " + r.body()).isEqualTo(200);
                assertThat(r.body()).contains("HA peer status returned.");
                Thread.sleep(500);
            }
            for (Socket s : open) {
                s.setSoTimeout(2000);
                try {
                    byte[] buf = new byte[4096];
                    while (s.getInputStream().read(buf) >= 0) {
                        // an answer before the close
                    }
                    closedByServer++;
                } catch (SocketTimeoutException e) {
                    // still held by the server
                } catch (IOException e) {
                    closedByServer++;
                }
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        System.out.printf("SLOW %d slow senders from %s: a heartbeat answered %d times, at most %d ms; %d closed by"
                + " the server%n", count, from, rounds, maxWait, closedByServer);
        return new Outcome(maxWait, closedByServer);
    }
}
