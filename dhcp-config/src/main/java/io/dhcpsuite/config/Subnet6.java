package io.dhcpsuite.config;

import java.math.BigInteger;
import java.util.List;

/**
 * A {@code subnet6} entry with effective parameters (global, then shared network, then subnet).
 *
 * @param id                      subnet-id
 * @param prefix                  the subnet's prefix
 * @param sharedNetwork           name of the enclosing shared network, or null
 * @param pools                   address pools (IA_NA) in configuration order
 * @param pdPools                 prefix delegation pools (IA_PD) in configuration order
 * @param relayAddresses          {@code relay.ip-addresses} (own, else the shared network's)
 * @param iface                   {@code interface} (own, else the shared network's), or null
 * @param interfaceId             {@code interface-id} (own, else the shared network's): the option 18
 *                                content relays put in, or null
 * @param rapidCommit             effective {@code rapid-commit} (default false)
 * @param optionData              subnet-level option-data
 * @param sharedNetworkOptionData option-data of the enclosing shared network (empty if none)
 * @param reservations            the subnet's reservations
 * @param lifetimes               effective valid lifetime and T1/T2 parameters
 * @param preferred               effective {@code preferred-lifetime} with its min and max
 * @param clientClasses           the subnet's class guard; empty = all
 * @param allocator               {@code allocator}: iterative (default) or random
 * @param pdAllocator             {@code pd-allocator}: iterative (default) or random
 * @param reservationsGlobal      {@code reservations-global} (default false)
 * @param reservationsInSubnet    {@code reservations-in-subnet} (default true)
 * @param reservationsOutOfPool   {@code reservations-out-of-pool} (default false)
 * @param ddns                    effective DDNS parameters
 */
public record Subnet6(
        long id,
        Prefix6 prefix,
        String sharedNetwork,
        List<Pool6> pools,
        List<PdPool6> pdPools,
        List<BigInteger> relayAddresses,
        String iface,
        String interfaceId,
        boolean rapidCommit,
        List<OptionData> optionData,
        List<OptionData> sharedNetworkOptionData,
        List<Reservation6> reservations,
        Lifetimes lifetimes,
        Triplet preferred,
        List<String> clientClasses,
        String allocator,
        String pdAllocator,
        boolean reservationsGlobal,
        boolean reservationsInSubnet,
        boolean reservationsOutOfPool,
        DdnsParams ddns) {

    public boolean contains(BigInteger address) {
        return prefix.contains(address);
    }

    /** The prefix as Kea writes it, e.g. {@code 2001:db8:1::/64}. */
    public String text() {
        return prefix.text();
    }
}
