package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DHCPv6 frames of the lease wire: the codec refuses what does not decode, and a real server
 * and client (loopback sockets) carry v6 batches beside v4 ones on one connection.
 */
class LeaseWire6Test {
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

    static LeaseOp6 op6(long id, LeaseOp6.Kind kind) {
        return new LeaseOp6(id, kind, List.of(1L, 2L), "00:03:00:01:02:00:00:00:00:" + String.format("%02x", id % 256),
                "02:00:00:00:00:01", List.of(
                        new LeaseOp6.Ia(Lease6.IA_NA, id, List.of(), List.of(), 0, 3000, 4000),
                        new LeaseOp6.Ia(Lease6.IA_PD, id + 1, List.of(new LeaseOp6.Prefix("2001:db8:8000::", 56)),
                                List.of(), 0, 3000, 4000)),
                List.of("ALL", "KNOWN"), "host-" + id + ".example.org", true, false);
    }

    private static LeaseOp4 op4(long id) {
        return new LeaseOp4(id, LeaseOp4.Kind.OFFER, List.of(1L), 1, "02:00:00:00:00:01", null, true, null, false,
                null, 0, List.of(), 4000, null, false, false);
    }

    private static LeaseResult6 result6(LeaseOp6 op) {
        List<LeaseResult6.IaResult> ias = new ArrayList<>();
        for (LeaseOp6.Ia ia : op.ias()) {
            ias.add(new LeaseResult6.IaResult(ia.type(), ia.iaid(), LeaseResult6.IaStatus.SUCCESS, List.of(
                    new Lease6(ia.type().equals(Lease6.IA_NA) ? "2001:db8:1::" + op.id() : "2001:db8:8000:100::",
                            ia.type(), ia.type().equals(Lease6.IA_NA) ? 128 : 56, op.duid(), ia.iaid(), 1, 7L,
                            ia.preferredLifetime(), ia.validLifetime(), 1_700_000_000L, op.hwAddress(), op.fqdnFwd(),
                            op.fqdnRev(), op.hostname(), 0, null)), List.of()));
        }
        return new LeaseResult6(op.id(), LeaseResult6.Status.OK, ias, "op " + op.id());
    }

    private static CompletableFuture<LeaseBatch6Result> echo6(LeaseBatch6 batch) {
        return CompletableFuture.completedFuture(new LeaseBatch6Result(batch.ops().stream().map(LeaseWire6Test::result6).toList()));
    }

