package io.dhcpsuite.lease.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SortedLongSetTest {
    private final SortedLongSet set = new SortedLongSet();

    private List<Long> below(long bound) {
        List<Long> out = new ArrayList<>();
        set.forEachBelow(bound, k -> out.add(k));
        return out;
    }

    @Test
    void keepsKeysSortedAcrossRunSplitsAndRemovals() {
        Random random = new Random(7);
        TreeSet<Long> model = new TreeSet<>();
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextInt(8) == 0 ? Long.MIN_VALUE + random.nextInt(10) : random.nextLong(1_000_000);
            assertThat(set.add(key)).isEqualTo(model.add(key));
            if (i % 3 == 0) {
                long gone = random.nextLong(1_000_000);
                assertThat(set.remove(gone)).isEqualTo(model.remove(gone));
            }
        }
        assertThat(set.size()).isEqualTo(model.size());
        assertThat(below(Long.MAX_VALUE)).containsExactlyElementsOf(model);
        assertThat(below(500_000)).containsExactlyElementsOf(model.headSet(500_000L));
        for (long k : new ArrayList<>(model)) {
            assertThat(set.contains(k)).isTrue();
            assertThat(set.remove(k)).isTrue();
        }
        assertThat(set.size()).isZero();
        assertThat(below(Long.MAX_VALUE)).isEmpty();
        assertThat(set.remove(5)).isFalse();
    }

    @Test
    void ascendingInsertsAndRemovalsFromTheFront() {
        for (long k = 0; k < 5 * SortedLongSet.RUN; k++) {
            set.add(k);
        }
        for (long k = 0; k < 3 * SortedLongSet.RUN; k++) {
            assertThat(set.remove(k)).isTrue();
        }
        set.add(-1);
        List<Long> keys = below(Long.MAX_VALUE);
        assertThat(keys).hasSize(2 * SortedLongSet.RUN + 1).startsWith(-1L, 3L * SortedLongSet.RUN).isSorted();
    }

    @Test
    void visitingStopsWhenTheVisitorSaysSo() {
        for (long k = 1; k <= 10; k++) {
            set.add(k);
        }
        List<Long> seen = new ArrayList<>();
        set.forEachBelow(100, k -> {
            seen.add(k);
            return seen.size() < 3;
        });
        assertThat(seen).containsExactly(1L, 2L, 3L);
        SortedLongSet copy = set.copy();
        set.clear();
        assertThat(copy.size()).isEqualTo(10);
        assertThat(set.size()).isZero();
    }

    @Test
    void visitsFromAnyKeyOnAcrossRuns() {
        Random random = new Random(11);
        TreeSet<Long> model = new TreeSet<>();
        for (int i = 0; i < 5_000; i++) {
            long key = random.nextLong(100_000);
            set.add(key);
            model.add(key);
        }
        for (long from : new long[] {-1, 0, 17, 50_000, model.first(), model.last(), model.last() + 1}) {
            List<Long> seen = new ArrayList<>();
            set.forEachFrom(from, k -> seen.add(k) && seen.size() < 700);
            assertThat(seen).as("from " + from).containsExactlyElementsOf(model.tailSet(from, true).stream().limit(700).toList());
        }
    }
}
