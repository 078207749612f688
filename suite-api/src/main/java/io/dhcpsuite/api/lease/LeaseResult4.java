package io.dhcpsuite.api.lease;

/**
 * The answer to one {@link LeaseOp4}.
 *
 * @param id       the op's correlation id
 * @param status   outcome
 * @param lease    the lease offered or committed (ASSIGNED), or the lease affected (RELEASED,
 *                 DECLINED); null otherwise
 * @param reused   the client already held this lease (a renewal or a repeated request)
 * @param message  why, for logs (NAK reason, allocation failure reason)
 * @param previous the client's lease this op replaced or ended, when it carried DNS data (a hostname
 *                 and fqdn-fwd or fqdn-rev): on ASSIGNED its lease before the renewal, or the lease
 *                 at another address it moved from; on DECLINED the lease before its identifiers
 *                 were cleared. The DHCP side removes its DNS entries when the name changed
 *                 (Kea's createNameChangeRequests); null otherwise, so a DDNS-less batch stays small.
 */
public record LeaseResult4(long id, Status status, Lease4 lease, boolean reused, String message, Lease4 previous) {

    public LeaseResult4(long id, Status status, Lease4 lease, boolean reused, String message) {
        this(id, status, lease, reused, message, null);
    }

    public enum Status {
        /** An address was offered (OFFER) or committed durably (REQUEST). */
        ASSIGNED,
        /** The client may not have the address it insists on: the server must NAK. */
        NAK,
        /**
         * The server has no record of this client or address (INIT-REBOOT to an unknown lease):
         * an authoritative server NAKs, a non-authoritative one stays silent (RFC 2131 4.3.2).
         */
        UNKNOWN,
        /** No address is free for this client in the candidate subnets (v4-allocation-fail). */
        NO_ADDRESS,
        /** RELEASE processed. */
        RELEASED,
        /** DECLINE processed: the address is in probation. */
        DECLINED,
        /** RELEASE or DECLINE of a lease this client does not hold: ignored, as Kea does. */
        IGNORED,
        /** lease-service failed (storage error): no reply must be sent. */
        ERROR
    }
}
