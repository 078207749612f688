package io.dhcpsuite.api.lease.wire;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult6;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the {@link LeaseWire} TCP transport: one acceptor thread, and per connection
 * one thread that reads (decodes the frames that have arrived, hands their ops to the handler as
 * one batch, reads on: many batches are in flight on one connection). Each answer is written by
 * the thread that completes the handler's future, as soon as it completes, in completion order:
 * the reader itself for a batch that needed no write, the group commit's thread for one that did.
 * The socket is non-blocking, so that thread never waits on a peer: bytes the socket does not take
 * wait in order, and the reader writes them when it has room (a peer that leaves
 * {@value #MAX_UNSENT} bytes unread is closed). Writing on the completing thread spares each
 * batch the wake-up of a writer thread. A malformed frame closes that connection with one log
 * line; nothing a peer sends stops the server. A client whose hello names a version this server
 * does not speak is refused: one log line naming both versions, a count
 * ({@link #refusedVersions()}), the refusal in a FAILED frame, and the connection closed.
 *
 * <p>A peer cannot hold a thread by sending slowly: the hello, and then each frame once its first
 * byte is here, must arrive whole within the frame timeout (10 s), or the connection is closed
 * ({@link #slowPeers()}); a connection idle between frames is a client waiting for DHCP traffic
 * and stays. At most {@link #DEFAULT_MAX_CONNECTIONS} connections are open at once; one beyond is
 * closed as it is accepted ({@link #rejectedConnections()}).
 *
 * <p>DHCPv4 and DHCPv6 batches (version 2 on) share a connection and its rules: frames of each
 * family already received are handled together, frames of OFFERs or ADVERTISEs only go apart,
 * and a connection that never carried either has its writes made durable on its reader.
 */
public final class LeaseWireServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseWireServer.class);

    /** Answers one batch; the future may complete on any thread. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 batch);

        /**
         * A batch on a connection that carries no OFFERs (a client's write lane): the reader has
         * nothing to do until it is answered, so the handler may make its writes durable on the
         * calling thread instead of handing them to another one.
         */
        default CompletableFuture<LeaseBatch4Result> handleWrites(LeaseBatch4 batch) {
            return handle(batch);
        }

        /** Answers one DHCPv6 batch; a server without DHCPv6 fails it (the client drops its packets). */
        default CompletableFuture<LeaseBatch6Result> handle6(LeaseBatch6 batch) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("this lease-service serves no DHCPv6 ops"));
        }

        /** {@link #handleWrites} for a DHCPv6 batch: may make its writes durable on the calling thread. */
        default CompletableFuture<LeaseBatch6Result> handleWrites6(LeaseBatch6 batch) {
            return handle6(batch);
        }
    }

    private final ServerSocketChannel server;
    private final Handler handler;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final long frameTimeoutNanos;
    private final int maxConnections;
    private volatile boolean running = true;

    /** A hello or a frame must arrive whole within this of its first byte. */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(10);
    /** Far above the two connections each dhcp-service opens; bounds the reader threads. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    /** Binds at once (so a taken port fails the caller's startup); call {@link #start()} to accept. */
    public LeaseWireServer(InetAddress bind, int port, Handler handler) throws IOException {
        this(bind, port, handler, DEFAULT_FRAME_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** As above, with the slow-peer bounds given (tests use short ones). */
    public LeaseWireServer(InetAddress bind, int port, Handler handler, Duration frameTimeout, int maxConnections)
            throws IOException {
        if (frameTimeout.isNegative() || frameTimeout.isZero() || maxConnections < 1) {
            throw new IllegalArgumentException("frame timeout must be positive and max connections at least 1");
        }
        this.frameTimeoutNanos = frameTimeout.toNanos();
        this.maxConnections = maxConnections;
        this.handler = handler;
        this.server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(bind, port), 64);
        this.acceptor = Thread.ofPlatform().name("lease-wire-accept").daemon(true).unstarted(this::acceptLoop);
    }

    public LeaseWireServer start() {
        acceptor.start();
        return this;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.socket().getLocalSocketAddress();
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

    /** Connections closed because a hello or a frame did not arrive whole within the frame timeout. */
    public long slowPeers() {
        return slow.get();
    }

    /** Connections closed as they were accepted, because {@code maxConnections} were open. */
    public long rejectedConnections() {
        return rejected.get();
    }

    private void acceptLoop() {
        while (running) {
            try {
                SocketChannel s = server.accept();
                if (connections.size() >= maxConnections) {
                    if (rejected.getAndIncrement() % 1000 == 0) {
                        log.warn("lease wire: refusing the connection from {}: {} connections open ({} refused so far)",
                                s.getRemoteAddress(), connections.size(), rejected.get());
                    }
                    s.close();
                    continue;
                }
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c;
                try {
                    c = new Connection(s, ids.incrementAndGet());
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
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

    /** {@code results} of {@link LeaseWire#RESULTS} or {@link LeaseWire#RESULTS6}, or the error of a FAILED frame. */
    private record Answer(long id, byte type, List<?> results, String error) {
    }

    /**
     * One frame's ops: {@link LeaseOp4}s of a BATCH frame, {@link LeaseOp6}s of a BATCH6 frame;
     * {@code offersOnly} when they are all OFFERs or all ADVERTISEs (nothing durable to wait for).
     */
    private record Received(long id, boolean v6, List<?> ops, boolean offersOnly) {
    }

    /** Ops of frames already received that are handled together at most. */
    static final int COALESCE_OPS = 4096;
    /**
     * Answer bytes a connection may hold unsent (its peer not reading) before it is closed: far
     * above what a live peer leaves unread, small enough that a peer that stopped reading costs
     * little.
     */
    static final int MAX_UNSENT = 64 << 20;
    private static final int READ_BUFFER = 65536;

    private final class Connection {
        private final SocketChannel channel;
        private final String peer;
        private final Thread reader;
        private final Selector selector;
        /** Guards {@link #unsent} and every write to the channel. */
        private final Object writeLock = new Object();
        /** Answer bytes the socket did not take yet, or null; the reader thread finishes them. */
        private ByteBuffer unsent;
        private volatile boolean open = true;
        /**
         * No frame of OFFERs has come on this connection (a client that keeps its OFFERs on a
         * connection of their own): its other batches go to {@link Handler#handleWrites}, which may
         * block this reader until they are durable, as an OFFER behind them must not wait.
         */
        private boolean writesOnly = true;
        /** The version the client's hello named; reader thread only. */
        private int version;

        Connection(SocketChannel channel, int n) throws IOException {
            this.channel = channel;
            this.peer = String.valueOf(channel.getRemoteAddress());
            channel.configureBlocking(false);
            this.selector = Selector.open();
            this.reader = Thread.ofPlatform().name("lease-wire-in-" + n).daemon(true).unstarted(this::readLoop);
        }

        void start() {
            reader.start();
        }

        private void readLoop() {
            try {
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
                boolean greeted = false;
                List<Received> offers = new ArrayList<>();
                List<Received> others = new ArrayList<>();
                // when the hello, or the frame whose first bytes are here, must be whole; 0: none due
                long due = System.nanoTime() + frameTimeoutNanos;
                List<Received> offers6 = new ArrayList<>();
                List<Received> others6 = new ArrayList<>();
                while (open) {
                    boolean wantWrite;
                    synchronized (writeLock) {
                        wantWrite = unsent != null;
                    }
                    key.interestOps(wantWrite ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                    if (due == 0) {
                        selector.select();
                    } else {
                        long left = due - System.nanoTime();
                        if (left <= 0) {
                            if (slow.incrementAndGet() % 100 == 1) {
                                log.warn("lease wire: closing the connection from {}: {} not whole within {} ms ({} slow"
                                                + " peers closed so far)", peer, greeted ? "a frame" : "the hello",
                                        frameTimeoutNanos / 1_000_000, slow.get());
                            }
                            return;
                        }
                        selector.select(Math.max(1, left / 1_000_000));
                    }
                    selector.selectedKeys().clear();
                    if (!open) {
                        break;
                    }
                    if (wantWrite && key.isValid() && key.isWritable()) {
                        synchronized (writeLock) {
                            writeUnsent();
                        }
                    }
                    if (!key.isValid() || !key.isReadable()) {
                        continue;
                    }
                    int n = channel.read(in);
                    if (n < 0) {
                        throw new EOFException("end of stream");
                    }
                    in.flip();
                    if (!greeted) {
                        if (in.remaining() < 4) {
                            in.compact();
                            continue;
                        }
                        int hello = in.getInt();
                        int version = LeaseWire.version(hello);
                        if (version < 0) {
                            throw new LeaseWire.MalformedFrameException(String.format("bad hello 0x%08x", hello));
                        }
                        if (version < LeaseWire.MIN_VERSION || version > LeaseWire.VERSION) {
                            refuse(version);
                            return;
                        }
                        greeted = true;
                        due = 0;
                        this.version = version;
                    }
                    // Frames already here are handled as one batch (one engine pass, one group
                    // commit to wait for), then answered one by one. Frames of OFFERs only go
                    // apart, so that an offer never waits for another frame's write.
                    int ops = 0;
                    int needed;
                    boolean whole = false;
                    while ((needed = complete(in)) == 0) {
                        whole = true;
                        Received r = decode(in);
                        writesOnly &= !r.offersOnly();
                        (r.v6() ? r.offersOnly() ? offers6 : others6 : r.offersOnly() ? offers : others).add(r);
                        ops += r.ops().size();
                        if (ops >= COALESCE_OPS) {
                            handleAll(offers, others, offers6, others6);
                            ops = 0;
                        }
                    }
                    handleAll(offers, others, offers6, others6);
                    if (!in.hasRemaining()) {
                        due = 0;
                    } else if (due == 0 || whole) {
                        due = System.nanoTime() + frameTimeoutNanos; // a new frame has begun
                    }
                    in.compact();
                    if (!in.hasRemaining()) {
                        // a frame larger than the buffer: grow as its bytes arrive, not as its
                        // header claims (a 16 MiB header alone must not cost 16 MiB)
                        ByteBuffer bigger = ByteBuffer.allocate(Math.min(Math.max(needed, 4), in.capacity() * 2));
                        in.flip();
                        bigger.put(in);
                        in = bigger;
                    }
                }
            } catch (LeaseWire.MalformedFrameException e) {
                malformed.incrementAndGet();
                log.warn("lease wire: closing the connection from {}: malformed frame: {}", peer, e.getMessage());
            } catch (EOFException | SocketException | ClosedChannelException e) {
                log.debug("lease wire: connection from {} ended: {}", peer, e.toString());
            } catch (IOException | RuntimeException e) {
                log.warn("lease wire: closing the connection from {}: {}", peer, e.toString());
            } finally {
                close();
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }

        /**
         * 0 when {@code in} (flipped) starts with a whole frame, else the bytes the buffer must
         * hold for the frame at its start.
         */
        private int complete(ByteBuffer in) throws LeaseWire.MalformedFrameException {
            if (in.remaining() < 4) {
                return 4;
            }
            int length = in.getInt(in.position());
            if (length < 9 || length > LeaseWire.MAX_FRAME) {
                throw new LeaseWire.MalformedFrameException("frame length " + length + " outside 9.." + LeaseWire.MAX_FRAME);
            }
            return in.remaining() >= 4 + length ? 0 : 4 + length;
        }

        private void handleAll(List<Received> offers, List<Received> others, List<Received> offers6,
                               List<Received> others6) {
            handle(offers, false);
            handle(others, writesOnly);
            handle(offers6, false);
            handle(others6, writesOnly);
        }

        /** Nothing else has been written on this connection yet, so the reader may write the refusal. */
        private void refuse(int version) {
            refused.incrementAndGet();
            String why = LeaseWire.refusal(version);
            log.warn("lease wire: refusing the connection from {}: {}", peer, why);
            send(List.of(new Answer(LeaseWire.REFUSAL, LeaseWire.FAILED, null, why)));
            // a refusal is a few hundred bytes on a fresh connection: the socket takes it at once
        }

        private Received decode(ByteBuffer in) throws LeaseWire.MalformedFrameException {
            int length = in.getInt();
            long id = in.getLong();
            byte type = in.get();
            byte[] payload = new byte[length - 9];
            in.get(payload);
            boolean offersOnly = true;
            if (type == LeaseWire.BATCH) {
                List<LeaseOp4> ops = LeaseWire.decodeOps(payload);
                for (LeaseOp4 op : ops) {
                    offersOnly &= op.kind() == LeaseOp4.Kind.OFFER;
                }
                return new Received(id, false, ops, offersOnly);
            }
            if (type == LeaseWire.BATCH6 && version >= 2) {
                List<LeaseOp6> ops = LeaseWire6.decodeOps(payload);
                for (LeaseOp6 op : ops) {
                    offersOnly &= op.kind() == LeaseOp6.Kind.ADVERTISE;
                }
                return new Received(id, true, ops, offersOnly);
            }
            throw new LeaseWire.MalformedFrameException("unexpected frame type " + type + " in lease wire version " + version);
        }

        /**
         * Hands the frames' ops (all of one family) to the handler as one batch and answers each
         * frame its slice.
         */
        @SuppressWarnings("unchecked")
        private void handle(List<Received> frames, boolean mayBlock) {
            if (frames.isEmpty()) {
                return;
            }
            List<Object> all;
            if (frames.size() == 1) {
                all = (List<Object>) frames.get(0).ops();
            } else {
                all = new ArrayList<>();
                for (Received r : frames) {
                    all.addAll(r.ops());
                }
            }
            boolean v6 = frames.get(0).v6();
            CompletableFuture<? extends List<?>> result;
            try {
                if (v6) {
                    LeaseBatch6 batch = new LeaseBatch6((List<LeaseOp6>) (List<?>) all);
                    result = (mayBlock ? handler.handleWrites6(batch) : handler.handle6(batch))
                            .thenApply(r -> r == null ? null : r.results());
                } else {
                    LeaseBatch4 batch = new LeaseBatch4((List<LeaseOp4>) (List<?>) all);
                    result = (mayBlock ? handler.handleWrites(batch) : handler.handle(batch))
                            .thenApply(r -> r == null ? null : r.results());
                }
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            byte resultType = v6 ? LeaseWire.RESULTS6 : LeaseWire.RESULTS;
            List<Received> answered = frames.size() == 1 ? List.of(frames.get(0)) : List.copyOf(frames);
            frames.clear();
            int total = all.size();
            // Runs on the thread that completes the future: this reader for what needs no write
            // (OFFERs), the group commit's thread once a write is durable. The answer is written
            // right there, without waking another thread; the socket never blocks the caller.
            result.whenComplete((r, error) -> {
                if (error == null && r != null && r.size() != total) {
                    error = new IllegalStateException("handler answered " + r.size() + " results for " + total + " ops");
                }
                List<Answer> out = new ArrayList<>(answered.size());
                if (error != null || r == null) {
                    for (Received f : answered) {
                        out.add(new Answer(f.id(), LeaseWire.FAILED, null, String.valueOf(error)));
                    }
                } else {
                    int from = 0;
                    for (Received f : answered) {
                        int to = from + f.ops().size();
                        List<?> slice = answered.size() == 1 ? r : r.subList(from, to);
                        out.add(new Answer(f.id(), resultType, slice, null));
                        from = to;
                    }
                }
                send(out);
            });
        }

        /**
         * Writes the answers' frames in one system call when the socket takes them, from the
         * calling thread and without blocking it. What the socket does not take waits in
         * {@link #unsent}, in order, and the reader thread writes it when the socket has room;
         * answers that come meanwhile queue behind it.
         */
        private void send(List<Answer> answers) {
            ByteBuffer frames;
            try {
                frames = encode(answers);
            } catch (RuntimeException e) {
                log.warn("lease wire: encoding an answer to {} failed: {}", peer, e.toString());
                close();
                return;
            }
            boolean wake = false;
            synchronized (writeLock) {
                if (!open) {
                    return;
                }
                try {
                    if (unsent == null) {
                        channel.write(frames);
                        if (!frames.hasRemaining()) {
                            return;
                        }
                        unsent = frames;
                        wake = true;
                    } else {
                        if (unsent.remaining() + frames.remaining() > MAX_UNSENT) {
                            throw new IOException(unsent.remaining() + " bytes of answers unread by the peer");
                        }
                        ByteBuffer joined = ByteBuffer.allocate(unsent.remaining() + frames.remaining());
                        joined.put(unsent).put(frames).flip();
                        unsent = joined;
                    }
                } catch (IOException | RuntimeException e) {
                    if (open) {
                        log.warn("lease wire: writing to {} failed: {}", peer, e.toString());
                    }
                    close();
                    return;
                }
            }
            if (wake) {
                selector.wakeup();
            }
        }

        /** The reader thread, holding the write lock, once the socket has room. */
        private void writeUnsent() {
            if (unsent == null) {
                return;
            }
            try {
                channel.write(unsent);
                if (!unsent.hasRemaining()) {
                    unsent = null;
                }
            } catch (IOException | RuntimeException e) {
                if (open) {
                    log.warn("lease wire: writing to {} failed: {}", peer, e.toString());
                }
                close();
            }
        }

        @SuppressWarnings("unchecked")
        private static ByteBuffer encode(List<Answer> answers) {
            byte[][] payloads = new byte[answers.size()][];
            int size = 0;
            for (int i = 0; i < payloads.length; i++) {
                Answer a = answers.get(i);
                payloads[i] = switch (a.type) {
                    case LeaseWire.RESULTS -> LeaseWire.encodeResults((List<LeaseResult4>) a.results);
                    case LeaseWire.RESULTS6 -> LeaseWire6.encodeResults((List<LeaseResult6>) a.results);
                    default -> LeaseWire.encodeString(a.error);
                };
                size += 13 + payloads[i].length;
            }
            ByteBuffer b = ByteBuffer.allocate(size);
            for (int i = 0; i < payloads.length; i++) {
                b.putInt(9 + payloads[i].length).putLong(answers.get(i).id).put(answers.get(i).type).put(payloads[i]);
            }
            return b.flip();
        }

        void close() {
            synchronized (writeLock) {
                if (!open) {
                    return;
                }
                open = false;
                unsent = null;
            }
            connections.remove(this);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
            selector.wakeup();
        }
    }
}
