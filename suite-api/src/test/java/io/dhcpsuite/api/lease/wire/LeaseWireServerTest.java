package io.dhcpsuite.api.lease.wire;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseState;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaseWireServerTest {
    private LeaseWireServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static LeaseOp4 op(long id) {
        return new LeaseOp4(id, LeaseOp4.Kind.OFFER, List.of(1L), 1, "02:00:00:00:00:01", null, true, null, false,
                null, 0, List.of("ALL"), 4000, null, false, false);
    }

    private static CompletableFuture<LeaseBatch4Result> echo(LeaseBatch4 batch) {
        List<LeaseResult4> r = new ArrayList<>();
        for (LeaseOp4 op : batch.ops()) {
            r.add(new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, "op " + op.id()));
        }
        return CompletableFuture.completedFuture(new LeaseBatch4Result(r));
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5000);
        new DataOutputStream(s.getOutputStream()).writeInt(LeaseWire.MAGIC);
        return s;
    }

    @Test
    void malformedFrameClosesThatConnectionOnly() throws Exception {
        server = new LeaseWireServer(InetAddress.getLoopbackAddress(), 0, LeaseWireServerTest::echo).start();
        try (Socket good = connect(server.port()); Socket bad = connect(server.port())) {
            // a frame whose payload is garbage
            BufferedOutputStream out = new BufferedOutputStream(bad.getOutputStream());
            LeaseWire.writeFrame(out, 1, LeaseWire.BATCH, new byte[] {0, 0, 0, 1, 9});
            out.flush();
            assertThat(bad.getInputStream().read()).isEqualTo(-1); // closed by the server

            BufferedOutputStream gout = new BufferedOutputStream(good.getOutputStream());
            LeaseWire.writeFrame(gout, 5, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(op(1), op(2))));
            gout.flush();
            LeaseWire.Frame f = LeaseWire.readFrame(new DataInputStream(good.getInputStream()));
            assertThat(f.correlationId()).isEqualTo(5);
            assertThat(f.type()).isEqualTo(LeaseWire.RESULTS);
            assertThat(LeaseWire.decodeResults(f.payload())).extracting(LeaseResult4::id).containsExactly(1L, 2L);
        }
        assertThat(server.malformedFrames()).isEqualTo(1);
        try (Socket wrongMagic = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            wrongMagic.setSoTimeout(5000);
            wrongMagic.getOutputStream().write("POST / HTTP/1.1\r\n\r\n".getBytes());
            assertThat(wrongMagic.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.malformedFrames()).isEqualTo(2);
    }

    @Test
    void framesThatArriveTogetherAreOneBatchAndEachGetsItsOwnAnswer() throws Exception {
        List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = new LeaseWireServer(InetAddress.getLoopbackAddress(), 0, b -> {
            batchSizes.add(b.ops().size());
            return echo(b);
        }).start();
        try (Socket s = connect(server.port())) {
            // three frames in one write: they are all in the server's buffer when it reads the first
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536);
            LeaseWire.writeFrame(out, 1, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(op(1), op(2))));
            LeaseWire.writeFrame(out, 2, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(op(3))));
            LeaseWire.writeFrame(out, 3, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(op(4), op(5), op(6))));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            java.util.Map<Long, List<Long>> answers = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++) {
                LeaseWire.Frame f = LeaseWire.readFrame(in);
                assertThat(f.type()).isEqualTo(LeaseWire.RESULTS);
                answers.put(f.correlationId(), LeaseWire.decodeResults(f.payload()).stream().map(LeaseResult4::id).toList());
            }
            assertThat(answers).containsEntry(1L, List.of(1L, 2L)).containsEntry(2L, List.of(3L))
                    .containsEntry(3L, List.of(4L, 5L, 6L));
        }
        assertThat(batchSizes).containsExactly(6);
    }

    @Test
    void handlerFailureAnswersFailedFrame() throws Exception {
        server = new LeaseWireServer(InetAddress.getLoopbackAddress(), 0,
                b -> { throw new IllegalStateException("engine broke"); }).start();
        try (Socket s = connect(server.port())) {
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream());
            LeaseWire.writeFrame(out, 8, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(op(1))));
            out.flush();
            LeaseWire.Frame f = LeaseWire.readFrame(new DataInputStream(s.getInputStream()));
            assertThat(f.correlationId()).isEqualTo(8);
            assertThat(f.type()).isEqualTo(LeaseWire.FAILED);
            assertThat(LeaseWire.decodeString(f.payload())).contains("engine broke");
        }
    }

    @Test
    void answersThePeerDoesNotReadYetWaitAndArriveInOrder() throws Exception {
        // ~1 KiB per result: 400 frames of 50 ops are some 20 MB of answers, more than the two
        // sockets' buffers hold, so most of them wait on the server until the peer reads
        String big = "x".repeat(1000);
        server = new LeaseWireServer(InetAddress.getLoopbackAddress(), 0, b -> {
            List<LeaseResult4> r = new ArrayList<>();
            for (LeaseOp4 op : b.ops()) {
                r.add(new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, big));
            }
            return CompletableFuture.completedFuture(new LeaseBatch4Result(r));
        }).start();
        try (Socket s = connect(server.port())) {
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536);
            for (int f = 0; f < 400; f++) {
                List<LeaseOp4> ops = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    ops.add(op(f * 50L + i));
                }
                LeaseWire.writeFrame(out, f + 1, LeaseWire.BATCH, LeaseWire.encodeOps(ops));
                out.flush();
            }
            Thread.sleep(300); // the server answers what it can and keeps the rest
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream(), 65536));
            for (int f = 0; f < 400; f++) {
                LeaseWire.Frame frame = LeaseWire.readFrame(in);
                assertThat(frame.correlationId()).isEqualTo(f + 1);
                List<LeaseResult4> results = LeaseWire.decodeResults(frame.payload());
                assertThat(results).hasSize(50);
                assertThat(results.get(0).id()).isEqualTo(f * 50L);
                assertThat(results.get(49).message()).isEqualTo(big);
            }
        }
        assertThat(server.malformedFrames()).isZero();
    }

    private static LeaseOp4 request(long id) {
        return new LeaseOp4(id, LeaseOp4.Kind.REQUEST, List.of(1L), 1, "02:00:00:00:00:01", null, true, "10.0.0.5", true,
                null, 0, List.of("ALL"), 4000, null, false, false);
    }

    @Test
    void aConnectionWithoutOffersHasItsWritesHandledAsWritesOnly() throws Exception {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = new LeaseWireServer(InetAddress.getLoopbackAddress(), 0, new LeaseWireServer.Handler() {
            @Override
            public CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 batch) {
                calls.add("handle:" + batch.ops().get(0).kind());
                return echo(batch);
            }

            @Override
            public CompletableFuture<LeaseBatch4Result> handleWrites(LeaseBatch4 batch) {
                calls.add("writes:" + batch.ops().get(0).kind());
                return echo(batch);
            }
        }).start();
        try (Socket s = connect(server.port())) {
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            long[] ids = {1, 2, 3};
            LeaseOp4[] ops = {request(1), op(2), request(3)};
            for (int i = 0; i < ops.length; i++) {
                LeaseWire.writeFrame(out, ids[i], LeaseWire.BATCH, LeaseWire.encodeOps(List.of(ops[i])));
                out.flush();
                assertThat(LeaseWire.readFrame(in).correlationId()).isEqualTo(ids[i]);
            }
        }
        // once an OFFER came on it, a write on that connection might hold an OFFER up: no longer
        assertThat(calls).containsExactly("writes:REQUEST", "handle:OFFER", "handle:REQUEST");
    }
}
