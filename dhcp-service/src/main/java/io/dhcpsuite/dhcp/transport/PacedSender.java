package io.dhcpsuite.dhcp.transport;

import io.dhcpsuite.dhcp.processing.ReplySink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a socket's replies paced by a token bucket: on the caller's thread while a token is free
 * and nothing waits, otherwise from the sender's own thread. Replies come in bursts: one
 * group commit completes the lease writes of many packets at once, and their ACKs would leave
 * within a millisecond. A relay or load generator with the kernel's default receive buffer
 * (about 200 KiB, some 160 datagrams on loopback) drops the tail of such a burst; measured with
 * perfdhcp at 2,500 DORA/s, every drop was a receive-buffer error on its side. The bucket lets
 * {@value #BURST} replies leave at once and then no more than {@value #RATE} per second, far
 * above what the server sustains, so only bursts are spread (by a few milliseconds at most).
 */
public final class PacedSender implements ReplySink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.packets");
    static final int BURST = 64;
    static final int RATE = 50_000;
    private static final long NANOS_PER_TOKEN = TimeUnit.SECONDS.toNanos(1) / RATE;
    private static final long TOLERANCE = (BURST - 1) * NANOS_PER_TOKEN;
    private static final int SEND_TRIES = 200;

    private final DatagramChannel channel;
    private final ArrayBlockingQueue<Out> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger backlog = new AtomicInteger();
    private volatile boolean open = true;
    private long due = System.nanoTime();

    private record Out(ByteBuffer datagram, InetSocketAddress destination) {
    }

    public PacedSender(DatagramChannel channel, String name) {
        this.channel = channel;
        this.thread = new Thread(this::run, "dhcp4-send-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void send(ByteBuffer datagram, InetSocketAddress destination) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        // Fast path: nothing queued and a token free, so the reply leaves on the caller's thread
        // without a hand-off; otherwise the sender thread spreads it.
        // backlog counts replies queued or in the sender thread's hands, so that one sent here
        // never overtakes them.
        if (backlog.get() == 0 && takeToken(System.nanoTime()) && trySend(datagram, destination)) {
            return;
        }
        backlog.incrementAndGet();
        if (!queue.offer(new Out(datagram, destination))) {
            backlog.decrementAndGet();
            // A full queue means the socket cannot keep up at all; the client will retransmit.
            countDrop();
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void countDrop() {
        long n = dropped.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            log.warn("DHCP4_PACKET_SEND_FAIL reply queue full, {} replies dropped so far", n);
        }
    }

    /**
     * Generic cell rate algorithm: {@code due} is when the next reply would be on schedule, and a
     * reply may leave up to {@code BURST - 1} intervals ahead of it.
     */
    private synchronized boolean takeToken(long now) {
        if (due - TOLERANCE > now) {
            return false;
        }
        due = Math.max(due, now) + NANOS_PER_TOKEN;
        return true;
    }

    private synchronized long nanosUntilToken(long now) {
        return Math.max(0, due - TOLERANCE - now);
    }

    /** False when the socket's send buffer is full (the channel does not block). */
    private boolean trySend(ByteBuffer datagram, InetSocketAddress destination) {
        try {
            return channel.send(datagram, destination) > 0;
        } catch (IOException | RuntimeException e) {
            log.debug("DHCP4_PACKET_SEND_FAIL failed to send DHCPv4 packet to {}: {}", destination, e.toString());
            return true;
        }
    }

    private void run() {
        while (open || !queue.isEmpty()) {
            Out out;
            try {
                // blocks until a reply comes (close interrupts it): an idle server's sender sleeps
                out = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            long now;
            while (!takeToken(now = System.nanoTime())) {
                LockSupport.parkNanos(Math.max(1_000, nanosUntilToken(now)));
            }
            // a full send buffer empties within microseconds on any live interface
            int tries = 0;
            while (!trySend(out.datagram, out.destination)) {
                if (++tries == SEND_TRIES || !channel.isOpen()) {
                    countDrop();
                    break;
                }
                LockSupport.parkNanos(50_000);
            }
            backlog.decrementAndGet();
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
    }
}
