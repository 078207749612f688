package io.dhcpsuite.dhcp.v6.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;

/** Asks lease-service for one DHCPv6 lease operation without blocking the caller. */
public interface Lease6Client {

    /** The continuation of a packet waiting for its leases: exactly one argument is non-null. */
    @FunctionalInterface
    interface Callback {
        void done(LeaseResult6 result, Throwable failure);
    }

    /**
     * Queues {@code op}. Returns false at once, without calling {@code callback}, when the queue is
     * full or the client is stopped; otherwise {@code callback} runs exactly once, on a thread of
     * the client's choosing.
     */
    boolean submit(LeaseOp6 op, Callback callback);

    /** From now on, ops the calling thread submits wait for its next {@link #flush()}. */
    default void deferFlush() {
    }

    /** Sends what the calling thread's deferred submits left waiting. */
    default void flush() {
    }
}
