package io.dhcpsuite.api.lease;

import java.util.List;

/**
 * The answer to one {@link LeaseOp6}: one {@link IaResult} per IA of the op, in the same order.
 *
 * @param id      the op's correlation id
 * @param status  ERROR when lease-service failed (storage error: no reply must be sent); OK otherwise,
 *                and the per-IA statuses tell the rest
 * @param ias     the per-IA outcomes
 * @param message why, for logs
 */
public record LeaseResult6(long id, Status status, List<IaResult> ias, String message) {

    public enum Status {
        OK,
        ERROR
    }

    /**
     * The outcome for one IA.
     *
     * @param type     {@link Lease6#IA_NA} or {@link Lease6#IA_PD}
     * @param iaid     the IA's identifier
     * @param status   the DHCPv6 status the reply carries for this IA (RFC 8415 21.13)
     * @param leases   the leases assigned, renewed, released or declined in this IA (with their
     *                 lifetimes; a lease being taken away appears with lifetimes 0)
     * @param previous the client's leases as they were before this op renewed, replaced or ended
     *                 them, when they carried DNS data (a hostname and fqdn-fwd or fqdn-rev); the
     *                 DHCP side removes the names that changed or ended and re-adds only what is
     *                 new (Kea's createNameChangeRequests); null when there are none
     */
    public record IaResult(String type, long iaid, IaStatus status, List<Lease6> leases, List<Lease6> previous) {
    }

    /** The status codes of RFC 8415 that lease-service decides. */
    public enum IaStatus {
        SUCCESS(0),
        NO_ADDRS_AVAIL(2),
        NO_BINDING(3),
        NOT_ON_LINK(4),
        NO_PREFIX_AVAIL(6);

        private final int code;

        IaStatus(int code) {
            this.code = code;
        }

        /** The code in option 13 (STATUS_CODE). */
        public int code() {
            return code;
        }
    }
}
