package io.dhcpsuite.lease.ddns;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.LeaseNcrs;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.lease.allocation.ReclaimListener;
import io.dhcpsuite.lease.store.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lease-service's side of Kea's {@code queueNCR}: an NCR for a lease with a hostname and a
 * direction, with the TTL and conflict resolution mode of the lease's pool (else subnet, else
 * global), sent only when {@code dhcp-ddns.enable-updates} is on. A remove does not look at
 * {@code ddns-send-updates}: the lease's fqdn-fwd/fqdn-rev already say what was added.
 */
public final class LeaseDdns implements AutoCloseable, ReclaimListener {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.ddns");
    private volatile Dhcp4Config config;
    private final NcrSender sender;

    /** @param sender null when DNS updates are off */
    public LeaseDdns(Dhcp4Config config, NcrSender sender) {
        this.config = config;
        this.sender = sender;
    }

    /** The DDNS parameters of a new configuration (config-set); the sender stays. */
    public void reconfigure(Dhcp4Config next) {
        this.config = next;
    }

    public static LeaseDdns disabled(Dhcp4Config config) {
        return new LeaseDdns(config, null);
    }

    /** {@code dhcp-ddns.enable-updates}: D2ClientMgr::ddnsEnabled. */
    public boolean enabled() {
        return sender != null && config.dhcpDdnsClient().enableUpdates();
    }

    /** Kea's lease "has DNS data" test: a hostname and at least one direction. */
    public static boolean hasDnsData(Lease l) {
        return l.hostname() != null && !l.hostname().isEmpty() && (l.fqdnFwd() || l.fqdnRev());
    }

    /**
     * The remove for a reclaimed lease; a released lease is skipped, as the DHCP side removed its
     * names when the client released it.
     */
    @Override
    public void reclaimed(Lease l) {
        if (l.state() != LeaseState.RELEASED) {
            remove(l);
        }
    }

    /** Queues the remove NCR; false when DDNS is off, the lease has no DNS data or the queue is full. */
    public boolean remove(Lease l) {
        return queue(Ncr.CHG_REMOVE, l);
    }

    /** Queues an add NCR (lease4-resend-ddns). */
    public boolean add(Lease l) {
        return queue(Ncr.CHG_ADD, l);
    }

    private boolean queue(int type, Lease l) {
        if (!enabled() || !hasDnsData(l)) {
            return false;
        }
        DdnsParams p = config.ddnsFor(l.subnetId(), l.address());
        Lease4 lease = l.toLease4();
        Ncr ncr = LeaseNcrs.of(type, lease, p.ttl(l.validLft()),
                ConflictResolutionMode.fromWireName(p.conflictResolutionMode()));
        if (ncr == null) {
            return false;
        }
        if (log.isDebugEnabled()) {
            log.debug("DHCP4_NCR_CREATE {}", ncr);
        }
        return sender.send(ncr);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
