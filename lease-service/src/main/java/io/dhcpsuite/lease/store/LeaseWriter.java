package io.dhcpsuite.lease.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where committed changes go to become durable (the group commit); completes when they are. */
@FunctionalInterface
public interface LeaseWriter {
    /** Changes held only in memory: done at once (tests, memfile with persist off goes through the backend). */
    LeaseWriter MEMORY_ONLY = changes -> CompletableFuture.completedFuture(null);

    /** Called with the store's lock held, so the durable store receives changes in the order memory saw them. */
    CompletableFuture<Void> submit(List<LeaseChange> changes);
}
