package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.LeaseNcrs;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.Prefix6;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NameChangeRequests for the IA_NA leases lease-service committed, as kea-dhcp6's
 * createNameChangeRequests and queueNCR do: AAAA and ip6.arpa PTR, the DHCID from the DUID.
 * Delegated prefixes get no DNS update, as in Kea. It runs once the reply is built, so only what
 * is durable and answered leads to an add (an ADVERTISE changes nothing in DNS).
 * <ul>
 * <li>REPLY to REQUEST, RENEW, REBIND (or SOLICIT with rapid commit): a lease's earlier state
 *     (the IA result's {@code previous}) is removed from DNS when its name or directions changed,
 *     and the lease is added when it is new, changed, or {@code ddns-update-on-renew} is set; a
 *     previous lease whose address the client no longer has is removed. The add needs
 *     {@code ddns-send-updates} of the lease's pool/subnet; removes need only
 *     {@code enable-updates}, since the lease's fqdn-fwd/rev say what was added.</li>
 * <li>RELEASE and DECLINE: remove what the leases had added.</li>
 * </ul>
 * Sending never blocks the packet: the {@link NcrSender} queue is bounded and drops (counting).
 */
final class DdnsHandler6 implements Handler6 {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp6.ddns");
    private final Dhcp6Settings settings;
    private final NcrSender sender;

    /** @param sender where NCRs go; null when DNS updates are off */
    DdnsHandler6(Dhcp6Settings settings, NcrSender sender) {
        this.settings = settings;
        this.sender = sender;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        Dhcp6Config config = settings.config();
        LeaseResult6 r = ex.leaseResult;
        if (sender == null || r == null || ex.reply == null || r.status() != LeaseResult6.Status.OK
                || !config.dhcpDdnsClient().enableUpdates()) {
            return Outcome6.CONTINUE;
        }
        boolean committed = switch (ex.type) {
            case REQUEST, RENEW, REBIND -> true;
            case SOLICIT -> ex.rapidCommit;
            default -> false;
        };
        boolean ended = ex.type == Dhcp6MessageType.RELEASE || ex.type == Dhcp6MessageType.DECLINE;
        if (!committed && !ended) {
            return Outcome6.CONTINUE;
        }
        for (LeaseResult6.IaResult ia : r.ias()) {
            if (!Lease6.IA_NA.equals(ia.type())) {
                continue;
            }
            List<Lease6> previous = ia.previous() == null ? List.of() : ia.previous();
            if (ended) {
                previous.forEach(l -> queue(config, Ncr.CHG_REMOVE, l));
            } else {
                granted(config, ia.leases() == null ? List.of() : ia.leases(), previous);
            }
        }
        return Outcome6.CONTINUE;
    }

    private void granted(Dhcp6Config config, List<Lease6> leases, List<Lease6> previous) {
        Map<String, Lease6> before = new HashMap<>();
        for (Lease6 l : previous) {
            before.put(key(l), l);
        }
        Set<String> kept = new HashSet<>();
        for (Lease6 lease : leases) {
            if (lease.validLft() == 0) {
                continue; // taken away; its earlier state, if it had names, is in previous
            }
            kept.add(key(lease));
            Lease6 old = before.get(key(lease));
            boolean changed = old == null || !LeaseNcrs.identicalFqdn(old, lease);
            if (old != null && changed) {
                queue(config, Ncr.CHG_REMOVE, old);
            }
            DdnsParams p = params(config, lease);
            if ((changed || p.updateOnRenew()) && config.ddnsEnabled(p)) {
                queue(config, Ncr.CHG_ADD, lease);
            }
        }
        for (Lease6 old : previous) {
            if (!kept.contains(key(old))) {
                queue(config, Ncr.CHG_REMOVE, old);
            }
        }
    }

    private static String key(Lease6 l) {
        return Prefix6.address(l.ipAddress()).toString();
    }

    private static DdnsParams params(Dhcp6Config config, Lease6 lease) {
        return config.ddnsFor(lease.subnetId(), Prefix6.address(lease.ipAddress()));
    }

    private void queue(Dhcp6Config config, int type, Lease6 lease) {
        if (!LeaseNcrs.hasDnsData(lease)) {
            return;
        }
        DdnsParams p = params(config, lease);
        Ncr ncr = LeaseNcrs.of(type, lease, p.ttl(lease.validLft()),
                ConflictResolutionMode.fromWireName(p.conflictResolutionMode()));
        if (log.isDebugEnabled()) {
            log.debug("DHCP6_NCR_CREATE {}", ncr);
        }
        sender.send(ncr);
    }
}
