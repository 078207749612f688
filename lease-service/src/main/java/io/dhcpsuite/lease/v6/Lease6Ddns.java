package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.LeaseNcrs;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.Prefix6;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS removals and re-adds of v6 leases that only lease-service can see (reclaimed leases,
 * {@code lease6-del} with {@code update-ddns}, {@code lease6-resend-ddns}), as NameChangeRequests to
 * ddns-service per the Dhcp6 {@code dhcp-ddns} section: AAAA and ip6.arpa PTR for the lease
 * address, the DHCID of RFC 4701 from the DUID (identifier type 2), as kea-dhcp6 sends them.
 */
public final class Lease6Ddns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp6.ddns");
    private volatile Dhcp6Config config;
    private final NcrSender sender;

    /** @param sender null when DNS updates are off */
    public Lease6Ddns(Dhcp6Config config, NcrSender sender) {
        this.config = config;
        this.sender = sender;
    }

    public static Lease6Ddns disabled(Dhcp6Config config) {
        return new Lease6Ddns(config, null);
    }

    public void reconfigure(Dhcp6Config next) {
        this.config = next;
    }

    public boolean enabled() {
        return sender != null && config.dhcpDdnsClient().enableUpdates();
    }

    /** The remove for a reclaimed lease; a released one is skipped (the DHCP side removed its names). */
    public void reclaimed(Lease6 l) {
        if (l.state() != LeaseState.RELEASED) {
            remove(l);
        }
    }

    public boolean remove(Lease6 l) {
        return queue(Ncr.CHG_REMOVE, l);
    }

    public boolean add(Lease6 l) {
        return queue(Ncr.CHG_ADD, l);
    }

    /** The NCR for {@code l}, or null when it has no DNS data or no DUID (prefixes get none, as in Kea). */
    public Ncr ncr(int type, Lease6 l) {
        if (!LeaseNcrs.hasDnsData(l)) {
            return null;
        }
        DdnsParams p = config.ddnsFor(l.subnetId(), Prefix6.address(l.ipAddress()));
        return LeaseNcrs.of(type, l, p.ttl(l.validLft()), ConflictResolutionMode.fromWireName(p.conflictResolutionMode()));
    }

    private boolean queue(int type, Lease6 l) {
        if (!enabled()) {
            return false;
        }
        Ncr ncr = ncr(type, l);
        if (ncr == null) {
            return false;
        }
        log.debug("DHCP6_NCR_CREATE {}", ncr);
        return sender.send(ncr);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
