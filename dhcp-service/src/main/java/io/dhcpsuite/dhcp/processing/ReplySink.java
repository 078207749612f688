package io.dhcpsuite.dhcp.processing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Where a reply leaves: the socket the query arrived on. Must be safe to call from any thread. */
@FunctionalInterface
public interface ReplySink {
    void send(ByteBuffer datagram, InetSocketAddress destination) throws IOException;
}
