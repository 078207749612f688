package io.dhcpsuite.api.ddns;

import io.dhcpsuite.api.stats.Statistics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP side's NameChangeSender (Kea's {@code NameChangeUDPSender}): NCRs go into a bounded
 * queue ({@code dhcp-ddns.max-queue-size}) and one daemon thread sends them to D2 as UDP datagrams
 * in Kea's framing ({@link NcrCodec#toDatagram}). Policy: the caller never waits. A full queue
 * drops the NCR and counts it ({@code <prefix>queue-full}); a D2 that is down loses the datagrams
 * as UDP does, and the ICMP port-unreachable that the connected socket reports is counted
 * ({@code <prefix>send-failed}), so DHCP keeps serving whatever happens to ddns-service. Kea
 * instead suspends DDNS while its queue is full; dropping the newest is the same loss without the
 * suspension state.
 */
public final class NcrSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.ddns");
    private final InetSocketAddress server;
    private final InetSocketAddress bind;
    private final BlockingQueue<Ncr> queue;
    private final Statistics stats;
    private final String prefix;
    private final String sentName;
    private final String queueFullName;
    private final String failedName;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private DatagramChannel channel;

    /**
     * @param server       D2's address ({@code server-ip}, {@code server-port})
     * @param sender       the local address to send from ({@code sender-ip}, {@code sender-port}), or null for any
     * @param maxQueueSize NCRs that may wait
     * @param stats        where to count, or null
     * @param prefix       statistic name prefix, e.g. {@code "ncr-"} → {@code ncr-sent}, {@code ncr-queue-full},
     *                     {@code ncr-send-failed}
     */
    public NcrSender(InetSocketAddress server, InetSocketAddress sender, int maxQueueSize, Statistics stats, String prefix) {
        this.server = server;
        this.bind = sender;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, maxQueueSize));
        this.stats = stats;
        this.prefix = prefix;
        this.sentName = prefix + "sent";
        this.queueFullName = prefix + "queue-full";
        this.failedName = prefix + "send-failed";
        if (stats != null) {
            stats.stat(sentName);
            stats.stat(queueFullName);
            stats.stat(failedName);
        }
        this.thread = Thread.ofPlatform().name("ncr-sender").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Queues {@code ncr}; false (and counted) when the queue is full or the sender closed. Never blocks. */
    public boolean send(Ncr ncr) {
        if (closed || !queue.offer(ncr)) {
            increment(queueFullName);
            if (log.isDebugEnabled()) {
                log.debug("DHCP_DDNS_QUEUE_FULL NCR dropped, {} waiting: {}", queue.size(), ncr);
            }
            return false;
        }
        return true;
    }

    /** NCRs queued or being sent. */
    public int pending() {
        return queue.size() + inFlight.get();
    }

    public InetSocketAddress server() {
        return server;
    }

    private void run() {
        while (!closed) {
            Ncr ncr;
            try {
                ncr = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (ncr == null) {
                continue;
            }
            inFlight.incrementAndGet();
            try {
                sendNow(ncr);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void sendNow(Ncr ncr) {
        byte[] datagram;
        try {
            datagram = NcrCodec.toDatagram(ncr);
        } catch (RuntimeException e) {
            increment(failedName);
            log.warn("DHCP_DDNS_NCR_ENCODE_FAILED {}: {}", ncr, e.getMessage());
            return;
        }
        // one retry: a PortUnreachableException reports an earlier datagram's fate, not this one's
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                DatagramChannel ch = channel();
                ch.write(ByteBuffer.wrap(datagram));
                increment(sentName);
                if (log.isDebugEnabled()) {
                    log.debug("DHCP_DDNS_NCR_SENT {}", ncr);
                }
                return;
            } catch (PortUnreachableException e) {
                increment(failedName);
                log.debug("DHCP_DDNS_SEND_FAILED D2 at {} is not listening", server);
            } catch (ClosedByInterruptException e) {
                return;
            } catch (IOException e) {
                increment(failedName);
                log.warn("DHCP_DDNS_SEND_FAILED sending to D2 at {} failed: {}", server, e.toString());
                closeChannel();
                return;
            }
        }
    }

    private DatagramChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            DatagramChannel ch = DatagramChannel.open();
            try {
                if (bind != null) {
                    ch.bind(bind);
                }
                ch.connect(server);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            channel = ch;
        }
        return channel;
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing to do: the next NCR opens a new one
        }
        channel = null;
    }

    private void increment(String name) {
        if (stats != null) {
            stats.add(name, 1);
        }
    }

    /** A counter: {@code "sent"}, {@code "queue-full"} or {@code "send-failed"} (0 without statistics). */
    public long count(String what) {
        return stats == null ? 0 : stats.value(prefix + what);
    }

    /** Stops the thread; NCRs still queued are lost, as Kea loses them on shutdown. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeChannel();
    }
}
