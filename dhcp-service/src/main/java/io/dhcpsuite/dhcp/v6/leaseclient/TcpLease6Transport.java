package io.dhcpsuite.dhcp.v6.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.wire.LeaseWireClient;
import io.dhcpsuite.dhcp.leaseclient.TcpLeaseTransport;
import java.util.List;

/**
 * DHCPv6 batches over the lease wire, on the DHCPv4 transport's connections
 * ({@link TcpLeaseTransport}): ADVERTISEs on the connection of OFFERs, the ops that write leases
 * on the connection of writes, where lease-service makes them durable on the thread that read
 * them. The connections are the DHCPv4 transport's to open and close; this one only sends.
 */
public final class TcpLease6Transport implements Lease6Transport {
    private final LeaseWireClient advertises;
    private final LeaseWireClient writes;

    public TcpLease6Transport(TcpLeaseTransport shared) {
        this.advertises = shared.client();
        this.writes = shared.writes();
    }

    @Override
    public void send(List<LeaseOp6> ops, Completion completion) {
        // the batching client's lanes never mix ADVERTISEs with other ops in one batch
        (ops.isEmpty() || ops.get(0).kind() == LeaseOp6.Kind.ADVERTISE ? advertises : writes)
                .send6(ops, completion::done);
    }

    @Override
    public String target() {
        return advertises.target();
    }

    /** The connections stay open: the DHCPv4 transport owns them. */
    @Override
    public void close() {
    }
}
