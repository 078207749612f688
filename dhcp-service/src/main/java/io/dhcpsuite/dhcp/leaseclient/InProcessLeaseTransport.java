package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.wire.InProcessLeaseWire;
import java.util.List;

/**
 * Batches to the lease-service of this process ({@code suite.lease-client.transport=in-process},
 * {@code ./dhcpctl start --one-process}) as method calls: an OFFER batch is answered before
 * {@link #send} returns, and a batch of lease writes once it is durable, usually also before
 * {@link #send} returns, since lease-service writes it on the calling thread. With no lease-service
 * in the process every batch fails at once, so the packets are dropped as when the TCP connection
 * is down.
 */
public final class InProcessLeaseTransport implements LeaseTransport {

    @Override
    public void send(List<LeaseOp4> ops, Completion completion) {
        InProcessLeaseWire.send(ops, completion);
    }

    @Override
    public String target() {
        return "lease-service in this process";
    }

    @Override
    public void close() {
    }
}
