package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.time.ManualTicker;
import io.dhcpsuite.api.time.Ticker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hello: the server speaks to clients of its version and refuses others, naming both. */
class LeaseWireHandshakeTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private LeaseWireServer server;
    private LeaseWireClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CompletableFuture<LeaseBatch4Result> echo(LeaseBatch4 batch) {
        List<LeaseResult4> r = new ArrayList<>();
        for (LeaseOp4 op : batch.ops()) {
            r.add(new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, "op " + op.id()));
        }
        return CompletableFuture.completedFuture(new LeaseBatch4Result(r));
    }

    private static LeaseOp4 op(long id) {
        return new LeaseOp4(id, LeaseOp4.Kind.OFFER, List.of(1L), 1, "02:00:00:00:00:01", null, true, null, false,
                null, 0, List.of(), 4000, null, false, false);
    }

    @Test
    void aHelloOfAnotherVersionIsRefusedWithBothVersionsCountedAndClosed() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, LeaseWireHandshakeTest::echo).start();
        try (Socket s = new Socket(LOOPBACK, server.port())) {
            s.setSoTimeout(5000);
            new DataOutputStream(s.getOutputStream()).writeInt(LeaseWire.hello(3));
            DataInputStream in = new DataInputStream(s.getInputStream());
            LeaseWire.Frame f = LeaseWire.readFrame(in);
            assertThat(f.correlationId()).isEqualTo(LeaseWire.REFUSAL);
            assertThat(f.type()).isEqualTo(LeaseWire.FAILED);
            assertThat(LeaseWire.decodeString(f.payload()))
                    .isEqualTo("lease wire version 3 is not supported by this lease-service, which speaks versions 1 to 2; "
                            + "upgrade lease-service before dhcp-service");
            assertThat(in.read()).as("closed after the refusal").isEqualTo(-1);
        }
        assertThat(server.refusedVersions()).isEqualTo(1);
        assertThat(server.malformedFrames()).as("a refusal is not a malformed frame").isZero();
    }

    @Test
    void aClientOfAnotherVersionCountsTheRefusalFailsItsBatchesAndKeepsTrying() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, LeaseWireHandshakeTest::echo).start();
        client = new LeaseWireClient("127.0.0.1", server.port(), Duration.ofSeconds(2), Ticker.SYSTEM, LeaseWire.VERSION + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.refusals() >= 2);
        assertThat(server.refusedVersions()).isGreaterThanOrEqualTo(2);
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        client.send(List.of(op(1)), (r, e) -> failed.complete(e));
        assertThat(failed.get(5, TimeUnit.SECONDS)).as("no batch is answered by a server that refused").isNotNull();
    }

    @Test
    void aClientOfTheServersVersionIsServed() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, LeaseWireHandshakeTest::echo).start();
        client = new LeaseWireClient("127.0.0.1", server.port(), Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(client::connected);
        CompletableFuture<List<LeaseResult4>> answered = new CompletableFuture<>();
        client.send(List.of(op(5)), (r, e) -> answered.complete(r));
        assertThat(answered.get(5, TimeUnit.SECONDS)).extracting(LeaseResult4::message).containsExactly("op 5");
        assertThat(client.refusals()).isZero();
        assertThat(server.refusedVersions()).isZero();
    }

    @Test
    void aBatchUnansweredPastTheTimeoutFailsAloneAndALateAnswerIsDropped() throws Exception {
        List<CompletableFuture<LeaseBatch4Result>> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = new LeaseWireServer(LOOPBACK, 0, b -> {
            CompletableFuture<LeaseBatch4Result> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }).start();
        ManualTicker ticker = new ManualTicker();
        client = new LeaseWireClient("127.0.0.1", server.port(), Duration.ofSeconds(2), ticker);
        await().atMost(Duration.ofSeconds(5)).until(client::connected);
        CompletableFuture<Throwable> first = new CompletableFuture<>();
        client.send(List.of(op(1)), (r, e) -> first.complete(e));
        await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 1);
        ticker.advance(Duration.ofSeconds(2));
        client.expireOverdue();
        assertThat(first).as("not past the deadline yet").isNotDone();
        ticker.advance(Duration.ofMillis(1));
        client.expireOverdue();
        assertThat(first.get(1, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.TimeoutException.class)
                .hasMessage("lease-service did not answer within PT2S");

        held.get(0).complete(echo(new LeaseBatch4(List.of(op(1)))).join());
        CompletableFuture<List<LeaseResult4>> second = new CompletableFuture<>();
        client.send(List.of(op(2)), (r, e) -> second.complete(r));
        await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 2);
        held.get(1).complete(echo(new LeaseBatch4(List.of(op(2)))).join());
        assertThat(second.get(5, TimeUnit.SECONDS)).extracting(LeaseResult4::id).as("the connection stays usable")
                .containsExactly(2L);
    }

    /**
     * The sweeper sleeps longer while nothing is outstanding (an idle server should not wake every
     * 50 ms), yet a batch sent after a long idle spell still fails at its deadline, on the real clock.
     */
    @Test
    void aBatchSentAfterAnIdleSpellStillTimesOutAtItsDeadline() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, b -> new CompletableFuture<>()).start();
        client = new LeaseWireClient("127.0.0.1", server.port(), Duration.ofMillis(600));
        await().atMost(Duration.ofSeconds(5)).until(client::connected);
        Thread.sleep(1_500); // idle: the sweeper is in its long sleep (300 ms here)
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        long t0 = System.nanoTime();
        client.send(List.of(op(1)), (r, e) -> failed.complete(e));
        assertThat(failed.get(5, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.TimeoutException.class);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("ms until the batch failed").isBetween(590L, 1_100L);
    }
}
