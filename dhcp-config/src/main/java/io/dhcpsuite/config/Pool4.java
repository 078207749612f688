package io.dhcpsuite.config;

import java.util.List;

/**
 * A pool: {@code "a - b"} or {@code "prefix/len"}, inclusive bounds.
 *
 * @param first         first address (as from {@code Ipv4.parse})
 * @param last          last address
 * @param poolId        {@code pool-id} (0 = none)
 * @param clientClasses class guard ({@code client-class} / {@code client-classes}); empty = all
 * @param optionData    pool-level option-data
 * @param ddns          effective DDNS parameters (global → shared network → subnet → pool, Kea 2.7.6)
 */
public record Pool4(int first, int last, long poolId, List<String> clientClasses, List<OptionData> optionData,
                    DdnsParams ddns) {

    public long size() {
        return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
    }

    public boolean contains(int address) {
        long a = Integer.toUnsignedLong(address);
        return a >= Integer.toUnsignedLong(first) && a <= Integer.toUnsignedLong(last);
    }
}
