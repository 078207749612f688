package io.dhcpsuite.lease.allocation;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.config.Subnet4;
import java.util.HashMap;
import java.util.Map;

/**
 * The reserved addresses of the configuration, subnet and global. Policy: a reserved address is
 * never given to another client, not even when free (Kea's allocation engine skips it); the
 * reservation's own client gets it by dhcp-service naming it in the operation. A reservation
 * without an address reserves nothing here. Replaced as a whole on reconfiguration.
 */
final class Reservations {
    private final Map<Integer, Reservation4> byAddress;

    private Reservations(Map<Integer, Reservation4> byAddress) {
        this.byAddress = byAddress;
    }

    static Reservations of(Dhcp4Config cfg) {
        Map<Integer, Reservation4> map = new HashMap<>();
        for (Subnet4 s : cfg.subnets()) {
            for (Reservation4 r : s.reservations()) {
                put(map, r);
            }
        }
        for (Reservation4 r : cfg.globalReservations()) {
            put(map, r);
        }
        return new Reservations(map);
    }

    private static void put(Map<Integer, Reservation4> map, Reservation4 r) {
        if (r.ipAddress() != null) {
            map.put(r.ipAddress(), r);
        }
    }

    boolean reserved(int address) {
        return byAddress.containsKey(address);
    }

    /** Whether {@code address} is reserved for a client other than {@code c}. */
    boolean reservedForOther(int address, AllocationEngine.Client c) {
        Reservation4 r = byAddress.get(address);
        return r != null && !c.matches(r);
    }

    Iterable<Integer> addresses() {
        return byAddress.keySet();
    }
}
