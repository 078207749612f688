package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.dhcp.leaseclient.LeaseClient;
import io.dhcpsuite.dhcp.options.LeaseTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the query into a {@link LeaseOp4} and hands it to the lease client, then SUSPENDs: the
 * chain resumes on the lease client's thread with the result. Per RFC 2131 §4.3.2, SELECTING and
 * INIT-REBOOT insist on option 50, RENEWING and REBINDING on ciaddr; a DISCOVER's option 50 is a
 * hint. A full queue (lease-service slow or down) drops the packet instead of waiting.
 */
final class LeaseHandler implements Handler {
    private final ServerSettings settings;
    private final LeaseClient leases;
    /** Shared by the chains of successive configurations, so op ids stay unique across a config-set. */
    private static final AtomicLong IDS = new AtomicLong();

    LeaseHandler(ServerSettings settings, LeaseClient leases) {
        this.settings = settings;
        this.leases = leases;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (ex.replyType == MessageType.NAK || ex.type == MessageType.INFORM) {
            return Outcome.CONTINUE;
        }
        Integer opt50 = ex.query.optionAddress(OptionCodes.REQUESTED_ADDRESS);
        LeaseOp4.Kind kind;
        Integer requested;
        boolean exact;
        switch (ex.type) {
            case DISCOVER -> {
                kind = LeaseOp4.Kind.OFFER;
                requested = opt50;
                exact = false;
            }
            case REQUEST -> {
                kind = LeaseOp4.Kind.REQUEST;
                exact = true;
                requested = switch (ex.requestState) {
                    case SELECTING, INIT_REBOOT -> opt50;
                    case RENEWING, REBINDING -> ex.query.ciaddr();
                };
            }
            case RELEASE -> {
                kind = LeaseOp4.Kind.RELEASE;
                requested = ex.query.ciaddr();
                exact = true;
            }
            case DECLINE -> {
                kind = LeaseOp4.Kind.DECLINE;
                requested = opt50;
                exact = true;
            }
            default -> {
                return Outcome.CONTINUE;
            }
        }
        Subnet4 subnet = ex.selection == null ? null : ex.selection.subnet();
        long valid = 0;
        if (subnet != null && (kind == LeaseOp4.Kind.OFFER || kind == LeaseOp4.Kind.REQUEST)) {
            valid = LeaseTimes.valid(subnet.lifetimes(), settings.defsOf(ex.classes),
                    ex.query.optionUint32(OptionCodes.LEASE_TIME));
        }
        ex.validLifetime = valid;
        String reservedAddress = null;
        long reservedSubnet = 0;
        if (ex.host != null && ex.host.reservation().ipAddress() != null && ex.selection != null) {
            int addr = ex.host.reservation().ipAddress();
            for (Subnet4 s : ex.selection.candidates()) {
                if ((ex.host.subnetId() == 0 || ex.host.subnetId() == s.id()) && s.contains(addr)) {
                    reservedAddress = Ipv4.format(addr);
                    reservedSubnet = s.id();
                    break;
                }
            }
        }
        LeaseOp4 op = new LeaseOp4(
                IDS.incrementAndGet(),
                kind,
                ex.selection == null ? List.of() : ex.selection.candidateIds(),
                ex.query.htype(),
                ex.query.hwAddressHex(),
                ex.query.clientIdHex(),
                subnet == null || subnet.matchClientId(),
                requested == null || requested == 0 ? null : Ipv4.format(requested),
                exact,
                reservedAddress,
                reservedSubnet,
                new ArrayList<>(ex.classes),
                valid,
                ex.names.leaseHostname(),
                ex.names.forward(),
                ex.names.reverse(),
                ex.names.generate());
        boolean queued = leases.submit(op, (result, failure) -> {
            ex.leaseResult = result;
            ex.leaseFailure = failure;
            ex.resume();
        });
        if (!queued) {
            return ex.drop("DHCP4_PACKET_DROP_0007 lease queue full: lease-service is slow or down");
        }
        return Outcome.SUSPEND;
    }
}
