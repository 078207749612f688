package io.dhcpsuite.config;

import java.math.BigInteger;
import java.util.List;

/**
 * An address pool of a {@code subnet6}: {@code "a - b"} or {@code "prefix/len"}, inclusive bounds.
 *
 * @param first         first address (see {@link Prefix6#address})
 * @param last          last address
 * @param poolId        {@code pool-id} (0 = none)
 * @param clientClasses class guard ({@code client-class} / {@code client-classes}); empty = all
 * @param optionData    pool-level option-data
 * @param ddns          effective DDNS parameters (global → shared network → subnet → pool)
 */
public record Pool6(BigInteger first, BigInteger last, long poolId, List<String> clientClasses,
                    List<OptionData> optionData, DdnsParams ddns) {

    public BigInteger size() {
        return last.subtract(first).add(BigInteger.ONE);
    }

    public boolean contains(BigInteger address) {
        return address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
    }
}
