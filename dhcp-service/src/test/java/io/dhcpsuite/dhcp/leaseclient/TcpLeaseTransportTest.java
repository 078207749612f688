package io.dhcpsuite.dhcp.leaseclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.wire.LeaseWire;
import io.dhcpsuite.api.lease.wire.LeaseWireServer;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TCP transport against the real {@link LeaseWireServer} on 127.0.0.1. */
class TcpLeaseTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private LeaseWireServer server;
    private BatchingLeaseClient client;
    private TcpLeaseTransport transport;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        } else if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static LeaseOp4 op(long id) {
        return new LeaseOp4(id, LeaseOp4.Kind.REQUEST, List.of(1L), 1, "02:00:00:00:00:01", null, true, null, false,
                null, 0, List.of("ALL"), 4000, null, false, false);
    }

    private static LeaseBatch4Result answer(LeaseBatch4 batch) {
        List<LeaseResult4> r = new ArrayList<>();
        for (LeaseOp4 op : batch.ops()) {
            r.add(new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, "op " + op.id()));
        }
        return new LeaseBatch4Result(r);
    }

    @Test
    void pipelinedBatchesAnsweredOutOfOrderReachTheirOps() throws Exception {
        List<CompletableFuture<LeaseBatch4Result>> held = new CopyOnWriteArrayList<>();
        List<LeaseBatch4> batches = new CopyOnWriteArrayList<>();
        server = new LeaseWireServer(LOOPBACK, 0, b -> {
            CompletableFuture<LeaseBatch4Result> f = new CompletableFuture<>();
            batches.add(b);
            held.add(f);
            return f;
        }).start();
        transport = new TcpLeaseTransport("127.0.0.1", server.port(), Duration.ofSeconds(5));
        assertThat(transport.connected()).isTrue();
        // batch size 4, 8 in flight: the first 8 ops each leave at once as a batch of their own
        // (awaited one by one, since lease-service handles frames that arrive together as one
        // batch), all outstanding on one connection; the other 24 wait for free slots
        client = new BatchingLeaseClient(new LeaseClientSettings("unused", 4, 8, 10_000,
                Duration.ofSeconds(5)), transport);
        Map<Long, LeaseResult4> results = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(32);
        for (long i = 1; i <= 32; i++) {
            long id = i;
            assertThat(client.submit(op(id), (r, e) -> {
                if (r != null && r.id() == id) {
                    results.put(id, r);
                }
                all.countDown();
            })).isTrue();
            if (i <= 8) {
                int expected = (int) i;
                await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == expected);
            }
        }
        assertThat(held).hasSize(8);
        assertThat(client.queued()).as("waiting for a free slot").isEqualTo(24);
        assertThat(client.mostInFlight()).isGreaterThan(1);
        assertThat(results).isEmpty();
        // answer in reverse order of arrival
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            order.add(i);
        }
        Collections.reverse(order);
        for (int i : order) {
            held.get(i).complete(answer(batches.get(i)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == batches.size() && all.getCount() == 0
                || completeRest(held, batches));
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(results).hasSize(32);
        assertThat(results.get(7L).message()).isEqualTo("op 7");
        assertThat(transport.connects()).isEqualTo(1);
    }

    private static boolean completeRest(List<CompletableFuture<LeaseBatch4Result>> held, List<LeaseBatch4> batches) {
        for (int i = 0; i < held.size(); i++) {
            held.get(i).complete(answer(batches.get(i)));
        }
        return false;
    }

    @Test
    void deadServerFailsFastThenReconnects() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        transport = new TcpLeaseTransport("127.0.0.1", port, Duration.ofSeconds(2));
        assertThat(transport.connected()).isFalse();
        client = new BatchingLeaseClient(new LeaseClientSettings("unused", 16, 2, 10_000,
                Duration.ofSeconds(2)), transport);
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            client.submit(op(i), (r, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                }
            });
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> failed.get() == 50);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(900));
        assertThat(client.batchesFailed()).isPositive();

        server = new LeaseWireServer(LOOPBACK, port, b -> CompletableFuture.completedFuture(answer(b))).start();
        await().atMost(Duration.ofSeconds(3)).until(transport::connected);
        CompletableFuture<LeaseResult4> ok = new CompletableFuture<>();
        client.submit(op(99), (r, e) -> {
            if (e != null) {
                ok.completeExceptionally(e);
            } else {
                ok.complete(r);
            }
        });
        assertThat(ok.get(5, TimeUnit.SECONDS).id()).isEqualTo(99);

        // the server goes away with a batch in flight: it fails at once, not after the timeout
        server.close();
        server = null;
        await().atMost(Duration.ofSeconds(2)).until(() -> !transport.connected());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        client.submit(op(100), (r, e) -> failure.complete(e));
        assertThat(failure.get(1, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void malformedAnswerClosesTheConnectionAndTheClientReconnects() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket fake = new ServerSocket(0, 4, LOOPBACK)) {
            Thread t = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    while (true) {
                        Socket s = fake.accept();
                        int n = accepted.incrementAndGet();
                        DataInputStream in = new DataInputStream(s.getInputStream());
                        assertThat(in.readInt()).isEqualTo(LeaseWire.MAGIC);
                        LeaseWire.Frame f = LeaseWire.readFrame(in);
                        BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream());
                        if (n == 1) {
                            LeaseWire.writeFrame(out, f.correlationId(), LeaseWire.RESULTS, new byte[] {1, 2, 3});
                        } else {
                            LeaseWire.writeFrame(out, f.correlationId(), LeaseWire.RESULTS,
                                    LeaseWire.encodeResults(answer(new LeaseBatch4(LeaseWire.decodeOps(f.payload()))).results()));
                        }
                        out.flush();
                    }
                } catch (Exception e) {
                    // test over
                }
            });
            transport = new TcpLeaseTransport("127.0.0.1", fake.getLocalPort(), Duration.ofSeconds(2));
            CompletableFuture<Throwable> first = new CompletableFuture<>();
            transport.send(List.of(op(1)), (r, e) -> first.complete(e));
            assertThat(first.get(2, TimeUnit.SECONDS)).isNotNull();
            await().atMost(Duration.ofSeconds(1)).until(() -> transport.malformedFrames() == 1);
            await().atMost(Duration.ofSeconds(3)).until(() -> transport.connects() == 2 && transport.connected());
            CompletableFuture<List<LeaseResult4>> second = new CompletableFuture<>();
            transport.send(List.of(op(2)), (r, e) -> second.complete(r));
            assertThat(second.get(2, TimeUnit.SECONDS)).extracting(LeaseResult4::id).containsExactly(2L);
            t.interrupt();
        }
    }

    @Test
    void laneConnectionsKeepOffersApartFromWrites() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = new LeaseWireServer(LOOPBACK, 0, new LeaseWireServer.Handler() {
            @Override
            public CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 b) {
                seen.add("handle:" + b.ops().get(0).kind());
                return CompletableFuture.completedFuture(answer(b));
            }

            @Override
            public CompletableFuture<LeaseBatch4Result> handleWrites(LeaseBatch4 b) {
                seen.add("writes:" + b.ops().get(0).kind());
                return CompletableFuture.completedFuture(answer(b));
            }
        }).start();
        transport = new TcpLeaseTransport("127.0.0.1", server.port(), Duration.ofSeconds(5), true);
        assertThat(transport.connected()).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> server.connections() == 2);
        LeaseOp4 offer = new LeaseOp4(1, LeaseOp4.Kind.OFFER, List.of(1L), 1, "02:00:00:00:00:01", null, true, null,
                false, null, 0, List.of("ALL"), 4000, null, false, false);
        LeaseOp4 request = op(2);
        for (LeaseOp4 o : List.of(offer, request, offer)) {
            CompletableFuture<List<LeaseResult4>> r = new CompletableFuture<>();
            transport.send(List.of(o), (results, e) -> r.complete(results));
            assertThat(r.get(5, TimeUnit.SECONDS)).extracting(LeaseResult4::id).containsExactly(o.id());
        }
        // the REQUEST went on a connection that never carried an OFFER
        assertThat(seen).containsExactly("handle:OFFER", "writes:REQUEST", "handle:OFFER");
        assertThat(transport.connects()).isEqualTo(2);
    }
}
