package io.dhcpsuite.lease.v6;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where committed v6 changes go to become durable (the group commit); completes when they are. */
@FunctionalInterface
public interface Lease6Writer {
    /** Changes held only in memory (tests). */
    Lease6Writer MEMORY_ONLY = changes -> CompletableFuture.completedFuture(null);

    /** Called with the v6 store's lock held, so the durable store receives changes in memory's order. */
    CompletableFuture<Void> submit(List<Lease6Change> changes);
}
