package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.lease.store.LeaseChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one way to the v6 lease index, as {@link io.dhcpsuite.lease.store.LeaseStore} is for v4: reads
 * under the lock and transactions that record their changes. When a transaction ends its changes go,
 * still under the lock, to the {@link Lease6Writer}, so the journal receives them in memory's order;
 * the caller answers once {@link Committed#done} completes.
 */
public final class Lease6Store {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ReentrantLock lock = new ReentrantLock();
    private final Lease6Index index = new Lease6Index();
    private final Lease6Writer writer;

    public Lease6Store(Lease6Index.Listener bookkeeping, Lease6Writer writer) {
        this.writer = writer;
        index.listener(bookkeeping);
    }

    /** What a transaction returned, the changes it made, and when they are durable. */
    public record Committed<T>(T value, List<Lease6Change> changes, CompletableFuture<Void> done) {
    }

    /** The index inside a transaction: every put and remove is recorded. */
    public final class Tx {
        private final LeaseChange.Origin origin;
        private final List<Lease6Change> changes = new ArrayList<>();

        private Tx(LeaseChange.Origin origin) {
            this.origin = origin;
        }

        public Lease6Index index() {
            return index;
        }

        public Lease6 get(Lease6Key key) {
            return index.get(key);
        }

        public Lease6 put(Lease6 lease) {
            Lease6 old = index.put(lease);
            changes.add(new Lease6Change(old == null ? LeaseChange.Kind.ADDED : LeaseChange.Kind.UPDATED, lease, origin));
            return old;
        }

        public Lease6 remove(Lease6Key key) {
            Lease6 old = index.remove(key);
            if (old != null) {
                changes.add(new Lease6Change(LeaseChange.Kind.DELETED, old, origin));
            }
            return old;
        }

        public int changeCount() {
            return changes.size();
        }
    }

    public <T> Committed<T> transact(LeaseChange.Origin origin, Function<Tx, T> work) {
        lock.lock();
        try {
            Tx tx = new Tx(origin);
            T value = work.apply(tx);
            if (tx.changes.isEmpty()) {
                return new Committed<>(value, List.of(), DONE);
            }
            List<Lease6Change> changes = List.copyOf(tx.changes);
            return new Committed<>(value, changes, writer.submit(changes));
        } finally {
            lock.unlock();
        }
    }

    public <T> T read(Function<Lease6Index, T> reader) {
        lock.lock();
        try {
            return reader.apply(index);
        } finally {
            lock.unlock();
        }
    }

    /** The start-up load: the backend fills the index, nothing is written. */
    public int load(Lease6Backend backend) {
        return read(i -> {
            backend.load(i);
            return i.size();
        });
    }

    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
