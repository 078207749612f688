package io.dhcpsuite.ddns.transaction;

import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * Kea's {@code DdnsDomainListMgr::matchDomain}: the domain whose name is the longest suffix of
 * the FQDN (whole labels, case-insensitive) wins; a domain named {@code *} matches anything that
 * nothing else matches. An empty list means that direction is disabled.
 */
public final class DomainMatcher {
    private final List<Zone> zones;
    private final Zone wildcard;

    public DomainMatcher(List<Zone> zones) {
        this.zones = zones.stream().filter(z -> !z.wildcard())
                .sorted(Comparator.comparingInt((Zone z) -> z.name().labels()).reversed()).toList();
        this.wildcard = zones.stream().filter(Zone::wildcard).findFirst().orElse(null);
    }

    public boolean enabled() {
        return !zones.isEmpty() || wildcard != null;
    }

    /** The matching zone, or null. */
    public Zone match(Name fqdn) {
        for (Zone z : zones) {
            if (fqdn.subdomain(z.name())) {
                return z;
            }
        }
        return wildcard;
    }
}
