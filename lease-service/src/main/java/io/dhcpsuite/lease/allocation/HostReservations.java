package io.dhcpsuite.lease.allocation;

import io.dhcpsuite.config.Reservation4;

/**
 * The reservations that live outside the configuration file (the hosts databases), as the engine
 * needs them: by address. The file's reservations come first (Kea's precedence: the configuration
 * is the primary source); an address reserved here is kept from other clients like a file one.
 * Reads happen on the hot path under the lease store's lock, so implementations answer from memory.
 */
public interface HostReservations {
    /** No hosts database. */
    HostReservations NONE = new HostReservations() {
        @Override
        public Reservation4 byAddress(int address) {
            return null;
        }

        @Override
        public Iterable<Integer> addresses() {
            return java.util.List.of();
        }
    };

    /** A reservation of {@code address} from a hosts database, or null. */
    Reservation4 byAddress(int address);

    /** Every reserved address. */
    Iterable<Integer> addresses();
}
