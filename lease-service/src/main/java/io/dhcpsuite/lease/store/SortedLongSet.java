package io.dhcpsuite.lease.store;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * A sorted set of longs in about 10 bytes an element: sorted runs of at most {@value #RUN}
 * primitives, found by a binary search over the runs' lower bounds, so an add or a remove costs
 * two binary searches and a short array copy, and iterating from the smallest key touches only the
 * keys it returns. A run is split when full and dropped when empty.
 *
 * <p>Made for the expiry queues, where a renewal removes a key from the middle and adds one past
 * the end (now + lifetime): a key past the end of a full last run starts a new full-size run, and
 * runs are not shrunk as they drain, so steady renewals allocate one array per {@value #RUN}
 * keys and nothing else (no garbage that outlives the young generation).
 *
 * <p>Invariant: {@code low[i] <= every key of run i < low[i + 1]}. Not thread-safe.
 */
final class SortedLongSet {
    static final int RUN = 512;
    private static final int MIN = 8;

    private long[] low = new long[16];
    private long[][] runs = new long[16][];
    private int[] sizes = new int[16];
    private int count;
    private int size;

    int size() {
        return size;
    }

    void clear() {
        low = new long[16];
        runs = new long[16][];
        sizes = new int[16];
        count = 0;
        size = 0;
    }

    SortedLongSet copy() {
        SortedLongSet c = new SortedLongSet();
        c.low = low.clone();
        c.sizes = sizes.clone();
        c.runs = new long[runs.length][];
        for (int i = 0; i < count; i++) {
            c.runs[i] = runs[i].clone();
        }
        c.count = count;
        c.size = size;
        return c;
    }

    boolean add(long key) {
        if (count == 0) {
            insertRun(0, key, new long[MIN], 0);
            runs[0][0] = key;
            sizes[0] = 1;
            size = 1;
            return true;
        }
        int r = runOf(key);
        long[] a = runs[r];
        int n = sizes[r];
        int pos = Arrays.binarySearch(a, 0, n, key);
        if (pos >= 0) {
            return false;
        }
        pos = -pos - 1;
        if (n == a.length) {
            if (n < RUN) {
                a = runs[r] = Arrays.copyOf(a, n * 2);
            } else if (pos == n && r == count - 1) {
                // keys arriving in ascending order (renewals: now + lifetime) start a new run
                // instead of leaving half-empty ones behind
                long[] fresh = new long[RUN];
                fresh[0] = key;
                insertRun(r + 1, key, fresh, 1);
                size++;
                return true;
            } else {
                split(r);
                return add(key);
            }
        }
        if (key < low[r]) {
            low[r] = key; // only for run 0: a key below every other
        }
        System.arraycopy(a, pos, a, pos + 1, n - pos);
        a[pos] = key;
        sizes[r] = n + 1;
        size++;
        return true;
    }

    boolean remove(long key) {
        if (count == 0) {
            return false;
        }
        int r = runOf(key);
        long[] a = runs[r];
        int n = sizes[r];
        int pos = Arrays.binarySearch(a, 0, n, key);
        if (pos < 0) {
            return false;
        }
        System.arraycopy(a, pos + 1, a, pos, n - pos - 1);
        n--;
        size--;
        if (n == 0) {
            removeRun(r);
        } else {
            sizes[r] = n;
        }
        return true;
    }

    boolean contains(long key) {
        if (count == 0) {
            return false;
        }
        int r = runOf(key);
        return Arrays.binarySearch(runs[r], 0, sizes[r], key) >= 0;
    }

    /** Visits the keys below {@code bound} in ascending order while {@code visitor} answers true. */
    void forEachBelow(long bound, LongPredicate visitor) {
        for (int r = 0; r < count; r++) {
            long[] a = runs[r];
            for (int i = 0, n = sizes[r]; i < n; i++) {
                if (a[i] >= bound || !visitor.test(a[i])) {
                    return;
                }
            }
        }
    }

    /** Visits the keys from {@code from} (inclusive) in ascending order while {@code visitor} answers true. */
    void forEachFrom(long from, LongPredicate visitor) {
        if (count == 0) {
            return;
        }
        int r = runOf(from);
        int i = Arrays.binarySearch(runs[r], 0, sizes[r], from);
        i = i >= 0 ? i : -i - 1;
        for (; r < count; r++, i = 0) {
            long[] a = runs[r];
            for (int n = sizes[r]; i < n; i++) {
                if (!visitor.test(a[i])) {
                    return;
                }
            }
        }
    }

    /** The run that holds, or would hold, {@code key}: the last whose lower bound is at most it, else the first. */
    private int runOf(long key) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (low[mid] <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void split(int r) {
        long[] a = runs[r];
        int n = sizes[r];
        int half = n / 2;
        long[] right = new long[RUN];
        System.arraycopy(a, half, right, 0, n - half);
        sizes[r] = half;
        insertRun(r + 1, right[0], right, n - half);
    }

    private void insertRun(int at, long lowKey, long[] run, int n) {
        if (count == low.length) {
            int cap = count * 2;
            low = Arrays.copyOf(low, cap);
            runs = Arrays.copyOf(runs, cap);
            sizes = Arrays.copyOf(sizes, cap);
        }
        System.arraycopy(low, at, low, at + 1, count - at);
        System.arraycopy(runs, at, runs, at + 1, count - at);
        System.arraycopy(sizes, at, sizes, at + 1, count - at);
        low[at] = lowKey;
        runs[at] = run;
        sizes[at] = n;
        count++;
    }

    private void removeRun(int r) {
        System.arraycopy(low, r + 1, low, r, count - r - 1);
        System.arraycopy(runs, r + 1, runs, r, count - r - 1);
        System.arraycopy(sizes, r + 1, sizes, r, count - r - 1);
        count--;
        runs[count] = null;
    }
}
