package io.dhcpsuite.dhcp.classification;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.config.Subnet4;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a client's host reservation, trying identifiers in {@code host-reservation-identifiers}
 * order (Kea's default hw-address, duid, circuit-id, client-id; duid has no v4 meaning here and
 * flex-id needs Kea's hook, so neither ever matches). Subnet reservations are searched in every
 * candidate subnet (selected subnet first) when {@code reservations-in-subnet}, global ones when
 * {@code reservations-global}; like Kea's currentHost(), an in-subnet reservation wins over a
 * global one. In each scope the file's reservations come first, then the hosts databases' (Kea's
 * precedence: the configuration is the primary source), read from {@link HostReplica}. Lookups
 * are hash-map reads built once per configuration.
 */
public final class HostLookup {
    /** A found reservation and the subnet it belongs to (0 for a global one). */
    public record Host(Reservation4 reservation, long subnetId) {
    }

    /** The client's identifiers as Kea prints them (lower-case colon hex), null when absent. */
    public record Identifiers(String hwAddress, String clientId, String circuitId) {
    }

    private final List<String> order;
    private final Map<Long, Index> bySubnet = new HashMap<>();
    private final Index global;
    private final HostReplica databases;

    public HostLookup(Dhcp4Config config) {
        this(config, new HostReplica(config));
    }

    public HostLookup(Dhcp4Config config, HostReplica databases) {
        this.databases = databases;
        if (config == null) {
            order = List.of();
            global = new Index(List.of());
            return;
        }
        order = config.hostReservationIdentifiers() == null || config.hostReservationIdentifiers().isEmpty()
                ? List.of("hw-address", "duid", "circuit-id", "client-id")
                : config.hostReservationIdentifiers();
        global = new Index(config.globalReservations() == null ? List.of() : config.globalReservations());
        for (Subnet4 s : config.subnets()) {
            bySubnet.put(s.id(), new Index(s.reservations() == null ? List.of() : s.reservations()));
        }
    }

    public Host find(List<Subnet4> candidates, Identifiers ids) {
        for (Subnet4 s : candidates) {
            if (!s.reservationsInSubnet()) {
                continue;
            }
            Index idx = bySubnet.get(s.id());
            Reservation4 r = idx == null ? null : idx.find(order, ids);
            if (r == null) {
                r = fromDatabases(s.id(), ids);
            }
            if (r != null) {
                return new Host(r, s.id());
            }
        }
        boolean globalEnabled = candidates.isEmpty() || candidates.get(0).reservationsGlobal();
        if (globalEnabled) {
            Reservation4 r = global.find(order, ids);
            if (r == null) {
                r = fromDatabases(0, ids);
            }
            if (r != null) {
                return new Host(r, 0);
            }
        }
        return null;
    }

    /** The copy of the hosts databases this lookup reads (kept across configurations). */
    public HostReplica databases() {
        return databases;
    }

    private Reservation4 fromDatabases(long subnetId, Identifiers ids) {
        if (databases.size() == 0) {
            return null;
        }
        for (String type : order) {
            Reservation4 r = switch (type) {
                case "hw-address" -> databases.find(subnetId, type, ids.hwAddress());
                case "client-id" -> databases.find(subnetId, type, ids.clientId());
                case "circuit-id" -> databases.find(subnetId, type, ids.circuitId());
                default -> null;
            };
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static final class Index {
        final Map<String, Reservation4> hw = new HashMap<>();
        final Map<String, Reservation4> clientId = new HashMap<>();
        final Map<String, Reservation4> circuitId = new HashMap<>();
        final Map<String, Reservation4> flexId = new HashMap<>();

        Index(List<Reservation4> reservations) {
            for (Reservation4 r : reservations) {
                put(hw, r.hwAddress(), r);
                put(clientId, r.clientId(), r);
                put(circuitId, r.circuitId(), r);
                put(flexId, r.flexId(), r);
            }
        }

        private static void put(Map<String, Reservation4> m, String key, Reservation4 r) {
            if (key != null && !key.isEmpty()) {
                m.putIfAbsent(key.toLowerCase(), r);
            }
        }

        Reservation4 find(List<String> order, Identifiers ids) {
            for (String type : order) {
                Reservation4 r = switch (type) {
                    case "hw-address" -> get(hw, ids.hwAddress());
                    case "client-id" -> get(clientId, ids.clientId());
                    case "circuit-id" -> get(circuitId, ids.circuitId());
                    default -> null;
                };
                if (r != null) {
                    return r;
                }
            }
            return null;
        }

        private static Reservation4 get(Map<String, Reservation4> m, String key) {
            return key == null || m.isEmpty() ? null : m.get(key);
        }
    }
}
