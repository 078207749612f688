package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.dhcp.leaseclient.LeaseCallback;
import io.dhcpsuite.dhcp.leaseclient.LeaseClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-memory lease-service for chain tests: answers synchronously, assigns the reserved address,
 * else the requested one, else the first pool address of the first candidate subnet.
 */
public final class FakeLeaseClient implements LeaseClient {
    public final List<LeaseOp4> ops = new CopyOnWriteArrayList<>();
    private final Dhcp4Config config;
    public volatile Function<LeaseOp4, LeaseResult4> answer = this::allocate;

    public FakeLeaseClient(Dhcp4Config config) {
        this.config = config;
    }

    @Override
    public boolean submit(LeaseOp4 op, LeaseCallback callback) {
        ops.add(op);
        callback.done(answer.apply(op), null);
        return true;
    }

    public LeaseOp4 last() {
        return ops.get(ops.size() - 1);
    }

    public LeaseResult4 allocate(LeaseOp4 op) {
        return switch (op.kind()) {
            case RELEASE -> new LeaseResult4(op.id(), LeaseResult4.Status.RELEASED, null, false, null);
            case DECLINE -> new LeaseResult4(op.id(), LeaseResult4.Status.DECLINED, null, false, null);
            default -> {
                if (op.subnetIds().isEmpty()) {
                    yield new LeaseResult4(op.id(), LeaseResult4.Status.NO_ADDRESS, null, false, "no subnet");
                }
                String address = op.reservedAddress();
                long subnetId = op.reservedAddress() != null ? op.reservedSubnetId() : op.subnetIds().get(0);
                if (address == null) {
                    Subnet4 s = config.subnet(subnetId);
                    address = op.requestedAddress() != null && s.contains(Ipv4.parse(op.requestedAddress()))
                            ? op.requestedAddress() : Ipv4.format(s.pools().get(0).first());
                }
                Lease4 lease = new Lease4(address, op.hwAddress(), op.clientId(), subnetId, null,
                        1_700_000_000L, op.validLifetime(), op.fqdnFwd(), op.fqdnRev(), op.hostname(), 0, null);
                yield new LeaseResult4(op.id(), LeaseResult4.Status.ASSIGNED, lease, false, null);
            }
        };
    }

    public static LeaseResult4 status(LeaseOp4 op, LeaseResult4.Status status) {
        return new LeaseResult4(op.id(), status, null, false, "test says " + status);
    }
}
