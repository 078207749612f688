package io.dhcpsuite.api.lease.wire;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the {@link LeaseWire} TCP transport: blocking sockets, one acceptor thread,
 * and per connection a reader thread (decodes the frames that have arrived, hands their ops to the
 * handler as one batch, reads on: many batches are in flight on one connection) and a writer thread (writes each answer as
 * soon as the handler's future completes, in completion order, several answers per flush). The
 * writer thread keeps socket writes off whatever thread completes the future (the group commit's
 * writer thread); it is the only writer of its connection. A malformed frame closes that
 * connection with one log line; nothing a peer sends stops the server. A client whose hello names a
 * version this server does not speak is refused: one log line naming both versions, a count
 * ({@link #refusedVersions()}), the refusal in a FAILED frame, and the connection closed.
 */
public final class LeaseWireServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseWireServer.class);

    /** Answers one batch; the future may complete on any thread. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 batch);
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;

    /** Binds at once (so a taken port fails the caller's startup); call {@link #start()} to accept. */
    public LeaseWireServer(InetAddress bind, int port, Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), 64);
        this.acceptor = Thread.ofPlatform().name("lease-wire-accept").daemon(true).unstarted(this::acceptLoop);
    }

    public LeaseWireServer start() {
        acceptor.start();
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Connections closed because of a malformed frame. */
    public long malformedFrames() {
        return malformed.get();
    }

    /** Connections refused because the client spoke a version this server does not. */
    public long refusedVersions() {
        return refused.get();
    }

    public int connections() {
        return connections.size();
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Connection c = new Connection(s, ids.incrementAndGet());
                connections.add(c);
                c.start();
            } catch (IOException e) {
                if (running) {
                    log.warn("lease wire: accept failed: {}", e.toString());
                }
            } catch (RuntimeException e) {
                log.error("lease wire: accept loop: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Connection c : connections) {
            c.close();
        }
    }

    private record Answer(long id, byte type, LeaseBatch4Result result, String error) {
    }

    private record Received(long id, List<LeaseOp4> ops, boolean offersOnly) {
    }

    /** Ops of frames already received that are handled together at most. */
    static final int COALESCE_OPS = 4096;

    private final class Connection {
        private final Socket socket;
        private final String peer;
        private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        private final Thread reader;
        private final Thread writer;
        private volatile boolean open = true;

        Connection(Socket socket, int n) {
            this.socket = socket;
            this.peer = String.valueOf(socket.getRemoteSocketAddress());
            this.reader = Thread.ofPlatform().name("lease-wire-in-" + n).daemon(true).unstarted(this::readLoop);
            this.writer = Thread.ofPlatform().name("lease-wire-out-" + n).daemon(true).unstarted(this::writeLoop);
        }

        void start() {
            writer.start();
            reader.start();
        }

        private void readLoop() {
            // The stream is not a try-with-resources resource: that would close the socket before
            // the catch blocks run, so a peer could see the close before the malformed count moves.
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
                int hello = in.readInt();
                int version = LeaseWire.version(hello);
                if (version < 0) {
                    throw new LeaseWire.MalformedFrameException(String.format("bad hello 0x%08x", hello));
                }
                if (version != LeaseWire.VERSION) {
                    refuse(version);
                    return;
                }
                List<Received> offers = new ArrayList<>();
                List<Received> others = new ArrayList<>();
                LeaseWire.Frame frame;
                while (open && (frame = LeaseWire.readFrame(in)) != null) {
                    // Frames already here are handled as one batch (one engine pass, one group
                    // commit to wait for), then answered one by one. Frames of OFFERs only go
                    // apart, so that an offer never waits for another frame's write.
                    int ops = 0;
                    while (true) {
                        Received r = decode(frame);
                        (r.offersOnly() ? offers : others).add(r);
                        ops += r.ops().size();
                        if (ops >= COALESCE_OPS || in.available() == 0) {
                            break;
                        }
                        frame = LeaseWire.readFrame(in);
                        if (frame == null) {
                            break;
                        }
                    }
                    handle(offers);
                    handle(others);
                    offers.clear();
                    others.clear();
                }
            } catch (LeaseWire.MalformedFrameException e) {
                malformed.incrementAndGet();
                log.warn("lease wire: closing the connection from {}: malformed frame: {}", peer, e.getMessage());
            } catch (EOFException | SocketException e) {
                log.debug("lease wire: connection from {} ended: {}", peer, e.toString());
            } catch (IOException | RuntimeException e) {
                log.warn("lease wire: closing the connection from {}: {}", peer, e.toString());
            } finally {
                close();
            }
        }

        /** Nothing else has been written on this connection yet, so the reader may write the refusal. */
        private void refuse(int version) {
            refused.incrementAndGet();
            String why = LeaseWire.refusal(version);
            log.warn("lease wire: refusing the connection from {}: {}", peer, why);
            try {
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 512);
                LeaseWire.writeFrame(out, LeaseWire.REFUSAL, LeaseWire.FAILED, LeaseWire.encodeString(why));
                out.flush();
            } catch (IOException e) {
                log.debug("lease wire: the refusal did not reach {}: {}", peer, e.toString());
            }
        }

        private Received decode(LeaseWire.Frame frame) throws LeaseWire.MalformedFrameException {
            if (frame.type() != LeaseWire.BATCH) {
                throw new LeaseWire.MalformedFrameException("unexpected frame type " + frame.type());
            }
            List<LeaseOp4> ops = LeaseWire.decodeOps(frame.payload());
            boolean offersOnly = true;
            for (LeaseOp4 op : ops) {
                offersOnly &= op.kind() == LeaseOp4.Kind.OFFER;
            }
            return new Received(frame.correlationId(), ops, offersOnly);
        }

        /** Hands the frames' ops to the handler as one batch and answers each frame its slice. */
        private void handle(List<Received> frames) {
            if (frames.isEmpty()) {
                return;
            }
            List<LeaseOp4> all;
            if (frames.size() == 1) {
                all = frames.get(0).ops();
            } else {
                all = new ArrayList<>();
                for (Received r : frames) {
                    all.addAll(r.ops());
                }
            }
            CompletableFuture<LeaseBatch4Result> result;
            try {
                result = handler.handle(new LeaseBatch4(all));
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            List<Received> answered = frames.size() == 1 ? List.of(frames.get(0)) : List.copyOf(frames);
            int total = all.size();
            result.whenComplete((r, error) -> {
                if (error == null && r != null && r.results().size() != total) {
                    error = new IllegalStateException("handler answered " + r.results().size() + " results for " + total + " ops");
                }
                if (error != null || r == null) {
                    for (Received f : answered) {
                        answers.add(new Answer(f.id(), LeaseWire.FAILED, null, String.valueOf(error)));
                    }
                    return;
                }
                int from = 0;
                for (Received f : answered) {
                    int to = from + f.ops().size();
                    List<LeaseResult4> slice = answered.size() == 1 ? r.results() : r.results().subList(from, to);
                    answers.add(new Answer(f.id(), LeaseWire.RESULTS, new LeaseBatch4Result(slice), null));
                    from = to;
                }
            });
        }

        private void writeLoop() {
            try {
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
                while (open) {
                    Answer a = answers.take();
                    while (a != null) {
                        byte[] payload = a.type == LeaseWire.RESULTS
                                ? LeaseWire.encodeResults(a.result.results())
                                : LeaseWire.encodeString(a.error);
                        LeaseWire.writeFrame(out, a.id, a.type, payload);
                        a = answers.poll();
                    }
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                if (open) {
                    log.warn("lease wire: writing to {} failed: {}", peer, e.toString());
                }
            } finally {
                close();
            }
        }

        void close() {
            if (!open) {
                return;
            }
            open = false;
            connections.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            writer.interrupt();
        }
    }
}
