package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.Reservation6;
import io.dhcpsuite.config.Subnet6;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file's DHCPv6 reservations, indexed by identifier: per subnet ({@code reservations} of a
 * subnet6, used when {@code reservations-in-subnet}) and global (used when
 * {@code reservations-global}). Identifiers are tried in the order of
 * {@code host-reservation-identifiers} (Kea's default: hw-address, then duid).
 *
 * <p>The hosts databases' reservations ({@link HostReplica6}) come after the file's, as in Kea,
 * where the configuration is the primary source and the databases the alternate ones: in each
 * scope (every candidate subnet, then global) the file's host for the client wins, then the
 * databases' in identifier order.
 */
public final class Hosts6 {
    /** A reservation found, with its subnet (0 = global). */
    public record Found(Reservation6 reservation, long subnetId) {
    }

    private final Map<Long, Map<String, Reservation6>> bySubnet = new HashMap<>();
    private final Map<String, Reservation6> global = new HashMap<>();
    private final List<String> identifiers;
    private final HostReplica6 databases;

    public Hosts6(Dhcp6Config config) {
        this(config, new HostReplica6(config));
    }

    public Hosts6(Dhcp6Config config, HostReplica6 databases) {
        this.databases = databases;
        this.identifiers = config == null || config.hostReservationIdentifiers().isEmpty()
                ? List.of("hw-address", "duid") : config.hostReservationIdentifiers();
        if (config == null) {
            return;
        }
        for (Subnet6 s : config.subnets()) {
            Map<String, Reservation6> m = new HashMap<>();
            for (Reservation6 r : s.reservations()) {
                index(m, r);
            }
            bySubnet.put(s.id(), m);
        }
        for (Reservation6 r : config.globalReservations()) {
            index(global, r);
        }
    }

    private static void index(Map<String, Reservation6> m, Reservation6 r) {
        if (r.duid() != null) {
            m.putIfAbsent("duid:" + r.duid(), r);
        }
        if (r.hwAddress() != null) {
            m.putIfAbsent("hw-address:" + r.hwAddress(), r);
        }
    }

    /** True when neither the file nor the databases hold a reservation. */
    public boolean isEmpty() {
        return global.isEmpty() && bySubnet.values().stream().allMatch(Map::isEmpty) && databases.isEmpty();
    }

    public HostReplica6 databases() {
        return databases;
    }

    /**
     * The client's reservation in the first candidate subnet that has one (then globally where a
     * candidate allows global reservations), or null.
     *
     * @param duid lower-case colon hex
     * @param hw   lower-case colon hex, or null when unknown
     */
    public Found find(List<Subnet6> candidates, String duid, String hw) {
        for (Subnet6 s : candidates) {
            if (s.reservationsInSubnet()) {
                Reservation6 r = lookup(bySubnet.getOrDefault(s.id(), Map.of()), duid, hw);
                if (r == null) {
                    r = lookupDatabases(s.id(), duid, hw);
                }
                if (r != null) {
                    return new Found(r, s.id());
                }
            }
        }
        boolean globalAllowed = candidates.isEmpty() || candidates.stream().anyMatch(Subnet6::reservationsGlobal);
        if (globalAllowed) {
            Reservation6 r = lookup(global, duid, hw);
            if (r == null) {
                r = lookupDatabases(0, duid, hw);
            }
            if (r != null) {
                return new Found(r, 0);
            }
        }
        return null;
    }

    private Reservation6 lookupDatabases(long subnetId, String duid, String hw) {
        if (databases.isEmpty()) {
            return null;
        }
        for (String id : identifiers) {
            Reservation6 r = switch (id) {
                case "duid" -> databases.find(subnetId, "duid", duid);
                case "hw-address" -> databases.find(subnetId, "hw-address", hw);
                default -> null;
            };
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private Reservation6 lookup(Map<String, Reservation6> m, String duid, String hw) {
        if (m.isEmpty()) {
            return null;
        }
        for (String id : identifiers) {
            Reservation6 r = switch (id) {
                case "duid" -> duid == null ? null : m.get("duid:" + duid);
                case "hw-address" -> hw == null ? null : m.get("hw-address:" + hw);
                default -> null;
            };
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
