package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Durable v6 lease storage (kea-leases6.csv, the lease6 table). Only the group-commit writer thread
 * calls {@link #write}; when it returns normally every change is durable.
 */
public interface Lease6Backend extends AutoCloseable {

    /** Puts every stored lease into {@code index}: the last state per (address, type). */
    void load(Lease6Index index);

    /** Makes the changes durable, in order, with one sync. */
    void write(List<Lease6Change> changes) throws Exception;

    /** Backend name for logs and commands ("memfile", "postgresql"). */
    String type();

    /** Replaces the whole store with the snapshot's leases (lease6-wipe, lease6-write on the active file, LFC). */
    default void compact(Supplier<Collection<Lease6>> snapshot) throws Exception {
    }

    @Override
    default void close() {
    }
}
