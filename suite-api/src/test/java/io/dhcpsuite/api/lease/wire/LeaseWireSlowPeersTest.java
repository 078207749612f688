package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Peers of the lease wire port that connect and send nothing, half a hello, or a partial frame
 * (also one that trickles a byte at a time), over real sockets, with a 1 s frame timeout: each is
 * closed at the deadline while a real client is answered at once and keeps its idle connection;
 * beyond the connection cap a new connection is closed as it is accepted.
 */
class LeaseWireSlowPeersTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private LeaseWireServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
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

    private Socket open(byte[] first) throws IOException {
        Socket s = new Socket(LOOPBACK, server.port());
        sockets.add(s);
        s.getOutputStream().write(first);
        return s;
    }

    private static byte[] hello() {
        return ByteBuffer.allocate(4).putInt(LeaseWire.MAGIC).array();
    }

    /** The start of a frame that claims 100 payload bytes: its length, id and type, then 3 bytes. */
    private static byte[] partialFrame() {
        return ByteBuffer.allocate(4 + 4 + 9 + 3).putInt(LeaseWire.MAGIC).putInt(109).putLong(7).put(LeaseWire.BATCH)
                .put(new byte[] {0, 0, 0}).array();
    }

    private static void askAndCheck(Socket s, long id) throws IOException {
        LeaseOp4 op = new LeaseOp4(id, LeaseOp4.Kind.OFFER, List.of(1L), 1, "02:00:00:00:00:01", null, true, null,
                false, null, 0, List.of("ALL"), 4000, null, false, false);
        BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream());
        LeaseWire.writeFrame(out, id, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(op)));
        out.flush();
        LeaseWire.Frame f = LeaseWire.readFrame(new DataInputStream(s.getInputStream()));
        assertThat(f.correlationId()).isEqualTo(id);
        assertThat(LeaseWire.decodeResults(f.payload())).extracting(LeaseResult4::id).containsExactly(id);
    }

    /** True when the server has closed the connection (end of stream or reset) within the wait. */
    private static boolean closedByServer(Socket s, int waitMillis) throws IOException {
        s.setSoTimeout(waitMillis);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void silentHalfGreetedAndPartialFramePeersAreClosedAtTheDeadlineWhileARealClientIsServed() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, LeaseWireSlowPeersTest::echo, Duration.ofSeconds(1), 256).start();
        long t0 = System.nanoTime();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(open(new byte[0]));                       // connects, sends nothing
            slow.add(open(new byte[] {(byte) 0xD5, 0x0C}));   // half a hello
            slow.add(open(partialFrame()));                   // a hello and the start of a frame
        }
        Socket trickler = open(partialFrame());
        Socket real = open(hello());
        real.setSoTimeout(5000);
        askAndCheck(real, 1);
        // the trickler keeps sending, a byte every 300 ms: the frame's deadline still counts from its first byte
        OutputStream trickle = trickler.getOutputStream();
        boolean tricklerCut = false;
        for (int i = 0; i < 10 && !tricklerCut; i++) {
            Thread.sleep(300);
            try {
                trickle.write(0);
                trickle.flush();
            } catch (IOException e) {
                tricklerCut = true;
            }
        }
        long tricklerMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tricklerCut || closedByServer(trickler, 500)).as("trickler closed").isTrue();
        assertThat(tricklerMillis).as("ms until the trickler was closed").isLessThan(3_000);
        for (Socket s : slow) {
            assertThat(closedByServer(s, 2000)).as("slow peer closed").isTrue();
        }
        assertThat(server.slowPeers()).isEqualTo(61);
        // the real client idled longer than the frame timeout between frames: still served
        askAndCheck(real, 2);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aConnectionBeyondTheCapIsClosedAsItIsAcceptedAndTheCapFreesWithTheClose() throws Exception {
        server = new LeaseWireServer(LOOPBACK, 0, LeaseWireSlowPeersTest::echo, Duration.ofSeconds(10), 4).start();
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket s = open(hello());
            s.setSoTimeout(5000);
            askAndCheck(s, 10 + i);
            held.add(s);
        }
        Socket fifth = open(hello());
        assertThat(closedByServer(fifth, 2000)).as("fifth connection closed").isTrue();
        assertThat(server.rejectedConnections()).isEqualTo(1);
        held.get(0).close();
        long until = System.nanoTime() + 5_000_000_000L;
        while (server.connections() > 3 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Socket again = open(hello());
        again.setSoTimeout(5000);
        askAndCheck(again, 20);
        askAndCheck(held.get(3), 21);
    }
}
