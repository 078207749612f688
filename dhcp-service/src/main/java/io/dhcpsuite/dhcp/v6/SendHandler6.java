package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.Dhcp6Encoder;
import io.dhcpsuite.codec.Dhcp6Relay;
import io.dhcpsuite.dhcp.stats.Packet6Stats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the reply through the socket the query came in on: a RELAY-REPL to the relay's address on
 * the server port (or, with relay-source-port, RFC 8357, the port the relay sent from), a direct
 * reply to the client's address on the client port; a link-local client is reached through the
 * interface its query came from (the address's scope).
 */
final class SendHandler6 implements Handler6 {
    private static final Logger packets = LoggerFactory.getLogger("kea-dhcp6.packets");
    private final Dhcp6Settings settings;
    private final Packet6Stats stats;

    SendHandler6(Dhcp6Settings settings, Packet6Stats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        if (ex.reply == null || ex.remote == null) {
            return Outcome6.DONE;
        }
        int port;
        if (ex.query.relayed()) {
            Dhcp6Relay outer = ex.query.relay(0);
            port = outer.relaySourcePort() != null ? ex.remote.getPort() : settings.serverPort();
        } else {
            port = settings.clientPort();
        }
        ex.destination = new InetSocketAddress(ex.remote.getAddress(), port);
        byte[] bytes = Dhcp6Encoder.encode(ex.reply);
        try {
            ex.ingress.sink().send(ByteBuffer.wrap(bytes), ex.destination);
        } catch (IOException e) {
            return ex.drop("DHCP6_PACKET_SEND_FAIL " + e.getMessage());
        }
        stats.sent(ex.reply.messageType());
        if (packets.isDebugEnabled()) {
            packets.debug("DHCP6_PACKET_SEND {}: {} to {}", ex.label(), ex.reply.messageType().keaName(), ex.destination);
        }
        return Outcome6.DONE;
    }
}
