package io.dhcpsuite.lease.store;

/**
 * One change a transaction made to the lease store: a lease added where there was none, a lease
 * that replaced the one at its address, or a lease deleted (memfile journals a delete as the lease
 * with valid-lft 0). The {@link Origin} says what caused it, so that a listener can choose: HA
 * sends its partner the changes of DHCP traffic and never echoes those it received from the partner.
 */
public record LeaseChange(Kind kind, Lease lease, Origin origin) {

    public enum Kind { ADDED, UPDATED, DELETED }

    /** What made the change. */
    public enum Origin {
        /** An exchange with a DHCP client: the lease wire's and the batch endpoint's operations. */
        DHCP,
        /** A control command (lease4-add, lease4-del, lease4-wipe, ...). */
        COMMAND,
        /** A lease update or synchronisation received from the HA partner. */
        HA_PARTNER,
        /** The reclamation routine and the flush of expired-reclaimed leases. */
        RECLAMATION
    }

    /** A lease stored (added or replaced) with no transaction around it (backend tests, tools). */
    public static LeaseChange upsert(Lease lease) {
        return new LeaseChange(Kind.UPDATED, lease, Origin.COMMAND);
    }

    /** A lease deleted with no transaction around it (backend tests, tools). */
    public static LeaseChange delete(Lease lease) {
        return new LeaseChange(Kind.DELETED, lease, Origin.COMMAND);
    }

    /** Whether the backend must delete the lease's row rather than store it. */
    public boolean delete() {
        return kind == Kind.DELETED;
    }
}
