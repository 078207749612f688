package io.dhcpsuite.config;

import java.util.List;

/**
 * A host reservation. Identifiers are normalised lower-case colon hex ("aa:bb:..") or null.
 *
 * @param ipAddress reserved address (as from {@code Ipv4.parse}), or null for a reservation that
 *                  only gives a hostname, classes or options
 * @param duid      the {@code duid} identifier (RFC 4361: matched against the DUID inside a
 *                  client-id of type 255), or null; added last so older call sites keep compiling
 */
public record Reservation4(
        String hwAddress,
        String clientId,
        String circuitId,
        String flexId,
        Integer ipAddress,
        String hostname,
        List<OptionData> optionData,
        List<String> clientClasses,
        int nextServer,
        String serverHostname,
        String bootFileName,
        String duid) {

    /** A reservation without a DUID identifier (the form before {@code duid} was added). */
    public Reservation4(String hwAddress, String clientId, String circuitId, String flexId, Integer ipAddress,
                        String hostname, List<OptionData> optionData, List<String> clientClasses, int nextServer,
                        String serverHostname, String bootFileName) {
        this(hwAddress, clientId, circuitId, flexId, ipAddress, hostname, optionData, clientClasses, nextServer,
                serverHostname, bootFileName, null);
    }
}
