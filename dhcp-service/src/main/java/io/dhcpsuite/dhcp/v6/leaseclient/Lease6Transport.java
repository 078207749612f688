package io.dhcpsuite.dhcp.v6.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.util.List;

/** How {@link BatchingLease6Client} carries one batch to lease-service and back. */
public interface Lease6Transport extends AutoCloseable {

    /** The answer to one batch: exactly one of the arguments is non-null. */
    @FunctionalInterface
    interface Completion {
        void done(List<LeaseResult6> results, Throwable failure);
    }

    /** Sends {@code ops} without blocking on the answer; {@code completion} runs exactly once, on any thread. */
    void send(List<LeaseOp6> ops, Completion completion);

    /** Where batches go, for log lines. */
    String target();

    @Override
    void close();
}
