package io.dhcpsuite.gateway.rest;

/** Addresses as the lease pages order them: unsigned 32-bit numbers, parsed by the codec (no DNS). */
final class Ipv4 {
    private Ipv4() {
    }

    /** The address as an unsigned 32-bit number, or -1 when {@code text} is not a dotted quad. */
    static long toLong(String text) {
        Integer address = io.dhcpsuite.codec.Ipv4.tryParse(text);
        return address == null ? -1 : Integer.toUnsignedLong(address);
    }
}
