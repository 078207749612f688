package io.dhcpsuite.dhcp.v6.transport;

import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.config.InterfacesConfig6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.dhcp.transport.PacedSender;
import io.dhcpsuite.dhcp.transport.PortBindException;
import io.dhcpsuite.dhcp.v6.Dhcp6Processor;
import io.dhcpsuite.dhcp.v6.Ingress6;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv6 sockets of {@code interfaces-config}: one {@code [::]:547} socket joined to
 * All_DHCP_Relay_Agents_and_Servers (ff02::1:2) on every named interface ("*": every interface
 * that is up and multicast-capable), and one socket per unicast address ({@code "eth0/2001:db8::1"},
 * {@code "lo/::1"}) for relays and clients that unicast. One receive thread per socket drains it as
 * the DHCPv4 sockets do.
 */
public final class Dhcp6Sockets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp6.dhcp6");
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    static final int DRAIN_LIMIT = 64;
    /** All_DHCP_Relay_Agents_and_Servers (RFC 8415 §7.1). */
    public static final String ALL_SERVERS = "ff02::1:2";

    /** One open socket. */
    public record Bound(String where, DatagramChannel channel, Ingress6 ingress, int port, PacedSender sender,
                        List<String> joined) {
    }

    private final List<Bound> bound = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Selector> selectors = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    /**
     * Binds the sockets {@code config} asks for on {@code port} (0 = ephemeral, tests).
     *
     * @throws PortBindException naming the address, or an interface that does not exist
     */
    public static Dhcp6Sockets bind(InterfacesConfig6 config, int port) {
        Dhcp6Sockets s = new Dhcp6Sockets();
        if (config == null || config.interfaces() == null || config.interfaces().isEmpty()) {
            return s;
        }
        Set<String> names = new LinkedHashSet<>();
        boolean star = false;
        List<InterfacesConfig6.Interface> unicast = new ArrayList<>();
        for (InterfacesConfig6.Interface i : config.interfaces()) {
            if ("*".equals(i.name())) {
                star = true;
            } else {
                names.add(i.name());
            }
            if (i.unicast() != null) {
                unicast.add(i);
            }
        }
        boolean mixed = !unicast.isEmpty();
        try {
            for (InterfacesConfig6.Interface u : unicast) {
                s.bound.add(openUnicast(u, port, mixed));
            }
            List<NetworkInterface> multicast = multicastInterfaces(star, names, unicast);
            if (!multicast.isEmpty()) {
                s.bound.add(openMulticast(multicast, star || names.size() != 1 ? null : names.iterator().next(),
                        port, mixed));
            }
        } catch (RuntimeException ex) {
            s.close();
            throw ex;
        }
        return s;
    }

    /** The interfaces to join ff02::1:2 on: every named one that can, or with "*" every one that is up. */
    private static List<NetworkInterface> multicastInterfaces(boolean star, Set<String> names,
                                                              List<InterfacesConfig6.Interface> unicast) {
        List<NetworkInterface> out = new ArrayList<>();
        try {
            if (star) {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback()) {
                        out.add(ni);
                    }
                }
                return out;
            }
            for (String name : names) {
                NetworkInterface ni = NetworkInterface.getByName(name);
                if (ni == null) {
                    throw new PortBindException("DHCP6_OPEN_SOCKET_FAIL interface '" + name
                            + "' of Dhcp6/interfaces-config does not exist", null);
                }
                // lo has no multicast; an entry like "lo/::1" is served by its unicast socket only
                boolean onlyUnicast = ni.isLoopback() || !ni.supportsMulticast();
                if (!onlyUnicast) {
                    out.add(ni);
                } else if (unicast.stream().noneMatch(u -> u.name().equals(name))) {
                    log.warn("DHCP6_NO_MULTICAST interface {} cannot join {}; give it a unicast address "
                            + "(\"{}/::1\") to serve it", name, ALL_SERVERS, name);
                }
            }
        } catch (SocketException e) {
            throw new PortBindException("DHCP6_OPEN_SOCKET_FAIL cannot list the interfaces: " + e.getMessage(), e);
        }
        return out;
    }

    private static Bound openUnicast(InterfacesConfig6.Interface u, int port, boolean mixed) {
        byte[] addr = Prefix6.bytes(u.unicast());
        String where = "[" + Ipv6.format(addr) + "]:" + port;
        DatagramChannel ch = null;
        try {
            InetAddress a = InetAddress.getByAddress(addr);
            if (a.isLinkLocalAddress()) {
                NetworkInterface ni = NetworkInterface.getByName(u.name());
                a = Inet6Address.getByAddress(null, addr, ni);
            }
            ch = channel(mixed);
            ch.bind(new InetSocketAddress(a, port));
            ch.configureBlocking(false);
        } catch (IOException ex) {
            closeQuietly(ch);
            throw bindFailure(where, port, ex);
        }
        int actual = localPort(ch, port);
        where = "[" + Ipv6.format(addr) + "]:" + actual;
        PacedSender sender = new PacedSender(ch, "v6-" + where);
        return new Bound(where, ch, new Ingress6(u.name(), addr, sender), actual, sender, List.of());
    }

    private static Bound openMulticast(List<NetworkInterface> ifaces, String iface, int port, boolean mixed) {
        String where = "[::]:" + port;
        DatagramChannel ch = null;
        List<String> joined = new ArrayList<>();
        try {
            ch = channel(true);
            ch.bind(new InetSocketAddress(InetAddress.getByName("::"), port));
            InetAddress group = InetAddress.getByName(ALL_SERVERS);
            for (NetworkInterface ni : ifaces) {
                ch.join(group, ni);
                joined.add(ni.getName());
            }
            ch.configureBlocking(false);
        } catch (IOException ex) {
            closeQuietly(ch);
            throw bindFailure(where + " (joining " + ALL_SERVERS + " on " + ifaces.stream().map(NetworkInterface::getName)
                    .toList() + ")", port, ex);
        }
        int actual = localPort(ch, port);
        where = "[::]:" + actual;
        PacedSender sender = new PacedSender(ch, "v6-" + where);
        return new Bound(where, ch, new Ingress6(iface, null, sender), actual, sender, joined);
    }

    private static DatagramChannel channel(boolean reuse) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6);
        // [::] and a unicast address on the same port need SO_REUSEADDR on Linux
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, reuse);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        return ch;
    }

    private static PortBindException bindFailure(String where, int port, IOException ex) {
        if (ex instanceof BindException && port > 0 && port < 1024 && String.valueOf(ex.getMessage()).contains("ermission")) {
            return new PortBindException("binding UDP port " + port + " needs root or CAP_NET_BIND_SERVICE ("
                    + where + ": " + ex.getMessage() + "); set suite.dhcp6-port to an unprivileged port to try the suite", ex);
        }
        return new PortBindException("DHCP6_OPEN_SOCKET_FAIL failed to open socket on " + where + ": " + ex.getMessage(), ex);
    }

    private static int localPort(DatagramChannel ch, int port) {
        try {
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        } catch (IOException ex) {
            return port;
        }
    }

    public List<Bound> sockets() {
        return List.copyOf(bound);
    }

    /** Starts the receive threads. */
    public void start(Dhcp6Processor processor) {
        for (Bound b : bound) {
            Thread t = new Thread(() -> receiveLoop(b, processor), "dhcp6-recv-" + b.where());
            t.setDaemon(true);
            threads.add(t);
            t.start();
            log.info("DHCP6_OPEN_SOCKET listening on {}{}", b.where(),
                    b.joined().isEmpty() ? "" : " joined to " + ALL_SERVERS + " on " + b.joined());
        }
    }

    private void receiveLoop(Bound b, Dhcp6Processor processor) {
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
                        try {
                            processor.process(buf.array(), 0, buf.position(), b.ingress(), (InetSocketAddress) from);
                        } catch (RuntimeException e) {
                            log.error("DHCP6_PACKET_PROCESS_EXCEPTION exception occurred during packet processing: {}",
                                    e.toString());
                        }
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
                log.error("DHCP6_OPEN_SOCKET_FAIL receiving on {} stopped: {}", b.where(), e.toString());
            }
        }
    }

    private static SocketAddress receive(DatagramChannel channel, ByteBuffer buf) throws ClosedChannelException {
        buf.clear();
        try {
            return channel.receive(buf);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            log.warn("DHCP6_BUFFER_RECEIVE_FAIL error on attempt to receive packet: {}", e.toString());
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
