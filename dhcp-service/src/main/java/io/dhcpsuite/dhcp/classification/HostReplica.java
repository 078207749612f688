package io.dhcpsuite.dhcp.classification;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.dhcp.hosts.HostReplicaBase;

/** dhcp-service's copy of the hosts databases' DHCPv4 reservations, as {@link HostReplicaBase} describes. */
public final class HostReplica extends HostReplicaBase<Reservation4> {

    public HostReplica(Dhcp4Config config) {
        super(parser(config), "hosts4", "HOSTS");
    }

    private static Parser<Reservation4> parser(Dhcp4Config config) {
        if (config == null) {
            return null;
        }
        HostJson json = new HostJson(config);
        return (host, path) -> {
            HostJson.Host h = json.parse(host, path);
            Reservation4 r = h.reservation();
            return new Parsed<>(h.subnetId() == null ? 0 : h.subnetId(), HostJson.identifierType(r),
                    HostJson.identifierValue(r), r);
        };
    }

    /** Parses every host again with {@code config}'s option definitions (a config-set changed them). */
    public void reparse(Dhcp4Config config) {
        reparseWith(parser(config));
    }

    /** The reservation of identifier {@code type}/{@code id} (lower-case colon hex) in {@code subnetId} (0: global), or null. */
    Reservation4 find(long subnetId, String type, String id) {
        return lookup(subnetId, type, id);
    }
}
