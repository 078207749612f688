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
 * without an address reserves nothing here. The file's reservations are replaced as a whole on
 * reconfiguration; those of the hosts databases ({@link HostReservations}) are asked after them.
 */
final class Reservations {
    private final Map<Integer, Reservation4> byAddress;
    private final HostReservations databases;

    private Reservations(Map<Integer, Reservation4> byAddress, HostReservations databases) {
        this.byAddress = byAddress;
        this.databases = databases;
    }

    static Reservations of(Dhcp4Config cfg) {
        return of(cfg, HostReservations.NONE);
    }

    static Reservations of(Dhcp4Config cfg, HostReservations databases) {
        Map<Integer, Reservation4> map = new HashMap<>();
        for (Subnet4 s : cfg.subnets()) {
            for (Reservation4 r : s.reservations()) {
                put(map, r);
            }
        }
        for (Reservation4 r : cfg.globalReservations()) {
            put(map, r);
        }
        return new Reservations(map, databases);
    }

    private static void put(Map<Integer, Reservation4> map, Reservation4 r) {
        if (r.ipAddress() != null) {
            map.put(r.ipAddress(), r);
        }
    }

    boolean reserved(int address) {
        return byAddress.containsKey(address) || databases.byAddress(address) != null;
    }

    /** Whether {@code address} is reserved for a client other than {@code c}. */
    boolean reservedForOther(int address, AllocationEngine.Client c) {
        Reservation4 r = byAddress.get(address);
        if (r == null) {
            r = databases.byAddress(address);
        }
        return r != null && !c.matches(r);
    }

    /** The file's reserved addresses, then those of the databases (an address may come twice). */
    Iterable<Integer> addresses() {
        java.util.List<Integer> all = new java.util.ArrayList<>(byAddress.keySet());
        databases.addresses().forEach(all::add);
        return all;
    }
}
