package io.dhcpsuite.config;

import java.util.List;

/**
 * A {@code subnet4} entry with effective parameters.
 *
 * @param id                     subnet-id
 * @param prefix                 network address (as from {@code Ipv4.parse})
 * @param prefixLength           prefix length
 * @param sharedNetwork          name of the enclosing shared network, or null
 * @param pools                  pools in configuration order
 * @param relayAddresses         {@code relay.ip-addresses} (own, else the shared network's)
 * @param iface                  {@code interface} (own, else the shared network's), or null
 * @param optionData             subnet-level option-data
 * @param sharedNetworkOptionData option-data of the enclosing shared network (empty if none)
 * @param reservations           the subnet's reservations
 * @param lifetimes              effective lifetimes and T1/T2 parameters
 * @param matchClientId          effective {@code match-client-id} (default true)
 * @param authoritative          effective {@code authoritative} (default false)
 * @param clientClasses          the subnet's class guard ({@code client-class} / {@code client-classes}); empty = all
 * @param nextServer             {@code next-server} (0 = unset)
 * @param serverHostname         {@code server-hostname} or ""
 * @param bootFileName           {@code boot-file-name} or ""
 * @param allocator              {@code iterative} (default) or {@code random}
 * @param reservationsGlobal     {@code reservations-global} (default false)
 * @param reservationsInSubnet   {@code reservations-in-subnet} (default true)
 * @param reservationsOutOfPool  {@code reservations-out-of-pool} (default false)
 * @param ddns                   effective DDNS parameters (global → shared network → subnet)
 * @param haServerName           {@code user-context.ha-server-name} of the subnet, else of its shared
 *                               network: the HA relationship the subnet belongs to (Kea 2.5.5+
 *                               hub-and-spoke); null when not set
 */
public record Subnet4(
        long id,
        int prefix,
        int prefixLength,
        String sharedNetwork,
        List<Pool4> pools,
        List<Integer> relayAddresses,
        String iface,
        List<OptionData> optionData,
        List<OptionData> sharedNetworkOptionData,
        List<Reservation4> reservations,
        Lifetimes lifetimes,
        boolean matchClientId,
        boolean authoritative,
        List<String> clientClasses,
        int nextServer,
        String serverHostname,
        String bootFileName,
        String allocator,
        boolean reservationsGlobal,
        boolean reservationsInSubnet,
        boolean reservationsOutOfPool,
        DdnsParams ddns,
        String haServerName) {

    /** True when {@code address} lies inside this subnet's prefix. */
    public boolean contains(int address) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (address & mask) == (prefix & mask);
    }

    /** The prefix as Kea writes it, e.g. {@code 192.0.2.0/24}. */
    public String text() {
        return io.dhcpsuite.codec.Ipv4.format(prefix) + "/" + prefixLength;
    }

    /** The subnet mask as an address. */
    public int mask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }
}
