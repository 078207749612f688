package io.dhcpsuite.lease.allocation;

import io.dhcpsuite.config.Pool4;
import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * One pool's free-address structure: a bit per address, set when the address is not available
 * (an assigned or declined lease, a reservation, an offer hold). The iterative allocator walks a
 * cursor round the pool as Kea's does; the random allocator probes random offsets first.
 */
final class PoolState {
    final Pool4 spec;
    final int index;
    private final BitSet busy;
    private final int size;
    private int cursor;

    PoolState(Pool4 spec, int index) {
        this.spec = spec;
        this.index = index;
        this.size = (int) Math.min(spec.size(), Integer.MAX_VALUE);
        this.busy = new BitSet(size);
    }

    boolean contains(int address) {
        return spec.contains(address);
    }

    void mark(int address, boolean isBusy) {
        int off = address - spec.first();
        if (isBusy) {
            busy.set(off);
        } else {
            busy.clear(off);
        }
    }

    boolean busy(int address) {
        return busy.get(address - spec.first());
    }

    int free() {
        return size - busy.cardinality();
    }

    /** The next free address after the cursor, wrapping once; null when the pool is full. */
    Integer nextIterative() {
        int off = busy.nextClearBit(cursor);
        if (off >= size) {
            off = busy.nextClearBit(0);
            if (off >= size || off >= cursor) {
                return null;
            }
        }
        cursor = off + 1 >= size ? 0 : off + 1;
        return spec.first() + off;
    }

    /** A free address chosen at random; falls back to a walk from a random start when the pool is crowded. */
    Integer nextRandom(RandomGenerator random) {
        for (int i = 0; i < 32; i++) {
            int off = random.nextInt(size);
            if (!busy.get(off)) {
                return spec.first() + off;
            }
        }
        int start = random.nextInt(size);
        int off = busy.nextClearBit(start);
        if (off >= size) {
            off = busy.nextClearBit(0);
            if (off >= size) {
                return null;
            }
        }
        return spec.first() + off;
    }
}
