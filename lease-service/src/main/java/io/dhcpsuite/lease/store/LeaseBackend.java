package io.dhcpsuite.lease.store;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Durable lease storage. Only the group-commit writer thread calls {@link #write}; when it returns
 * normally every change is durable (fsynced journal, committed transaction).
 */
public interface LeaseBackend extends AutoCloseable {

    /** Every stored lease; the last state per address. */
    Collection<Lease> load();

    /**
     * The start-up load: puts every stored lease into {@code index} (the last state per address)
     * without holding a second copy of them all. By default the leases of {@link #load()}.
     */
    default void load(LeaseIndex index) {
        for (Lease l : load()) {
            index.put(l);
        }
    }

    /** Makes the changes durable, in order, with one sync. */
    void write(List<LeaseChange> changes) throws Exception;

    /** Backend name for logs and commands ("memfile", "postgresql"). */
    String type();

    /** Replaces the whole store with the leases of the snapshot (lease4-wipe, lease4-write on the active file, LFC). */
    default void compact(Supplier<Collection<Lease>> snapshot) throws Exception {
    }

    @Override
    default void close() {
    }
}
