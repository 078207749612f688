package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.LeaseNcrs;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.Dhcp4Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NameChangeRequests for what lease-service committed, as Kea's createNameChangeRequests and
 * queueNCR do. It runs when lease-service has answered, so an add leaves only for a lease that is
 * durable (an ASSIGNED answer to a REQUEST is always ACKed), and before the lease outcome, which
 * ends the chain for RELEASE and DECLINE.
 * <ul>
 * <li>ACK: the client's previous lease (same address renewed, or the address it moved from) is
 *     removed from DNS when its name, directions or address changed; the new lease is added when
 *     it is new, changed, or {@code ddns-update-on-renew} is set. The add needs
 *     {@code ddns-send-updates} of the lease's pool/subnet; removes need only
 *     {@code enable-updates}, since the lease's fqdn-fwd/rev say what was added.</li>
 * <li>RELEASE and DECLINE: remove.</li>
 * </ul>
 * Sending never blocks the packet: the {@link NcrSender} queue is bounded and drops (counting)
 * when ddns-service cannot keep up.
 */
final class DdnsHandler implements Handler {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.ddns");
    private final ServerSettings settings;
    private final NcrSender sender;

    DdnsHandler(ServerSettings settings, NcrSender sender) {
        this.settings = settings;
        this.sender = sender;
    }

    @Override
    public Outcome handle(Exchange ex) {
        Dhcp4Config config = settings.config();
        LeaseResult4 r = ex.leaseResult;
        if (sender == null || config == null || r == null || ex.leaseFailure != null
                || !config.dhcpDdnsClient().enableUpdates()) {
            return Outcome.CONTINUE;
        }
        switch (ex.type) {
            case REQUEST -> {
                if (r.status() == LeaseResult4.Status.ASSIGNED && r.lease() != null) {
                    granted(config, r.lease(), r.previous());
                }
            }
            case RELEASE -> {
                if (r.status() == LeaseResult4.Status.RELEASED) {
                    queue(config, Ncr.CHG_REMOVE, r.lease());
                }
            }
            case DECLINE -> {
                if (r.status() == LeaseResult4.Status.DECLINED) {
                    queue(config, Ncr.CHG_REMOVE, r.previous());
                }
            }
            default -> {
            }
        }
        return Outcome.CONTINUE;
    }

    private void granted(Dhcp4Config config, Lease4 lease, Lease4 previous) {
        boolean changed = previous == null || !previous.ipAddress().equals(lease.ipAddress())
                || !identicalFqdn(previous, lease);
        if (previous != null && changed) {
            queue(config, Ncr.CHG_REMOVE, previous);
        }
        DdnsParams p = params(config, lease);
        if ((changed || p.updateOnRenew()) && config.ddnsEnabled(p)) {
            queue(config, Ncr.CHG_ADD, lease);
        }
    }

    /** Kea's Lease::hasIdenticalFqdn (hostnames compared without case). */
    static boolean identicalFqdn(Lease4 a, Lease4 b) {
        return a.hostname().equalsIgnoreCase(b.hostname()) && a.fqdnFwd() == b.fqdnFwd() && a.fqdnRev() == b.fqdnRev();
    }

    private static DdnsParams params(Dhcp4Config config, Lease4 lease) {
        return config.ddnsFor(lease.subnetId(), Ipv4.parse(lease.ipAddress()));
    }

    private void queue(Dhcp4Config config, int type, Lease4 lease) {
        if (!LeaseNcrs.hasDnsData(lease)) {
            return;
        }
        DdnsParams p = params(config, lease);
        Ncr ncr = LeaseNcrs.of(type, lease, p.ttl(lease.validLft()),
                ConflictResolutionMode.fromWireName(p.conflictResolutionMode()));
        if (log.isDebugEnabled()) {
            log.debug("DHCP4_NCR_CREATE {}", ncr);
        }
        sender.send(ncr);
    }
}
