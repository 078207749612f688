package io.dhcpsuite.lease.allocation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Addresses offered and not yet requested. Policy: an OFFER holds its address for its client for
 * {@link #HOLD} in memory only (Kea's offer is a fake allocation, nothing is stored), so two
 * concurrent exchanges never get the same address; a client holds at most one address, a REQUEST
 * or a new offer of another address drops its hold, and holds run out oldest first. Guarded by the
 * lease store's lock, like the pool bitmaps whose bits it asks to refresh when a hold goes away.
 */
final class OfferHolds {
    static final Duration HOLD = Duration.ofSeconds(30);
    static final int TAKE_SCAN = 64;

    private record Hold(int address, String client, long deadlineMs) {
    }

    private final Map<Integer, Hold> byAddress = new HashMap<>();
    private final Map<String, Hold> byClient = new HashMap<>();
    private final ArrayDeque<Hold> queue = new ArrayDeque<>();
    /** Told of an address whose hold ended, so its pool bit can be recomputed. */
    private final IntConsumer released;

    OfferHolds(IntConsumer released) {
        this.released = released;
    }

    /** The address held for {@code client}, or null. */
    Integer heldFor(String client) {
        Hold h = byClient.get(client);
        return h == null ? null : h.address;
    }

    /** Whether an offer to a client other than {@code client} holds {@code address}. */
    boolean heldForOther(int address, String client) {
        Hold h = byAddress.get(address);
        return h != null && !h.client.equals(client);
    }

    boolean held(int address) {
        return byAddress.containsKey(address);
    }

    Iterable<Integer> addresses() {
        return byAddress.keySet();
    }

    int size() {
        return byAddress.size();
    }

    /** Holds {@code address} for {@code client} until {@link #HOLD} from now, replacing its previous hold. */
    void hold(int address, String client, long nowMs) {
        Hold previous = byClient.get(client);
        if (previous != null && previous.address == address) {
            byAddress.remove(address);
        } else if (previous != null) {
            drop(client);
        }
        Hold h = new Hold(address, client, nowMs + HOLD.toMillis());
        byAddress.put(address, h);
        byClient.put(client, h);
        queue.addLast(h);
    }

    /** Drops the client's hold (it requested, released or was given another address). */
    void drop(String client) {
        Hold h = byClient.remove(client);
        if (h != null && byAddress.get(h.address) == h) {
            byAddress.remove(h.address);
            released.accept(h.address);
        }
    }

    /**
     * Takes the oldest hold on an address {@code eligible} accepts, when a client finds no free
     * address: an offer is no promise (Kea keeps none at all), so a flood of DISCOVERs from ever new
     * clients cannot keep the last free addresses from a real one; the flooder whose hold was taken
     * gets a NAK if it ever requests. Looks at the {@value #TAKE_SCAN} oldest holds at most.
     */
    Integer takeOldest(java.util.function.IntPredicate eligible) {
        int seen = 0;
        java.util.Iterator<Hold> it = queue.iterator();
        while (it.hasNext() && seen++ < TAKE_SCAN) {
            Hold h = it.next();
            if (byAddress.get(h.address) != h) {
                if (byClient.get(h.client) != h) {
                    it.remove(); // replaced or dropped: nothing refers to it any more
                }
                continue;
            }
            if (eligible.test(h.address)) {
                it.remove();
                byAddress.remove(h.address);
                if (byClient.get(h.client) == h) {
                    byClient.remove(h.client);
                }
                return h.address;
            }
        }
        return null;
    }

    /** Ends the holds whose time ran out; the queue is in deadline order, as every hold lasts the same. */
    void expire(long nowMs) {
        Hold h;
        while ((h = queue.peekFirst()) != null && h.deadlineMs <= nowMs) {
            queue.pollFirst();
            if (byClient.get(h.client) == h) {
                byClient.remove(h.client);
            }
            if (byAddress.get(h.address) == h) {
                byAddress.remove(h.address);
                released.accept(h.address);
            }
        }
    }
}
