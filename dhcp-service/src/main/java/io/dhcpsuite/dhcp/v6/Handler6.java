package io.dhcpsuite.dhcp.v6;

/** One step of the DHCPv6 packet chain. Handlers are stateless and shared by all threads. */
@FunctionalInterface
interface Handler6 {
    Outcome6 handle(Exchange6 ex);
}