    private static CompletableFuture<LeaseBatch4Result> echo4(LeaseBatch4 batch) {
        List<LeaseResult4> r = new ArrayList<>();
        for (LeaseOp4 op : batch.ops()) {
            r.add(new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, "op " + op.id()));
        }
        return CompletableFuture.completedFuture(new LeaseBatch4Result(r));
    }

    /** A handler of both families that records which of its methods served each v6 batch. */
    private static final class Recording implements LeaseWireServer.Handler {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 batch) {
            return echo4(batch);
        }

        @Override
        public CompletableFuture<LeaseBatch6Result> handle6(LeaseBatch6 batch) {
            calls.add("handle6 " + batch.ops().size());
            return echo6(batch);
        }

        @Override
        public CompletableFuture<LeaseBatch6Result> handleWrites6(LeaseBatch6 batch) {
            calls.add("handleWrites6 " + batch.ops().size());
            return echo6(batch);
        }
    }

    // ---- codec

    @Test
    void manyOpsAndResultsRoundTrip() throws Exception {
        List<LeaseOp6> ops = new ArrayList<>();
        for (LeaseOp6.Kind k : LeaseOp6.Kind.values()) {
            ops.add(op6(ops.size() + 1, k));
        }
        ops.add(new LeaseOp6(99, null, null, null, null, null, null, null, false, false));
        assertThat(LeaseWire6.decodeOps(LeaseWire6.encodeOps(ops))).isEqualTo(ops);
        List<LeaseResult6> results = new ArrayList<>(ops.subList(0, 6).stream().map(LeaseWire6Test::result6).toList());
        results.add(new LeaseResult6(99, LeaseResult6.Status.ERROR, List.of(), "lease store write failed"));
        results.add(new LeaseResult6(100, null, Arrays.asList(null, new LeaseResult6.IaResult(Lease6.IA_PD, 3,
                LeaseResult6.IaStatus.NO_PREFIX_AVAIL, List.of(), null)), null));
        assertThat(LeaseWire6.decodeResults(LeaseWire6.encodeResults(results))).isEqualTo(results);
    }

    @Test
    void everyTruncationOfAGoodPayloadIsMalformed() {
        byte[] ops = LeaseWire6.encodeOps(List.of(op6(1, LeaseOp6.Kind.ASSIGN), op6(2, LeaseOp6.Kind.RENEW)));
        for (int n = 0; n < ops.length; n++) {
            byte[] cut = Arrays.copyOf(ops, n);
            assertThatThrownBy(() -> LeaseWire6.decodeOps(cut)).as("ops cut at %d of %d", n, ops.length)
                    .isInstanceOf(LeaseWire.MalformedFrameException.class);
        }
        byte[] results = LeaseWire6.encodeResults(List.of(result6(op6(1, LeaseOp6.Kind.ASSIGN))));
        for (int n = 0; n < results.length; n++) {
            byte[] cut = Arrays.copyOf(results, n);
            assertThatThrownBy(() -> LeaseWire6.decodeResults(cut)).as("results cut at %d of %d", n, results.length)
                    .isInstanceOf(LeaseWire.MalformedFrameException.class);
        }
        byte[] longer = Arrays.copyOf(ops, ops.length + 1);
        assertThatThrownBy(() -> LeaseWire6.decodeOps(longer)).isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessage("1 bytes left over after the payload");
    }

    @Test
    void unknownCodesAndBadCountsAreMalformed() throws Exception {
        byte[] golden = LeaseWire6GoldenTest.hex(LeaseWire6GoldenTest.BATCH6);
        byte[] ops = Arrays.copyOfRange(golden, 13, golden.length);
        byte[] kind = ops.clone();
        kind[12] = 6; // after the count and the op id: no kind has code 6
        assertThatThrownBy(() -> LeaseWire6.decodeOps(kind)).isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessage("unknown v6 op kind code 6");
        byte[] iaPresence = ops.clone();
        int ia = 4 + 8 + 1 + 12 + 9 + 4 + 4; // the presence byte of the first IA
        iaPresence[ia] = 2;
        assertThatThrownBy(() -> LeaseWire6.decodeOps(iaPresence)).isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessage("boolean byte 2");
        byte[] iaCount = ops.clone();
        iaCount[ia - 4] = 0x7f; // an IA count far beyond what the payload holds
        assertThatThrownBy(() -> LeaseWire6.decodeOps(iaCount)).isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessageContaining("IA");

        byte[] goldenResults = LeaseWire6GoldenTest.hex(LeaseWire6GoldenTest.RESULTS6);
        byte[] results = Arrays.copyOfRange(goldenResults, 13, goldenResults.length);
        byte[] status = results.clone();
        status[12] = 2;
        assertThatThrownBy(() -> LeaseWire6.decodeResults(status)).isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessage("unknown v6 result status code 2");
        byte[] iaStatus = results.clone();
        iaStatus[4 + 8 + 1 + 4 + 1 + 9 + 8] = 1; // RFC 8415 code 1 (UnspecFail) is not lease-service's to decide
        assertThatThrownBy(() -> LeaseWire6.decodeResults(iaStatus)).isInstanceOf(LeaseWire.MalformedFrameException.class)
                .hasMessage("unknown IA status code 1");
    }

    // ---- server and client

    @Test
    void v6AndV4BatchesShareAConnectionAndEachGetsItsOwnFamilysAnswer() throws Exception {
        Recording handler = new Recording();
        server = new LeaseWireServer(LOOPBACK, 0, handler).start();
        client = new LeaseWireClient("127.0.0.1", server.port(), Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(client::connected);
        CompletableFuture<List<LeaseResult6>> v6 = new CompletableFuture<>();
        CompletableFuture<List<LeaseResult4>> v4 = new CompletableFuture<>();
        List<LeaseOp6> ops = List.of(op6(1, LeaseOp6.Kind.ADVERTISE), op6(2, LeaseOp6.Kind.ADVERTISE));
        client.send6(ops, (r, e) -> complete(v6, r, e));
        client.send(List.of(op4(3)), (r, e) -> complete(v4, r, e));
        assertThat(v6.get(5, TimeUnit.SECONDS)).isEqualTo(ops.stream().map(LeaseWire6Test::result6).toList());
        assertThat(v4.get(5, TimeUnit.SECONDS)).extracting(LeaseResult4::message).containsExactly("op 3");
        assertThat(handler.calls).as("ADVERTISEs never wait for a write on the reader").containsExactly("handle6 2");
        assertThat(client.connects()).isEqualTo(1);
    }

    @Test
    void writesOnAConnectionWithoutOffersOrAdvertisesAreMadeDurableOnTheReader() throws Exception {
        Recording handler = new Recording();
        server = new LeaseWireServer(LOOPBACK, 0, handler).start();
        client = new LeaseWireClient("127.0.0.1", server.port(), Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(client::connected);
        CompletableFuture<List<LeaseResult6>> first = new CompletableFuture<>();
        client.send6(List.of(op6(1, LeaseOp6.Kind.ASSIGN)), (r, e) -> complete(first, r, e));
        assertThat(first.get(5, TimeUnit.SECONDS)).extracting(LeaseResult6::id).containsExactly(1L);
        CompletableFuture<List<LeaseResult6>> second = new CompletableFuture<>();
        client.send6(List.of(op6(2, LeaseOp6.Kind.ADVERTISE)), (r, e) -> complete(second, r, e));
        second.get(5, TimeUnit.SECONDS);
        CompletableFuture<List<LeaseResult6>> third = new CompletableFuture<>();
        client.send6(List.of(op6(3, LeaseOp6.Kind.RENEW)), (r, e) -> complete(third, r, e));
        third.get(5, TimeUnit.SECONDS);
        assertThat(handler.calls).as("after an ADVERTISE the connection's writes go to the other thread again")
                .containsExactly("handleWrites6 1", "handle6 1", "handle6 1");
    }

    @Test
    void aServerWithoutDhcp6FailsTheBatchAndKeepsTheConnection() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, LeaseWire6Test::echo4).start();
        client = new LeaseWireClient("127.0.0.1", server.port(), Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(client::connected);
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        client.send6(List.of(op6(1, LeaseOp6.Kind.ASSIGN)), (r, e) -> failed.complete(e));
        assertThat(failed.get(5, TimeUnit.SECONDS)).hasMessageContaining("serves no DHCPv6 ops");
        CompletableFuture<List<LeaseResult4>> v4 = new CompletableFuture<>();
        client.send(List.of(op4(2)), (r, e) -> complete(v4, r, e));
        assertThat(v4.get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThat(client.connects()).isEqualTo(1);
    }

    /** A dhcp-service of the previous release says version 1: served, but a v6 frame on its connection is malformed. */
    @Test
    void aVersionOneClientIsServedAndAV6FrameFromItClosesItsConnection() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, new Recording()).start();
        try (Socket s = new Socket(LOOPBACK, server.port())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            out.writeInt(LeaseWire.hello(1));
            LeaseWire.writeFrame(out, 1, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(op4(1))));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            LeaseWire.Frame f = LeaseWire.readFrame(in);
            assertThat(f.type()).isEqualTo(LeaseWire.RESULTS);
            LeaseWire.writeFrame(out, 2, LeaseWire.BATCH6, LeaseWire6.encodeOps(List.of(op6(2, LeaseOp6.Kind.ASSIGN))));
            out.flush();
            assertThat(in.read()).as("closed").isEqualTo(-1);
        }
        assertThat(server.malformedFrames()).isEqualTo(1);
        assertThat(server.refusedVersions()).isZero();
    }

    @Test
    void aHelloOfAVersionAboveTheServersIsRefusedNamingTheRange() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, new Recording()).start();
        try (Socket s = new Socket(LOOPBACK, server.port())) {
            s.setSoTimeout(5000);
            new DataOutputStream(s.getOutputStream()).writeInt(LeaseWire.hello(3));
            LeaseWire.Frame f = LeaseWire.readFrame(new DataInputStream(s.getInputStream()));
            assertThat(f.correlationId()).isEqualTo(LeaseWire.REFUSAL);
            assertThat(LeaseWire.decodeString(f.payload())).isEqualTo("lease wire version 3 is not supported by this "
                    + "lease-service, which speaks versions 1 to 2; upgrade lease-service before dhcp-service");
        }
    }

    /** A server that answers a v6 batch with a v4 RESULTS frame: the batch fails and the connection is renewed. */
    @Test
    void anAnswerOfTheWrongFamilyFailsTheBatchAndClosesTheConnection() throws Exception {
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 4, LOOPBACK)) {
            Thread peer = Thread.ofPlatform().daemon(true).start(() -> {
                try (Socket s = fake.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readInt();
                    LeaseWire.Frame f = LeaseWire.readFrame(in);
                    BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream());
                    LeaseWire.writeFrame(out, f.correlationId(), LeaseWire.RESULTS, LeaseWire.encodeResults(List.of()));
                    out.flush();
                    in.read();
                } catch (Exception ignored) {
                    // the test's assertions tell
                }
            });
            client = new LeaseWireClient("127.0.0.1", fake.getLocalPort(), Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).until(client::connected);
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            client.send6(List.of(op6(1, LeaseOp6.Kind.ASSIGN)), (r, e) -> failed.complete(e));
            assertThat(failed.get(5, TimeUnit.SECONDS)).hasMessageContaining("answered a DHCPv6 batch with a frame of type 2");
            await().atMost(Duration.ofSeconds(5)).until(() -> client.malformedFrames() == 1);
            peer.join(5000);
        }
    }

    private static <T> void complete(CompletableFuture<T> f, T value, Throwable error) {
        if (error != null) {
            f.completeExceptionally(error);
        } else {
            f.complete(value);
        }
    }
}
