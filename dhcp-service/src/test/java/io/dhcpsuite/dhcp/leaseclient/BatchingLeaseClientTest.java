package io.dhcpsuite.dhcp.leaseclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The batcher against a stand-in lease-service on 127.0.0.1. */
class BatchingLeaseClientTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private HttpServer server;
    private BatchingLeaseClient client;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private String startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext(LeaseBatch4.PATH, ex -> {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            requests.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
                LeaseBatch4 batch = JSON.readValue(ex.getRequestBody().readAllBytes(), LeaseBatch4.class);
                List<LeaseResult4> results = new ArrayList<>();
                for (LeaseOp4 op : batch.ops()) {
                    results.add(new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, "op " + op.id()));
                }
                byte[] body = JSON.writeValueAsBytes(new LeaseBatch4Result(results));
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
                ex.close();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static LeaseOp4 op(long id) {
        return new LeaseOp4(id, LeaseOp4.Kind.OFFER, List.of(1L), 1, "02:00:00:00:00:01", null, true, null, false,
                null, 0, List.of("ALL"), 4000, null, false, false);
    }

    @Test
    void batchesManyOpsIntoFewRequestsAndAnswersEachInOrder() throws IOException {
        client = new BatchingLeaseClient(new LeaseClientSettings(startServer(), 64, 2, 10_000,
                Duration.ofSeconds(5)), JSON);
        gate = new CountDownLatch(1);
        Map<Long, String> answers = new ConcurrentHashMap<>();
        for (long i = 1; i <= 1000; i++) {
            long id = i;
            assertThat(client.submit(op(id), (r, err) -> answers.put(id, r == null ? "error" : r.message()))).isTrue();
        }
        gate.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> answers.size() == 1000);
        for (long i = 1; i <= 1000; i++) {
            assertThat(answers.get(i)).isEqualTo("op " + i);
        }
        assertThat(requests.get()).isLessThan(1000 / 10);
        assertThat(client.largestBatch()).isLessThanOrEqualTo(64).isGreaterThan(1);
    }

    @Test
    void opsOfADrainingThreadWaitForItsFlushAndShareOneRequest() throws Exception {
        client = new BatchingLeaseClient(new LeaseClientSettings(startServer(), 64, 2, 10_000,
                Duration.ofSeconds(5)), JSON);
        Map<Long, String> answers = new ConcurrentHashMap<>();
        CountDownLatch submitted = new CountDownLatch(1);
        CountDownLatch flush = new CountDownLatch(1);
        Thread receiver = new Thread(() -> {
            client.deferFlush();
            for (long i = 1; i <= 10; i++) {
                long id = i;
                client.submit(op(id), (r, err) -> answers.put(id, r == null ? "error" : r.message()));
            }
            submitted.countDown();
            try {
                flush.await();
            } catch (InterruptedException e) {
                return;
            }
            client.flush();
        });
        receiver.start();
        assertThat(submitted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(client.queued()).as("nothing leaves before the drain ends").isEqualTo(10);
        assertThat(requests.get()).isZero();
        flush.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 10);
        assertThat(requests.get()).isEqualTo(1);
        assertThat(answers.get(10L)).isEqualTo("op 10");
        receiver.join();
        // another thread's submit is not deferred
        CountDownLatch one = new CountDownLatch(1);
        client.submit(op(11), (r, err) -> one.countDown());
        assertThat(one.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void neverMoreThanMaxInFlightRequests() throws IOException {
        client = new BatchingLeaseClient(new LeaseClientSettings(startServer(), 8, 3, 10_000,
                Duration.ofSeconds(5)), JSON);
        gate = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        for (long i = 1; i <= 200; i++) {
            client.submit(op(i), (r, err) -> done.incrementAndGet());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> concurrent.get() == 3);
        assertThat(maxConcurrent.get()).isEqualTo(3);
        gate.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == 200);
        assertThat(maxConcurrent.get()).isLessThanOrEqualTo(3);
        assertThat(client.mostInFlight()).isLessThanOrEqualTo(3);
    }

    @Test
    void leaseServiceDownFailsOpsAndFullQueueRefusesWithoutBlocking() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        client = new BatchingLeaseClient(new LeaseClientSettings("http://127.0.0.1:" + closedPort, 16, 1, 32, Duration.ofSeconds(2)), JSON);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        for (long i = 1; i <= 5000; i++) {
            if (!client.submit(op(i), (r, err) -> {
                if (err != null) {
                    failed.incrementAndGet();
                }
            })) {
                refused.incrementAndGet();
            }
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // Submitting never waits for lease-service: 5000 submits take far less than one timeout.
        assertThat(elapsedMs).isLessThan(2000);
        assertThat(refused.get()).isGreaterThan(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> failed.get() + refused.get() == 5000);
        assertThat(client.batchesFailed()).isPositive();
    }

    @Test
    void anOpQueuedLongerThanTheTimeoutFailsUnsentWhenASlotFrees() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        List<LeaseTransport.Completion> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<List<LeaseOp4>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        // a transport that holds every batch until the test answers it: the timing is the client's
        LeaseTransport holding = new LeaseTransport() {
            @Override
            public void send(List<LeaseOp4> ops, Completion completion) {
                sent.add(ops);
                held.add(completion);
            }

            @Override
            public String target() {
                return "held";
            }

            @Override
            public void close() {
            }
        };
        client = new BatchingLeaseClient(new LeaseClientSettings("unused", 1, 1, 10, Duration.ofSeconds(2)), holding,
                nanos::get);
        List<Object> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertThat(client.submit(op(1), (r, e) -> outcomes.add(r != null ? r.id() : e.getMessage()))).isTrue();
        assertThat(client.submit(op(2), (r, e) -> outcomes.add(r != null ? r.id() : e.getMessage()))).isTrue();
        assertThat(sent).hasSize(1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos() + 1);
        held.get(0).done(List.of(new LeaseResult4(1, LeaseResult4.Status.NO_ADDRESS, null, false, null)), null);
        assertThat(outcomes).containsExactly("lease op queued longer than PT2S", 1L);
        assertThat(sent).as("the aged op never left").hasSize(1);

        assertThat(client.submit(op(3), (r, e) -> outcomes.add(r != null ? r.id() : e.getMessage()))).isTrue();
        assertThat(sent).as("a fresh op leaves at once").hasSize(2);
    }
}
