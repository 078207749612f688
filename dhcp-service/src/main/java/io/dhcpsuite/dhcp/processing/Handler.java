package io.dhcpsuite.dhcp.processing;

/** One step of the packet chain. Handlers are stateless and shared by all threads. */
@FunctionalInterface
interface Handler {
    Outcome handle(Exchange ex);
}
