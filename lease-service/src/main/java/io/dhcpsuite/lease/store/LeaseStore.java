package io.dhcpsuite.lease.store;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way to the lease index: reads under the lock ({@link #read}) and transactions
 * ({@link #transact}) that return the changes they made. A transaction runs under the lock and
 * never does I/O there; when it ends its changes go, still under the lock, first to the
 * {@link LeaseWriter} (so the journal receives them in the order memory saw them, which is what
 * lets compaction snapshot memory without losing a concurrent write) and then to every
 * {@link LeaseChangeListener}. The caller answers once {@link Committed#done} completes: the
 * changes are durable and every gating listener has acknowledged them.
 *
 * <p>The lock also guards state kept beside the index by the allocation engine (pool bitmaps,
 * offer holds); the in-lock {@code bookkeeping} listener keeps that state and the statistics in
 * step with every put and remove.
 */
public final class LeaseStore {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final int PAGE = 4096;

    private final ReentrantLock lock = new ReentrantLock();
    private final LeaseIndex index = new LeaseIndex();
    private final LeaseIndex.Listener bookkeeping;
    private final LeaseWriter writer;
    private final LeaseChangeListener[] listeners;

    /**
     * @param bookkeeping told of every put and remove with the lock held (pool bitmaps, statistics)
     * @param writer      makes committed changes durable
     * @param listeners   told of every committed transaction's changes, in this order
     */
    public LeaseStore(LeaseIndex.Listener bookkeeping, LeaseWriter writer, List<LeaseChangeListener> listeners) {
        this.bookkeeping = bookkeeping;
        this.writer = writer;
        this.listeners = listeners.toArray(LeaseChangeListener[]::new);
        index.listener(bookkeeping);
    }

    /** A gating listener's completion failed: the changes are durable here but not acknowledged. */
    public static final class NotAcknowledged extends RuntimeException {
        NotAcknowledged(Throwable cause) {
            super("lease change not acknowledged: " + (cause instanceof java.util.concurrent.CompletionException
                    && cause.getCause() != null ? cause.getCause() : cause).getMessage(), cause);
        }
    }

    /** What a transaction returned, the changes it made, and when they are durable and acknowledged. */
    public record Committed<T>(T value, List<LeaseChange> changes, CompletableFuture<Void> done) {
    }

    /**
     * Runs {@code query} with the lock held. The lock is also the engine's for its own state, so
     * work that changes that state but no lease (reconfiguration, offer holds) runs here too.
     */
    public <T> T read(Function<LeaseView, T> query) {
        lock.lock();
        try {
            return query.apply(index);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} as one transaction of {@code origin}. Its changes are handed to the writer
     * and the listeners before the lock is released, also when {@code work} throws after changing
     * something (memory already holds those changes, so the durable store must follow), and the
     * exception is then rethrown. A transaction that changed nothing publishes nothing.
     */
    public <T> Committed<T> transact(LeaseChange.Origin origin, Function<LeaseTx, T> work) {
        Tx tx = new Tx(index, origin);
        lock.lock();
        try {
            T value;
            try {
                value = work.apply(tx);
            } catch (RuntimeException | Error e) {
                if (!tx.changes.isEmpty()) {
                    publish(origin, tx.changes);
                }
                throw e;
            }
            CompletableFuture<Void> done = tx.changes.isEmpty() ? DONE : publish(origin, tx.changes);
            return new Committed<>(value, tx.changes, done);
        } finally {
            lock.unlock();
        }
    }

    /** Writer first, then listeners; with no listener the answer waits on the write alone, as before there were any. */
    private CompletableFuture<Void> publish(LeaseChange.Origin origin, List<LeaseChange> changes) {
        CompletableFuture<Void> done = writer.submit(changes);
        if (listeners.length == 0) {
            return done;
        }
        LeaseChanges published = new LeaseChanges(origin, java.util.Collections.unmodifiableList(changes));
        for (LeaseChangeListener l : listeners) {
            CompletionStage<Void> gate;
            try {
                gate = l.changed(published);
            } catch (RuntimeException e) {
                // a listener that throws fails the answers of this transaction, never the store
                gate = CompletableFuture.failedFuture(e);
            }
            if (gate != null) {
                done = done.thenCombine(gate.handle((ok, e) -> {
                    if (e != null) {
                        throw new NotAcknowledged(e);
                    }
                    return null;
                }), (a, b) -> null);
            }
        }
        return done;
    }

    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * The start-up load: the backend puts its leases straight into the index without the
     * bookkeeping listener, and {@code recount} then counts pool bitmaps and statistics once from
     * what the index holds, which leaves them as telling them of every row would (a lease file
     * replays every change ever made) at a fraction of the cost. Nothing is written or published:
     * the leases come from the durable store. Returns the number of leases.
     */
    public int load(LeaseBackend backend, Consumer<? super LeaseView> recount) {
        return read(view -> {
            index.listener(null);
            try {
                backend.load(index);
            } finally {
                index.listener(bookkeeping);
            }
            recount.accept(index);
            return index.size();
        });
    }

    /** Puts leases read from a backend, telling the bookkeeping of each, writing and publishing nothing (tests, tools). */
    public void load(Collection<Lease> leases) {
        read(view -> {
            for (Lease l : leases) {
                index.put(l);
            }
            return null;
        });
    }

    /**
     * Every lease in address order, read a page at a time under the lock, so that a walk over a
     * million leases (lease file compaction) never keeps allocation waiting for long. A lease
     * changed during the walk shows the state it had when its page was read; compaction adds the
     * journal rows written meanwhile after the walk's, so each address still ends in its last state.
     */
    public Collection<Lease> leasesByPage() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Lease> iterator() {
                return new Iterator<>() {
                    private List<Lease> page = List.of();
                    private int pos;
                    private Integer after;
                    private boolean done;

                    @Override
                    public boolean hasNext() {
                        if (pos < page.size()) {
                            return true;
                        }
                        if (done) {
                            return false;
                        }
                        Integer from = after;
                        page = read(v -> v.page(from, PAGE));
                        pos = 0;
                        done = page.size() < PAGE;
                        if (!page.isEmpty()) {
                            after = page.get(page.size() - 1).address();
                        }
                        return !page.isEmpty();
                    }

                    @Override
                    public Lease next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return page.get(pos++);
                    }
                };
            }

            @Override
            public int size() {
                return read(LeaseView::size);
            }
        };
    }

    /** The transaction's view: the index's reads, and writes that record their change. */
    private static final class Tx implements LeaseTx {
        private final LeaseIndex index;
        private final LeaseChange.Origin origin;
        final List<LeaseChange> changes = new ArrayList<>();

        Tx(LeaseIndex index, LeaseChange.Origin origin) {
            this.index = index;
            this.origin = origin;
        }

        @Override
        public Lease put(Lease lease) {
            Lease old = index.put(lease);
            changes.add(new LeaseChange(old == null ? LeaseChange.Kind.ADDED : LeaseChange.Kind.UPDATED, lease, origin));
            return old;
        }

        @Override
        public Lease remove(int address) {
            Lease old = index.remove(address);
            if (old != null) {
                changes.add(new LeaseChange(LeaseChange.Kind.DELETED, old, origin));
            }
            return old;
        }

        @Override
        public int changeCount() {
            return changes.size();
        }

        @Override
        public LeaseChange.Origin origin() {
            return origin;
        }

        @Override
        public Lease get(int address) {
            return index.get(address);
        }

        @Override
        public int size() {
            return index.size();
        }

        @Override
        public Collection<Lease> all() {
            return index.all();
        }

        @Override
        public List<Lease> page(Integer after, int limit) {
            return index.page(after, limit);
        }

        @Override
        public List<Lease> byHwAddress(String hw) {
            return index.byHwAddress(hw);
        }

        @Override
        public List<Lease> byClientId(String clientId) {
            return index.byClientId(clientId);
        }

        @Override
        public List<Lease> byHostname(String hostname) {
            return index.byHostname(hostname);
        }

        @Override
        public List<Lease> bySubnet(long subnetId) {
            return index.bySubnet(subnetId);
        }

        @Override
        public Lease byHwAddress(long subnetId, String hw) {
            return index.byHwAddress(subnetId, hw);
        }

        @Override
        public Lease byClientId(long subnetId, String clientId) {
            return index.byClientId(subnetId, clientId);
        }

        @Override
        public List<Lease> expired(long nowSeconds, int limit) {
            return index.expired(nowSeconds, limit);
        }

        @Override
        public List<Lease> changedSince(long cltt, Integer after, int limit) {
            return index.changedSince(cltt, after, limit);
        }

        @Override
        public List<Lease> reclaimedBefore(long cutoffSeconds, int limit) {
            return index.reclaimedBefore(cutoffSeconds, limit);
        }

        @Override
        public LeaseView copy() {
            return index.copy();
        }
    }
}
