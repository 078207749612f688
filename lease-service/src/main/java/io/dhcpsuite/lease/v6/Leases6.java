package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseState;
import tools.jackson.databind.JsonNode;

/** Small facts about {@link Lease6} values the store, engine and commands share. */
public final class Leases6 {
    /** Kea's infinite lifetime. */
    public static final long INFINITE = 0xFFFF_FFFFL;
    /** The DUID Kea gives a declined lease (DUID::EMPTY, one zero octet). */
    public static final String EMPTY_DUID = "00";

    private Leases6() {
    }

    public static boolean expiredAt(Lease6 l, long now) {
        return l.validLft() != INFINITE && l.expire() < now;
    }

    /** Leases the reclamation routine still has to process when they expire. */
    public static boolean awaitsReclamation(Lease6 l) {
        return l.state() == LeaseState.DEFAULT || l.state() == LeaseState.DECLINED || l.state() == LeaseState.RELEASED;
    }

    /** Whether the lease carries DNS data that a removal would have to undo. */
    public static boolean hasDns(Lease6 l) {
        return l != null && l.hostname() != null && !l.hostname().isEmpty() && (l.fqdnFwd() || l.fqdnRev());
    }

    public static Lease6 with(Lease6 l, int state, long cltt, long preferred, long valid) {
        return new Lease6(l.ipAddress(), l.type(), l.prefixLen(), l.duid(), l.iaid(), l.subnetId(), l.poolId(),
                preferred, valid, cltt, l.hwAddress(), l.fqdnFwd(), l.fqdnRev(), l.hostname(), state, l.userContext());
    }

    /** The lease as a client is told it is gone: lifetimes 0. */
    public static Lease6 zeroLifetimes(Lease6 l) {
        return new Lease6(l.ipAddress(), l.type(), l.prefixLen(), l.duid(), l.iaid(), l.subnetId(), l.poolId(),
                0, 0, l.cltt(), l.hwAddress(), l.fqdnFwd(), l.fqdnRev(), l.hostname(), l.state(), l.userContext());
    }

    /** Kea's Lease6::decline: identifiers, name and DNS flags cleared, probation as the valid lifetime. */
    public static Lease6 declined(Lease6 l, long now, long probation) {
        return new Lease6(l.ipAddress(), l.type(), l.prefixLen(), EMPTY_DUID, l.iaid(), l.subnetId(), l.poolId(),
                0, probation, now, null, false, false, "", LeaseState.DECLINED, null);
    }

    /** The same lease with another user context. */
    public static Lease6 withContext(Lease6 l, JsonNode context) {
        return new Lease6(l.ipAddress(), l.type(), l.prefixLen(), l.duid(), l.iaid(), l.subnetId(), l.poolId(),
                l.preferredLft(), l.validLft(), l.cltt(), l.hwAddress(), l.fqdnFwd(), l.fqdnRev(), l.hostname(),
                l.state(), context);
    }
}
