package io.dhcpsuite.lease.store;

/** One durable change: the lease to store, or the lease to delete (memfile writes it with valid-lft 0). */
public record LeaseChange(Lease lease, boolean delete) {
    public static LeaseChange upsert(Lease lease) {
        return new LeaseChange(lease, false);
    }

    public static LeaseChange delete(Lease lease) {
        return new LeaseChange(lease, true);
    }
}
