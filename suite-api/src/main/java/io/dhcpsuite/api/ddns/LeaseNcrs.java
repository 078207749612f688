package io.dhcpsuite.api.ddns;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.Lease6;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The NCR for a lease, as Kea's {@code queueNCR} (ncr_generator.cc) builds it, shared by
 * dhcp-service (grant, renew, release) and lease-service (reclamation, lease4-del, resend-ddns) so
 * that a remove carries the same DHCID as the add it undoes. The DHCID comes from the client id
 * when the lease has one, else from the hardware address with hardware type 1: the lease store,
 * like Kea's memfile, keeps no hardware type, and Kea itself uses Ethernet for leases it loaded.
 */
public final class LeaseNcrs {
    /** Kea's HTYPE_ETHER. */
    public static final int HTYPE_ETHER = 1;
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private LeaseNcrs() {
    }

    /** True when the lease names a host and asks for at least one direction (Kea's queueNCR test). */
    public static boolean hasDnsData(Lease4 lease) {
        return lease != null && lease.hostname() != null && !lease.hostname().isBlank()
                && (lease.fqdnFwd() || lease.fqdnRev());
    }

    /**
     * The NCR of {@code changeType} ({@link Ncr#CHG_ADD} or {@link Ncr#CHG_REMOVE}) for
     * {@code lease}, or null when it has no DNS data. {@code lease-expires-on} is cltt + ttl and
     * {@code lease-length} the TTL, as Kea fills them.
     */
    public static Ncr of(int changeType, Lease4 lease, long ttl, ConflictResolutionMode mode) {
        if (!hasDnsData(lease)) {
            return null;
        }
        String fqdn = lease.hostname();
        byte[] dhcid = dhcid(lease, fqdn);
        Instant expires = Instant.ofEpochSecond(lease.cltt() + ttl);
        return changeType == Ncr.CHG_ADD
                ? Ncr.add(lease.fqdnFwd(), lease.fqdnRev(), fqdn, lease.ipAddress(), dhcid, expires, ttl, mode)
                : Ncr.remove(lease.fqdnFwd(), lease.fqdnRev(), fqdn, lease.ipAddress(), dhcid, expires, ttl, mode);
    }

    /** Client id (type 1, or 2 for an RFC 4361 client id) wins over the hardware address (type 0). */
    public static byte[] dhcid(Lease4 lease, String fqdn) {
        String name = fqdn.endsWith(".") ? fqdn : fqdn + ".";
        if (lease.clientId() != null && !lease.clientId().isBlank()) {
            return Dhcid.fromClientId(hex(lease.clientId()), name);
        }
        return Dhcid.fromHwAddress(HTYPE_ETHER, hex(lease.hwAddress() == null ? "" : lease.hwAddress()), name);
    }

    /**
     * True when a DHCPv6 lease has DNS data and is an address: Kea updates DNS for IA_NA leases
     * only, never for delegated prefixes, and needs the DUID for the DHCID.
     */
    public static boolean hasDnsData(Lease6 lease) {
        return lease != null && !lease.isPrefix() && lease.hostname() != null && !lease.hostname().isBlank()
                && (lease.fqdnFwd() || lease.fqdnRev()) && lease.duid() != null && !lease.duid().isBlank();
    }

    /**
     * The NCR for a DHCPv6 address lease, as kea-dhcp6 queues it: AAAA (forward) and ip6.arpa PTR
     * (reverse) for the address, the DHCID of identifier type 2 over the client's DUID (RFC 4701
     * §3.3); null when the lease has no DNS data or is a prefix.
     */
    public static Ncr of(int changeType, Lease6 lease, long ttl, ConflictResolutionMode mode) {
        if (!hasDnsData(lease)) {
            return null;
        }
        String fqdn = lease.hostname().endsWith(".") ? lease.hostname() : lease.hostname() + ".";
        byte[] dhcid = Dhcid.fromDuid(hex(lease.duid()), fqdn);
        Instant expires = Instant.ofEpochSecond(lease.cltt() + ttl);
        return changeType == Ncr.CHG_ADD
                ? Ncr.add(lease.fqdnFwd(), lease.fqdnRev(), fqdn, lease.ipAddress(), dhcid, expires, ttl, mode)
                : Ncr.remove(lease.fqdnFwd(), lease.fqdnRev(), fqdn, lease.ipAddress(), dhcid, expires, ttl, mode);
    }

    /** Kea's Lease::hasIdenticalFqdn: the same name (without case) and the same directions. */
    public static boolean identicalFqdn(Lease6 a, Lease6 b) {
        String ha = a.hostname() == null ? "" : a.hostname();
        String hb = b.hostname() == null ? "" : b.hostname();
        return ha.equalsIgnoreCase(hb) && a.fqdnFwd() == b.fqdnFwd() && a.fqdnRev() == b.fqdnRev();
    }

    private static byte[] hex(String text) {
        String t = text.trim();
        return t.contains(":") ? COLON_HEX.parseHex(t) : HexFormat.of().parseHex(t);
    }
}
