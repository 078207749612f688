package io.dhcpsuite.lease.v6;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Where committed v6 changes go to become durable (the group commit); completes when they are. */
@FunctionalInterface
public interface Lease6Writer {
    /** Changes held only in memory (tests). */
    Lease6Writer MEMORY_ONLY = changes -> CompletableFuture.completedFuture(null);

    /** Called with the v6 store's lock held, so the durable store receives changes in memory's order. */
    CompletableFuture<Void> submit(List<Lease6Change> changes);

    /**
     * {@code durable} whose completion also waits for {@code peers} (HA's lease updates; null from it
     * means nothing to wait for). A failed write fails the whole transaction even when the peers
     * failed too; only when the write succeeded does the peers' failure (which may name the changes
     * not acknowledged, {@link io.dhcpsuite.lease.store.ChangesNotAcknowledged}) come through.
     */
    static Lease6Writer gated(Lease6Writer durable, Function<List<Lease6Change>, CompletionStage<Void>> peers) {
        return changes -> {
            CompletableFuture<Void> written = durable.submit(changes);
            CompletionStage<Void> acked = peers.apply(changes);
            return acked == null ? written : written.thenCombine(acked, (a, b) -> null);
        };
    }
}
