package io.dhcpsuite.dhcp.transport;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.dhcp.processing.Ingress;
import io.dhcpsuite.dhcp.processing.PacketProcessor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the DHCPv4 sockets and runs one receive thread per socket. The receive thread decodes and
 * runs the handler chain up to the lease step; it never waits on anything but the socket.
 */
public final class DhcpSockets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    /** One open socket. */
    public record Bound(SocketPlan.Endpoint endpoint, DatagramChannel channel, Ingress ingress, int port,
                        PacedSender sender) {
    }

    private final List<Bound> bound = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Selector> selectors = new CopyOnWriteArrayList<>();
    /** Datagrams processed before the lease ops of a drain are sent regardless. */
    static final int DRAIN_LIMIT = 64;
    private volatile boolean open = true;

    /**
     * Binds every endpoint on {@code port} (0 = an ephemeral port, for tests).
     *
     * @throws PortBindException naming the address and, for a port below 1024, the privilege needed
     */
    public static DhcpSockets bind(List<SocketPlan.Endpoint> plan, int port) {
        DhcpSockets s = new DhcpSockets();
        boolean mixed = plan.stream().anyMatch(SocketPlan.Endpoint::wildcard)
                && plan.stream().anyMatch(e -> !e.wildcard());
        List<Integer> all = LocalAddresses.all();
        try {
            for (SocketPlan.Endpoint e : plan) {
                s.bound.add(open(e, port, mixed, all));
            }
        } catch (RuntimeException ex) {
            s.close();
            throw ex;
        }
        return s;
    }

    private static Bound open(SocketPlan.Endpoint e, int port, boolean mixed, List<Integer> all) {
        String where = (e.wildcard() ? "0.0.0.0" : Ipv4.format(e.address())) + ":" + port;
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            // 0.0.0.0 and a specific address on the same port need SO_REUSEADDR on Linux.
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, mixed);
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            ch.bind(new InetSocketAddress(InetAddress.getByAddress(Ipv4.toBytes(e.address())), port));
            // the receive thread drains without blocking and waits on a selector
            ch.configureBlocking(false);
        } catch (IOException ex) {
            closeQuietly(ch);
            if (ex instanceof BindException && port > 0 && port < 1024 && String.valueOf(ex.getMessage()).contains("ermission")) {
                throw new PortBindException("binding UDP port " + port + " needs root or CAP_NET_BIND_SERVICE ("
                        + where + ": " + ex.getMessage() + "); set suite.dhcp-port to an unprivileged port to try the suite", ex);
            }
            throw new PortBindException("DHCP4_OPEN_SOCKET_FAIL failed to open socket on " + where + ": " + ex.getMessage(), ex);
        }
        List<Integer> ifaceAddresses;
        int serverId;
        if (e.wildcard()) {
            ifaceAddresses = e.iface() == null ? List.of() : LocalAddresses.of(e.iface());
            serverId = !ifaceAddresses.isEmpty() ? ifaceAddresses.get(0) : all.isEmpty() ? 0 : all.get(0);
        } else {
            ifaceAddresses = List.of(e.address());
            serverId = e.address();
        }
        int actualPort;
        try {
            actualPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        } catch (IOException ex) {
            actualPort = port;
        }
        final DatagramChannel channel = ch;
        PacedSender sender = new PacedSender(channel, where);
        Ingress ingress = new Ingress(e.iface(), e.address(), serverId, ifaceAddresses, sender);
        return new Bound(e, channel, ingress, actualPort, sender);
    }

    public List<Bound> sockets() {
        return List.copyOf(bound);
    }

    /** Starts the receive threads. */
    public void start(PacketProcessor processor) {
        for (Bound b : bound) {
            Thread t = new Thread(() -> receiveLoop(b, processor),
                    "dhcp4-recv-" + (b.endpoint().wildcard() ? "any" : Ipv4.format(b.endpoint().address())));
            t.setDaemon(true);
            threads.add(t);
            t.start();
            log.info("DHCP4_OPEN_SOCKET listening on {}:{} (interface {})",
                    b.endpoint().wildcard() ? "0.0.0.0" : Ipv4.format(b.endpoint().address()), b.port(),
                    b.endpoint().iface() == null ? "*" : b.endpoint().iface());
        }
    }

    /**
     * Drains the socket without blocking, up to {@value #DRAIN_LIMIT} datagrams, then lets the
     * lease ops of those packets leave together and waits on the selector only when the socket is
     * empty. Under load one request to lease-service carries the ops of every packet that arrived
     * meanwhile; a lone packet is sent on at once.
     */
    private void receiveLoop(Bound b, PacketProcessor processor) {
        // Heap buffer: the decoder reads the array directly. 64 KiB takes any UDP payload.
        ByteBuffer buf = ByteBuffer.allocate(65536);
        processor.drainingThread();
        try (Selector selector = Selector.open()) {
            selectors.add(selector);
            b.channel().register(selector, SelectionKey.OP_READ);
            while (open) {
                int n = 0;
                try {
                    SocketAddress from;
                    while (n < DRAIN_LIMIT && (from = receive(b.channel(), buf)) != null) {
                        n++;
                        process(processor, buf, b, (InetSocketAddress) from);
                    }
                } finally {
                    processor.endOfDrain();
                }
                if (n < DRAIN_LIMIT) {
                    selector.select(1000);
                    selector.selectedKeys().clear();
                }
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            // closing
        } catch (IOException e) {
            if (open) {
                log.error("DHCP4_OPEN_SOCKET_FAIL receiving on {} stopped: {}", b.endpoint(), e.toString());
            }
        }
    }

    private static void process(PacketProcessor processor, ByteBuffer buf, Bound b, InetSocketAddress from) {
        try {
            processor.process(buf.array(), 0, buf.position(), b.ingress(), from);
        } catch (RuntimeException | Error e) {
            // PacketProcessor catches per packet; this is the last line of defence.
            log.error("DHCP4_PACKET_PROCESS_EXCEPTION exception occurred during packet processing: {}", e.toString());
            if (e instanceof VirtualMachineError) {
                throw (Error) e;
            }
        }
    }

    /** One datagram, or null when none waits; a failed receive is logged and skipped. */
    private static SocketAddress receive(DatagramChannel channel, ByteBuffer buf) throws ClosedChannelException {
        buf.clear();
        try {
            return channel.receive(buf);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            // e.g. an ICMP error reported on the socket: this drain ends, the selector wakes at
            // once for whatever still waits
            log.warn("DHCP4_BUFFER_RECEIVE_FAIL error on attempt to receive packet: {}", e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        open = false;
        selectors.forEach(Selector::wakeup);
        for (Bound b : bound) {
            b.sender().close();
            closeQuietly(b.channel());
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
