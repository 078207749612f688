package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.Reservation6;
import io.dhcpsuite.dhcp.hosts.HostReplicaBase;

/**
 * dhcp-service's copy of the hosts databases' DHCPv6 reservations, as {@link HostReplicaBase}
 * describes: a database host costs a SOLICIT what a file one does.
 */
public final class HostReplica6 extends HostReplicaBase<Reservation6> {

    public HostReplica6(Dhcp6Config config) {
        super(parser(config), "hosts6", "HOSTS6");
    }

    private static Parser<Reservation6> parser(Dhcp6Config config) {
        if (config == null) {
            return null;
        }
        HostJson6 json = new HostJson6(config);
        return (host, path) -> {
            HostJson6.Host h = json.parse(host, path);
            Reservation6 r = h.reservation();
            return new Parsed<>(h.subnetId() == null ? 0 : h.subnetId(), HostJson6.identifierType(r),
                    HostJson6.identifierValue(r), r);
        };
    }

    /** Parses every host again with {@code config}'s option definitions. */
    public void reparse(Dhcp6Config config) {
        reparseWith(parser(config));
    }

    /** The host of identifier {@code type}/{@code id} (lower-case colon hex) in {@code subnetId} (0: global), or null. */
    Reservation6 find(long subnetId, String type, String id) {
        return lookup(subnetId, type, id);
    }
}
