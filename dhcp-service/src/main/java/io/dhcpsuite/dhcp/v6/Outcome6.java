package io.dhcpsuite.dhcp.v6;

/** What a DHCPv6 handler tells the chain. */
enum Outcome6 {
    /** Go on with the next handler. */
    CONTINUE,
    /** Stop: the packet is dropped ({@code pkt6-receive-drop} is counted, the reason logged). */
    DROP,
    /** Stop: processing is complete. */
    DONE,
    /** Stop for now: the handler has arranged for {@link Exchange6#resume()} to be called. */
    SUSPEND
}
