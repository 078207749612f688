package io.dhcpsuite.api.lease;

import java.util.List;

/**
 * One DHCPv6 lease operation that dhcp-service asks of lease-service, inside a {@link LeaseBatch6}:
 * the lease part of one client message, covering all its IAs. dhcp-service has done subnet
 * selection (link address, interface-id, relay addresses), classification and reservation lookup;
 * lease-service owns the address and prefix choice and the durable write.
 *
 * @param id            correlation id, echoed in the result
 * @param kind          what the client's message asks for
 * @param subnetIds     candidate subnets in preference order: the selected subnet first, then the
 *                      other subnets of its shared network; already filtered by class guards
 * @param duid          the client's DUID (option 1), lower-case colon-separated hex
 * @param hwAddress     the client's hardware address when known (relay option 79, DUID-LL/LLT), or null
 * @param ias           the IA_NA and IA_PD options of the message, in order
 * @param clientClasses the client's classes, for pool {@code client-class} guards
 * @param hostname      the FQDN to store (option 39 after sanitising), or null
 * @param fqdnFwd       forward DNS update intended
 * @param fqdnRev       reverse DNS update intended
 * @param generateHostname the name is to be generated from the first IA_NA address the client gets
 *                      ({@code ddns-generated-prefix}, Kea's Dhcpv6Srv::generateFqdn) with the DDNS
 *                      parameters of that address's pool; that lease stores it, fully qualified,
 *                      and the reply's option 39 carries it. {@code hostname} is then ""
 */
public record LeaseOp6(
        long id,
        Kind kind,
        List<Long> subnetIds,
        String duid,
        String hwAddress,
        List<Ia> ias,
        List<String> clientClasses,
        String hostname,
        boolean fqdnFwd,
        boolean fqdnRev,
        boolean generateHostname) {

    public LeaseOp6(long id, Kind kind, List<Long> subnetIds, String duid, String hwAddress, List<Ia> ias,
                    List<String> clientClasses, String hostname, boolean fqdnFwd, boolean fqdnRev) {
        this(id, kind, subnetIds, duid, hwAddress, ias, clientClasses, hostname, fqdnFwd, fqdnRev, false);
    }

    public enum Kind {
        /** SOLICIT without rapid commit: choose addresses and prefixes, hold them briefly; nothing durable. */
        ADVERTISE,
        /** REQUEST, or SOLICIT with rapid commit: commit the bindings durably. */
        ASSIGN,
        /** RENEW: extend this client's bindings (Kea may assign when it finds none). */
        RENEW,
        /** REBIND: as RENEW, from any server. */
        REBIND,
        /** RELEASE of the listed addresses and prefixes. */
        RELEASE,
        /** DECLINE of the listed addresses: probation per decline-probation-period. */
        DECLINE
    }

    /**
     * One IA_NA or IA_PD of the client's message.
     *
     * @param type              {@link Lease6#IA_NA} or {@link Lease6#IA_PD}
     * @param iaid              the IA's identifier
     * @param hints             addresses (IA_NA) or prefixes (IA_PD) the client listed in the IA:
     *                          hints on SOLICIT/REQUEST, bindings on RENEW/REBIND/RELEASE/DECLINE
     * @param reserved          addresses or prefixes reserved for this client in a candidate subnet
     * @param reservedSubnetId  the subnet of {@code reserved} (0 when none)
     * @param preferredLifetime the preferred lifetime dhcp-service decided (client hint within min/max)
     * @param validLifetime     the valid lifetime dhcp-service decided
     */
    public record Ia(
            String type,
            long iaid,
            List<Prefix> hints,
            List<Prefix> reserved,
            long reservedSubnetId,
            long preferredLifetime,
            long validLifetime) {
    }

    /** An address ({@code length} 128) or a prefix. */
    public record Prefix(String address, int length) {
    }
}
