package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.lease.store.LeaseChange;

/**
 * One change a v6 transaction made: as {@link LeaseChange} for v4, with the v6 lease (memfile
 * journals a delete as the lease with valid lifetime 0).
 */
public record Lease6Change(LeaseChange.Kind kind, Lease6 lease, LeaseChange.Origin origin) {

    public boolean delete() {
        return kind == LeaseChange.Kind.DELETED;
    }

    /** A lease stored with no transaction around it (backend tests, tools). */
    public static Lease6Change upsert(Lease6 lease) {
        return new Lease6Change(LeaseChange.Kind.UPDATED, lease, LeaseChange.Origin.COMMAND);
    }

    /** A lease deleted with no transaction around it (backend tests, tools). */
    public static Lease6Change delete(Lease6 lease) {
        return new Lease6Change(LeaseChange.Kind.DELETED, lease, LeaseChange.Origin.COMMAND);
    }
}
