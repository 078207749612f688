package io.dhcpsuite.api.lease;

import java.util.List;

/**
 * One lease operation that dhcp-service asks of lease-service, inside a {@link LeaseBatch4}.
 * dhcp-service has done subnet selection, classification and reservation lookup; lease-service
 * owns the address choice and the durable write.
 *
 * @param id               correlation id, echoed in the result
 * @param kind             what the client asked for
 * @param subnetIds        candidate subnets in preference order: the selected subnet first, then
 *                         the other subnets of its shared network; already filtered by class guards
 * @param hwType           hardware type (1 = Ethernet)
 * @param hwAddress        client hardware address, "aa:bb:..."
 * @param clientId         option 61 as hex, or null
 * @param matchClientId    the selected subnet's {@code match-client-id}: identify the client by
 *                         client id when true and present, else by hardware address
 * @param requestedAddress option 50 (SELECTING, INIT-REBOOT, DISCOVER hint) or ciaddr (RENEWING,
 *                         REBINDING, RELEASE, DECLINE's option 50); null when none
 * @param exact            the client insists on {@code requestedAddress} (REQUEST): lease-service
 *                         answers NAK rather than assign another address
 * @param reservedAddress  the address reserved for this client in a candidate subnet, or null
 * @param reservedSubnetId the subnet of {@code reservedAddress} (0 when none)
 * @param clientClasses    the client's classes, for pool {@code client-class} guards
 * @param validLifetime    the lifetime dhcp-service decided (option 51 within min/max; class and
 *                         subnet values applied)
 * @param hostname         the hostname to store (option 12/81 after sanitising), or null
 * @param fqdnFwd          forward DNS update intended
 * @param fqdnRev          reverse DNS update intended
 * @param generateHostname the client's name is to be generated from the address it gets
 *                         ({@code ddns-generated-prefix}, Kea's generateFqdn) with the DDNS
 *                         parameters of that address's pool; {@code hostname} then says the form:
 *                         "" for option 81 (fully qualified, trailing dot), "." for option 12 (no dot)
 */
public record LeaseOp4(
        long id,
        Kind kind,
        List<Long> subnetIds,
        int hwType,
        String hwAddress,
        String clientId,
        boolean matchClientId,
        String requestedAddress,
        boolean exact,
        String reservedAddress,
        long reservedSubnetId,
        List<String> clientClasses,
        long validLifetime,
        String hostname,
        boolean fqdnFwd,
        boolean fqdnRev,
        boolean generateHostname) {

    public LeaseOp4(long id, Kind kind, List<Long> subnetIds, int hwType, String hwAddress, String clientId,
                    boolean matchClientId, String requestedAddress, boolean exact, String reservedAddress,
                    long reservedSubnetId, List<String> clientClasses, long validLifetime, String hostname,
                    boolean fqdnFwd, boolean fqdnRev) {
        this(id, kind, subnetIds, hwType, hwAddress, clientId, matchClientId, requestedAddress, exact, reservedAddress,
                reservedSubnetId, clientClasses, validLifetime, hostname, fqdnFwd, fqdnRev, false);
    }

    public enum Kind {
        /** DISCOVER: choose an address and hold it briefly for this client; nothing durable. */
        OFFER,
        /** REQUEST (any state): commit the lease durably, or refuse. */
        REQUEST,
        /** RELEASE of {@code requestedAddress} by its owner. */
        RELEASE,
        /** DECLINE of {@code requestedAddress}: probation per decline-probation-period. */
        DECLINE
    }
}
