package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.wire.LeaseWireClient;
import java.time.Duration;
import java.util.List;

/**
 * The lease wire as a {@link LeaseTransport}: the protocol, its connection and its timeouts are
 * {@link LeaseWireClient}'s; this only adapts the completion type.
 */
public final class TcpLeaseTransport implements LeaseTransport {
    private final LeaseWireClient client;

    public TcpLeaseTransport(String host, int port, Duration timeout) {
        this.client = new LeaseWireClient(host, port, timeout);
    }

    public LeaseWireClient client() {
        return client;
    }

    public boolean connected() {
        return client.connected();
    }

    /** Connections established so far (1 without failures). */
    public long connects() {
        return client.connects();
    }

    /** Connections closed because the server sent a malformed frame. */
    public long malformedFrames() {
        return client.malformedFrames();
    }

    @Override
    public void send(List<LeaseOp4> ops, Completion completion) {
        client.send(ops, completion);
    }

    @Override
    public String target() {
        return client.target();
    }

    @Override
    public void close() {
        client.close();
    }
}
