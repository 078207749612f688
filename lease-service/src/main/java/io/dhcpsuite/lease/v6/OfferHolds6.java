package io.dhcpsuite.lease.v6;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Addresses and prefixes advertised and not yet requested: an ADVERTISE holds each of them for its
 * IA for {@link #HOLD}, in memory only (Kea's advertise is a fake allocation, nothing is stored), so
 * two concurrent exchanges never get the same address. An IA holds one address or prefix at most;
 * a REQUEST, a RELEASE or a new advertise drops its hold. Guarded by the v6 store's lock.
 */
final class OfferHolds6 {
    static final Duration HOLD = Duration.ofSeconds(30);

    /** The IA a hold belongs to. */
    record Owner(String duid, long iaid, int type) {
    }

    private record Hold(Lease6Key key, Owner owner, long deadlineMs) {
    }

    private final Map<Lease6Key, Hold> byKey = new HashMap<>();
    private final Map<Owner, Hold> byOwner = new HashMap<>();
    private final ArrayDeque<Hold> queue = new ArrayDeque<>();

    Lease6Key heldFor(Owner owner) {
        Hold h = byOwner.get(owner);
        return h == null ? null : h.key;
    }

    boolean heldForOther(Lease6Key key, Owner owner) {
        Hold h = byKey.get(key);
        return h != null && !h.owner.equals(owner);
    }

    int size() {
        return byKey.size();
    }

    void hold(Lease6Key key, Owner owner, long nowMs) {
        drop(owner);
        Hold h = new Hold(key, owner, nowMs + HOLD.toMillis());
        byKey.put(key, h);
        byOwner.put(owner, h);
        queue.addLast(h);
    }

    void drop(Owner owner) {
        Hold h = byOwner.remove(owner);
        if (h != null && byKey.get(h.key) == h) {
            byKey.remove(h.key);
        }
    }

    /**
     * Takes the oldest live hold of another IA whose key passes {@code fits}: its owner loses it
     * (an ADVERTISE is no promise; a REQUEST for it then finds it taken). Null when there is none.
     * For a client that finds every address held, so that a flood of SOLICITs from new DUIDs cannot
     * keep a real client out for the hold time.
     */
    Lease6Key takeOldest(Owner taker, Predicate<Lease6Key> fits) {
        for (Hold h : queue) {
            if (byOwner.get(h.owner) == h && byKey.get(h.key) == h && !h.owner.equals(taker) && fits.test(h.key)) {
                drop(h.owner);
                return h.key;
            }
        }
        return null;
    }

    /** Ends the holds whose time ran out; every hold lasts the same, so the queue is in deadline order. */
    void expire(long nowMs) {
        Hold h;
        while ((h = queue.peekFirst()) != null && (h.deadlineMs <= nowMs || byOwner.get(h.owner) != h)) {
            queue.pollFirst();
            if (byOwner.get(h.owner) == h) {
                byOwner.remove(h.owner);
            }
            if (byKey.get(h.key) == h) {
                byKey.remove(h.key);
            }
        }
    }
}
