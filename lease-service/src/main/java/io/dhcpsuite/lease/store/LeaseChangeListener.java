package io.dhcpsuite.lease.store;

import java.util.concurrent.CompletionStage;

/**
 * Told of the changes of every committed transaction that changed something. See the package
 * documentation for when it is called and what its returned completion gates.
 */
@FunctionalInterface
public interface LeaseChangeListener {

    /**
     * Called with the store's lock held, in commit order, right after the changes went to the
     * durable store: it must not block or call back into the store. Return null (or a completed
     * stage) when the transaction's answers need not wait; otherwise the answers (the lease wire's
     * replies of the batch, a command's response) leave only after the returned stage completes,
     * and if it completes exceptionally they fail as a failed write fails them (the DHCP replies
     * of the batch are dropped).
     */
    CompletionStage<Void> changed(LeaseChanges changes);
}
