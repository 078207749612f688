package io.dhcpsuite.dhcp.processing;

/** What a handler tells the chain. */
public enum Outcome {
    /** Go on with the next handler. */
    CONTINUE,
    /** Stop: the packet is dropped ({@code pkt4-receive-drop} is counted, the reason logged). */
    DROP,
    /** Stop: processing is complete (a reply was sent, or none is due, e.g. RELEASE). */
    DONE,
    /** Stop for now: the handler has arranged for {@link Exchange#resume()} to be called. */
    SUSPEND
}
