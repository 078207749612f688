package io.dhcpsuite.lease.store;

import java.util.List;

/**
 * The changes of one committed transaction, in the order it made them, as listeners receive them.
 * One transaction has one origin. The list is the one handed to the durable store: a listener
 * must not change it, and may keep it.
 */
public record LeaseChanges(LeaseChange.Origin origin, List<LeaseChange> changes) {
}
