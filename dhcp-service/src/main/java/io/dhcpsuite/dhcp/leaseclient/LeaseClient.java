package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp4;

/** Asks lease-service for one lease operation without blocking the caller. */
public interface LeaseClient {

    /**
     * Queues {@code op}. Returns false at once, without calling {@code callback}, when the queue is
     * full or the client is stopped; otherwise {@code callback} runs exactly once, on a thread of
     * the client's choosing, with the result or the failure.
     */
    boolean submit(LeaseOp4 op, LeaseCallback callback);

    /**
     * From now on, ops the calling thread submits may wait for its next {@link #flush()}, so that
     * ops of many packets share one request. A thread that calls this must call flush() after each
     * run of submits.
     */
    default void deferFlush() {
    }

    /** Sends what the calling thread's deferred submits left waiting. */
    default void flush() {
    }
}
