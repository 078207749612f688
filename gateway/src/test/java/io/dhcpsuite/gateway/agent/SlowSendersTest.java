package io.dhcpsuite.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.gateway.Http;
import io.dhcpsuite.web.http.SlowRequestGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slow senders ("slowloris") against the control API with the limits the gateway runs with
 * (application.yml: 512 connections, a 10 s read timeout; {@link SlowRequestGuard}: a request whole
 * within 10 s, 64 unfinished requests per address), over real sockets. Each attacker sends the start
 * of a request and then a byte every 2 s, so no single read ever waits the 10 s Tomcat allows.
 * Without the guard, 600 of them held every slot and a real command waited 10 s or timed out
 * (measured 2026-12-07). Now: a real command is answered in every round, and the server closes
 * every slow connection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SlowSendersTest {
    static final String HEADERS = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) throws Exception {
        Path config = Files.createTempFile("gateway-slow", ".json");
        Files.writeString(config, "{ \"Control-agent\": { } }");
        registry.add("suite.config", config::toString);
    }

    /** More slow header senders than the listener's 512 connections, from one address. */
    @Test
    void sixHundredSlowHeaderSendersDoNotStarveARealClientAndAreClosed(CapturedOutput output) throws Exception {
        Outcome o = attack("127.0.0.7", 600, HEADERS, "X-Slow: " + "a".repeat(400), 8);
        assertThat(o.maxWaitMillis).as("ms a real command waited").isLessThan(3_000);
        assertThat(o.closedByServer).as("slow connections the server closed").isEqualTo(600);
        assertThat(output).contains("HTTP_SLOW_REQUESTS_CLOSED");
    }

    /** Slow bodies hold a worker thread each while they are read; 600 of them, from one address. */
    @Test
    void sixHundredSlowBodySendersDoNotStarveARealClientAndAreClosed() throws Exception {
        String start = HEADERS + "Content-Length: 4000\r\n\r\n";
        Outcome o = attack("127.0.0.8", 600, start, "{\"command\": \"list-commands\", \"x\": \"" + "a".repeat(3900), 8);
        assertThat(o.maxWaitMillis).as("ms a real command waited").isLessThan(3_000);
        assertThat(o.closedByServer).as("slow connections the server closed").isEqualTo(600);
    }

    /** Under the per-address bound, a slow request is closed once it has taken the 10 s its whole. */
    @Test
    void aFewSlowSendersAreClosedAtTheRequestDeadline() throws Exception {
        long t0 = System.nanoTime();
        Outcome o = attack("127.0.0.9", 40, HEADERS, "X-Slow: " + "a".repeat(400), 7);
        assertThat(o.closedByServer).as("slow connections the server closed").isEqualTo(40);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until all were closed").isGreaterThan(9_000);
    }

    record Outcome(long maxWaitMillis, int closedByServer) {
    }

    /**
     * {@code count} connections from {@code from} send {@code start}, then one byte of
     * {@code trickle} every 2 s for {@code rounds} rounds, with a real command from 127.0.0.1 in
     * each round; then, how many of them the server has closed.
     */
    private Outcome attack(String from, int count, String start, String trickle, int rounds) throws Exception {
        return attack(port, from, count, start, trickle, rounds, () -> {
            HttpResponse<String> r = Http.command(port, "{\"command\": \"list-commands\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("list-commands");
        });
    }

    /** A request a real client makes in each round of an attack; it asserts its own answer. */
    interface RealRequest {
        void run() throws Exception;
    }

    /** {@link #attack(String, int, String, String, int)} on any listener, with the real request given. */
    static Outcome attack(int port, String from, int count, String start, String trickle, int rounds,
            RealRequest real) throws Exception {
        List<Socket> slow = new ArrayList<>();
        long maxWait = 0;
        int closedByServer = 0;
        long began = System.nanoTime();
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
                        closedByServer++; // reset: the server closed it
                        it.remove();
                    }
                }
                long t0 = System.nanoTime();
                real.run();
                maxWait = Math.max(maxWait, (System.nanoTime() - t0) / 1_000_000);
                Thread.sleep(2000);
            }
            // the rest: closed (end of stream or reset, maybe after an error answer) or still held
            for (Socket s : open) {
                s.setSoTimeout(2000);
                try {
                    byte[] buf = new byte[4096];
                    while (s.getInputStream().read(buf) >= 0) {
                        // an error answer before the close
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
        System.out.printf("SLOW %d slow senders to port %d from %s for %.1f s: a real command answered %d times, at most"
                        + " %d ms; %d slow connections closed by the server%n", count, port, from,
                (System.nanoTime() - began) / 1e9, rounds, maxWait, closedByServer);
        return new Outcome(maxWait, closedByServer);
    }
}
