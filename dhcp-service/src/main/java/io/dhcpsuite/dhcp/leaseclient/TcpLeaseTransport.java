package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.wire.LeaseWireClient;
import java.time.Duration;
import java.util.List;

/**
 * The lease wire as a {@link LeaseTransport}: the protocol, its connection and its timeouts are
 * {@link LeaseWireClient}'s; this adapts the completion type and, with lane connections, keeps
 * OFFERs and lease writes on connections of their own. lease-service may then make a write batch
 * durable on the thread that read it (no hand-off to its group-commit thread), since no OFFER on
 * that connection waits behind the write.
 */
public final class TcpLeaseTransport implements LeaseTransport {
    private final LeaseWireClient client;
    /** The connection of batches that write leases; {@link #client} itself without lane connections. */
    private final LeaseWireClient writes;

    /** One connection for every batch. */
    public TcpLeaseTransport(String host, int port, Duration timeout) {
        this(host, port, timeout, false);
    }

    /** @param laneConnections OFFERs on one connection, batches that write leases on a second */
    public TcpLeaseTransport(String host, int port, Duration timeout, boolean laneConnections) {
        this.client = new LeaseWireClient(host, port, timeout);
        this.writes = laneConnections ? new LeaseWireClient(host, port, timeout) : client;
    }

    public LeaseWireClient client() {
        return client;
    }

    /** The connection of batches that write leases ({@link #client()} without lane connections). */
    public LeaseWireClient writes() {
        return writes;
    }

    public boolean connected() {
        return client.connected() && writes.connected();
    }

    /** Connections established so far (1 per connection without failures). */
    public long connects() {
        return client.connects() + (writes == client ? 0 : writes.connects());
    }

    /** Connections closed because the server sent a malformed frame. */
    public long malformedFrames() {
        return client.malformedFrames() + (writes == client ? 0 : writes.malformedFrames());
    }

    @Override
    public void send(List<LeaseOp4> ops, Completion completion) {
        // the client's lanes never mix OFFERs with other ops in one batch
        (ops.isEmpty() || ops.get(0).kind() == LeaseOp4.Kind.OFFER ? client : writes).send(ops, completion);
    }

    @Override
    public String target() {
        return client.target();
    }

    @Override
    public void close() {
        client.close();
        if (writes != client) {
            writes.close();
        }
    }
}
