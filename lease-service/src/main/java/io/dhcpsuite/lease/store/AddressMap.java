package io.dhcpsuite.lease.store;

import java.util.Arrays;

/**
 * IPv4 address to slot number, in blocks of 64 consecutive addresses: an open-addressing table of
 * blocks, each with a bitmap of its addresses and their slots in address order (the slot of an
 * address is at the rank of its bit). Pools are ranges, so leases crowd into few blocks: about 5
 * bytes an address when a pool is full, and at worst about 50 when every lease has a block to itself.
 * Ascending walks use the block numbers sorted once after the set of blocks last changed, which in
 * a steady pool is rare.
 */
final class AddressMap {
    private static final int EMPTY = -1;

    private int[] keys;
    private long[] bits;
    private int[][] slots;
    private int shift;
    private int blocks;
    private int size;
    private int[] sorted;

    AddressMap() {
        allocate(64);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        bits = new long[capacity];
        slots = new int[capacity][];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        sorted = null;
    }

    int size() {
        return size;
    }

    void clear() {
        allocate(64);
        blocks = 0;
        size = 0;
    }

    AddressMap copy() {
        AddressMap c = new AddressMap();
        c.keys = keys.clone();
        c.bits = bits.clone();
        c.slots = new int[slots.length][];
        for (int i = 0; i < slots.length; i++) {
            c.slots[i] = slots[i] == null ? null : slots[i].clone();
        }
        c.shift = shift;
        c.blocks = blocks;
        c.size = size;
        return c;
    }

    /** The slot of {@code address}, or -1. */
    int get(int address) {
        int i = find(address >>> 6);
        if (i < 0) {
            return -1;
        }
        long b = bits[i];
        long m = 1L << address; // the shift uses the low six bits: the address's place in its block
        return (b & m) == 0 ? -1 : slots[i][Long.bitCount(b & (m - 1))];
    }

    /** Maps an address that is not mapped yet. */
    void put(int address, int slot) {
        int block = address >>> 6;
        int i = find(block);
        if (i < 0) {
            i = insertBlock(block);
        }
        long b = bits[i];
        long m = 1L << address;
        if ((b & m) != 0) {
            throw new IllegalStateException("address already mapped");
        }
        int rank = Long.bitCount(b & (m - 1));
        int n = Long.bitCount(b);
        int[] s = slots[i];
        if (s == null) {
            s = slots[i] = new int[2];
        } else if (n == s.length) {
            s = slots[i] = Arrays.copyOf(s, Math.min(64, n * 2));
        }
        System.arraycopy(s, rank, s, rank + 1, n - rank);
        s[rank] = slot;
        bits[i] = b | m;
        size++;
    }

    /** Unmaps {@code address}; true when it was mapped. */
    boolean remove(int address) {
        int i = find(address >>> 6);
        if (i < 0) {
            return false;
        }
        long b = bits[i];
        long m = 1L << address;
        if ((b & m) == 0) {
            return false;
        }
        size--;
        b &= ~m;
        if (b == 0) {
            deleteBlock(i);
            return true;
        }
        int rank = Long.bitCount(b & (m - 1));
        int n = Long.bitCount(b);
        int[] s = slots[i];
        System.arraycopy(s, rank + 1, s, rank, n - rank);
        bits[i] = b;
        if (n <= s.length / 4 && s.length > 4) {
            slots[i] = Arrays.copyOf(s, s.length / 2);
        }
        return true;
    }

    /**
     * Fills {@code out} with the slots of the lowest mapped addresses at or above {@code start}
     * (unsigned, 0 to 2^32 - 1), ascending; returns how many.
     */
    int slotsFrom(long start, int[] out) {
        if (start > 0xFFFF_FFFFL || size == 0) {
            return 0;
        }
        int[] order = sortedBlocks();
        int startBlock = (int) (start >>> 6);
        int p = Arrays.binarySearch(order, startBlock);
        if (p < 0) {
            p = -p - 1;
        }
        int n = 0;
        for (; p < order.length && n < out.length; p++) {
            int i = find(order[p]);
            long b = bits[i];
            int[] s = slots[i];
            int rank = 0;
            long rest = b;
            if (order[p] == startBlock) {
                long from = -1L << start;
                rank = Long.bitCount(b & ~from);
                rest = b & from;
            }
            while (rest != 0 && n < out.length) {
                out[n++] = s[rank++];
                rest &= rest - 1;
            }
        }
        return n;
    }

    private int[] sortedBlocks() {
        if (sorted == null) {
            int[] order = new int[blocks];
            int n = 0;
            for (int k : keys) {
                if (k != EMPTY) {
                    order[n++] = k;
                }
            }
            Arrays.sort(order);
            sorted = order;
        }
        return sorted;
    }

    private int home(int block) {
        return (block * 0x9E3779B9) >>> shift;
    }

    private int find(int block) {
        int mask = keys.length - 1;
        for (int i = home(block); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == block) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    private int insertBlock(int block) {
        if ((blocks + 1) * 2 > keys.length) {
            int[] oldKeys = keys;
            long[] oldBits = bits;
            int[][] oldSlots = slots;
            allocate(keys.length * 2);
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != EMPTY) {
                    int i = free(oldKeys[j]);
                    keys[i] = oldKeys[j];
                    bits[i] = oldBits[j];
                    slots[i] = oldSlots[j];
                }
            }
        }
        int i = free(block);
        keys[i] = block;
        blocks++;
        sorted = null;
        return i;
    }

    private int free(int block) {
        int mask = keys.length - 1;
        int i = home(block);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Linear probing's deletion without tombstones: later entries of the probe run move back into the hole. */
    private void deleteBlock(int i) {
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int h = home(keys[j]);
            if (((j - h) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                bits[hole] = bits[j];
                slots[hole] = slots[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        bits[hole] = 0;
        slots[hole] = null;
        blocks--;
        sorted = null;
    }
}
