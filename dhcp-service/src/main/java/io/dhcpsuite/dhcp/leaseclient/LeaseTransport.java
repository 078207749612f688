package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.wire.LeaseWireClient;
import java.util.List;

/**
 * How {@link BatchingLeaseClient} carries one batch to lease-service and back: HTTP/JSON
 * ({@link HttpLeaseTransport}) or the binary protocol over a kept-alive TCP connection
 * ({@link TcpLeaseTransport}). The batching policy is the client's; a transport only sends.
 */
public interface LeaseTransport extends AutoCloseable {

    /**
     * The answer to one batch: exactly one of the arguments is non-null. The lease wire client's
     * own type, so the TCP transport passes it on without wrapping it.
     */
    @FunctionalInterface
    interface Completion extends LeaseWireClient.Completion {
        @Override
        void done(List<LeaseResult4> results, Throwable failure);
    }

    /**
     * Sends {@code ops} without blocking on the answer (a transport that is down fails at once);
     * {@code completion} runs exactly once, on any thread, within about the request timeout.
     */
    void send(List<LeaseOp4> ops, Completion completion);

    /** Where batches go, for log lines. */
    String target();

    @Override
    void close();
}
