package io.dhcpsuite.config;

import java.math.BigInteger;
import java.util.List;

/**
 * A DHCPv6 host reservation. The identifier is one of {@code duid}, {@code hw-address} or
 * {@code flex-id}, normalised to lower-case colon hex; the others are null.
 *
 * @param ipAddresses reserved addresses (IA_NA); inside the subnet for a subnet reservation
 * @param prefixes    reserved delegated prefixes (IA_PD); anywhere, as in Kea
 * @param hostname    {@code hostname} or null
 */
public record Reservation6(
        String duid,
        String hwAddress,
        String flexId,
        List<BigInteger> ipAddresses,
        List<Prefix6> prefixes,
        String hostname,
        List<OptionData> optionData,
        List<String> clientClasses) {
}
