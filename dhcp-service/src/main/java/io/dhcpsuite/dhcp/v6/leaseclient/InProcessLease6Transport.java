package io.dhcpsuite.dhcp.v6.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.wire.InProcessLeaseWire;
import java.util.List;

/**
 * DHCPv6 batches to the lease-service of this process, as method calls: the counterpart of
 * {@link io.dhcpsuite.dhcp.leaseclient.InProcessLeaseTransport}.
 */
public final class InProcessLease6Transport implements Lease6Transport {

    @Override
    public void send(List<LeaseOp6> ops, Completion completion) {
        InProcessLeaseWire.send6(ops, completion::done);
    }

    @Override
    public String target() {
        return "lease-service in this process";
    }

    @Override
    public void close() {
    }
}
