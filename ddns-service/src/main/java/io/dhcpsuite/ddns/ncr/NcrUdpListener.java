package io.dhcpsuite.ddns.ncr;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's {@code NameChangeUDPListener}: one socket on {@code ip-address:port}, one datagram per
 * NCR, no answer sent (the protocol is one-way). Runs on its own platform thread; the receiver
 * hands each NCR to the queue without blocking.
 */
public class NcrUdpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NcrUdpListener.class);
    private final DatagramSocket socket;
    private final NcrReceiver receiver;
    private final Thread thread;
    private volatile boolean running = true;

    public NcrUdpListener(String ip, int port, NcrReceiver receiver) throws IOException {
        this.receiver = receiver;
        this.socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.setReceiveBufferSize(4 * 1024 * 1024);
        socket.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
        this.thread = Thread.ofPlatform().name("ncr-udp-listener").daemon(true).unstarted(this::loop);
    }

    public void start() {
        thread.start();
        log.info("DHCP_DDNS_STARTED listening for NCRs on UDP {}", socket.getLocalSocketAddress());
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void loop() {
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (running) {
            try {
                packet.setData(buf);
                socket.receive(packet);
                receiver.datagram(packet.getData(), packet.getOffset(), packet.getLength(),
                        packet.getAddress().getHostAddress() + ":" + packet.getPort());
            } catch (SocketException e) {
                if (running) {
                    receiver.receiveError(e.toString());
                }
            } catch (IOException | RuntimeException e) {
                receiver.receiveError(e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        socket.close();
    }
}
