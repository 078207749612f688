package io.dhcpsuite.e2e;

import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.DhcpDecoder;
import io.dhcpsuite.codec.DhcpEncoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crafted DHCPv4 clients behind a relay: a socket on 127.0.0.1:67 (the giaddr perfdhcp also uses)
 * talking to the suite on 127.0.0.2:67, so each client can carry its own option 81. DORAs are
 * pipelined: every DISCOVER of a batch, then every REQUEST, one retransmission for the silent ones.
 */
final class RelayClient implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final int giaddr;
    private int xid = 0x5000_0000;

    /** One client: its MAC, its option 81 (or null), the lease time it asks for (or null). */
    record Client(byte[] mac, ClientFqdn fqdn, Long leaseTime) {
    }

    RelayClient() throws IOException {
        this("127.0.0.2");
    }

    /** Relays to the DHCP server at {@code serverAddress} (a Kea HA partner on 127.0.0.3, say). */
    RelayClient(String serverAddress) throws IOException {
        this(serverAddress, "127.0.0.1");
    }

    /** A relay on {@code relayAddress}:67 (also the giaddr), beside perfdhcp's on 127.0.0.1. */
    RelayClient(String serverAddress, String relayAddress) throws IOException {
        server = new InetSocketAddress(serverAddress, 67);
        giaddr = Ipv4.parse(relayAddress);
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(relayAddress), 67));
        socket.setReceiveBufferSize(4 << 20);
    }

    static byte[] mac(int i) {
        return new byte[] {0x0e, (byte) 0xdd, 0, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
    }

    static ClientFqdn fqdn(String partialName) {
        // S=1 (server, do the forward update), E=1 (wire format), a partial name for the suffix
        return new ClientFqdn(true, false, true, false, 0, 0, partialName, false);
    }

    /** DORA for every client; the ACKed address by client index (absent when it got none). */
    Map<Integer, String> dora(List<Client> clients) throws Exception {
        Map<Integer, DhcpMessage> offers = exchange(clients, i -> query(MessageType.DISCOVER, clients.get(i), 0, null));
        Map<Integer, DhcpMessage> acks = exchange(clients, i -> {
            DhcpMessage o = offers.get(i);
            return o == null ? null : query(MessageType.REQUEST, clients.get(i), o.yiaddr(),
                    o.optionAddress(OptionCodes.SERVER_ID));
        });
        Map<Integer, String> out = new LinkedHashMap<>();
        acks.forEach((i, m) -> {
            if (m.messageType() == MessageType.ACK) {
                out.put(i, Ipv4.format(m.yiaddr()));
            }
        });
        return out;
    }

    Map<Integer, String> dora(Client client) throws Exception {
        return dora(List.of(client));
    }

    /** A RELEASE as the client sends it: ciaddr, server id, unicast from the client (here via the relay socket). */
    void release(Client c, String address) throws IOException {
        DhcpMessage m = DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).xid(++xid).hwAddress(1, c.mac())
                .messageType(MessageType.RELEASE).ciaddr(Ipv4.parse(address))
                .optionAddress(OptionCodes.SERVER_ID, Ipv4.parse("127.0.0.2")).build();
        send(m);
    }

    private interface Builder {
        DhcpMessage build(int index);
    }

    private Map<Integer, DhcpMessage> exchange(List<Client> clients, Builder builder) throws Exception {
        Map<Integer, DhcpMessage> pending = new HashMap<>();
        Map<Integer, Integer> index = new HashMap<>();
        Map<Integer, DhcpMessage> answers = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            DhcpMessage q = builder.build(i);
            if (q != null) {
                pending.put(q.xid(), q);
                index.put(q.xid(), i);
            }
        }
        for (int attempt = 0; attempt < 3 && !pending.isEmpty(); attempt++) {
            for (DhcpMessage q : pending.values()) {
                send(q);
            }
            long deadline = System.nanoTime() + 2_000_000_000L;
            byte[] buf = new byte[1500];
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                DhcpMessage r = DhcpDecoder.decode(p.getData(), 0, p.getLength());
                if (pending.remove(r.xid()) != null) {
                    answers.put(index.get(r.xid()), r);
                }
            }
        }
        return answers;
    }

    private DhcpMessage query(MessageType type, Client c, int requested, Integer serverId) {
        DhcpMessage.Builder b = DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).xid(++xid).hwAddress(1, c.mac())
                .giaddr(giaddr).hops(1).messageType(type);
        if (requested != 0) {
            b.optionAddress(OptionCodes.REQUESTED_ADDRESS, requested);
        }
        if (serverId != null && serverId != 0) {
            b.optionAddress(OptionCodes.SERVER_ID, serverId);
        }
        if (c.fqdn() != null) {
            b.option(OptionCodes.CLIENT_FQDN, c.fqdn().encode());
        }
        if (c.leaseTime() != null) {
            b.optionUint32(OptionCodes.LEASE_TIME, c.leaseTime());
        }
        return b.build();
    }

    private void send(DhcpMessage m) throws IOException {
        byte[] wire = DhcpEncoder.encode(m);
        socket.send(new DatagramPacket(wire, wire.length, server));
    }

    @Override
    public void close() {
        socket.close();
    }
}
