package io.dhcpsuite.config;

import java.math.BigInteger;
import java.util.List;

/**
 * A prefix delegation pool ({@code pd-pools}): prefixes of {@code delegatedLength} carved from
 * {@code prefix}, each delegated with the RFC 6603 excluded prefix when one is configured.
 *
 * @param prefix          {@code prefix} / {@code prefix-len}
 * @param delegatedLength {@code delegated-len}
 * @param excludedPrefix  {@code excluded-prefix} / {@code excluded-prefix-len}, or null
 * @param poolId          {@code pool-id} (0 = none)
 * @param clientClasses   class guard; empty = all
 * @param optionData      pool-level option-data
 */
public record PdPool6(Prefix6 prefix, int delegatedLength, Prefix6 excludedPrefix, long poolId,
                      List<String> clientClasses, List<OptionData> optionData) {

    /** How many prefixes the pool delegates: 2^(delegated-len - prefix-len). */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(delegatedLength - prefix.length());
    }
}
