package io.dhcpsuite.lease.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AddressMapTest {
    private final AddressMap map = new AddressMap();

    /** Slots are positions in this list, so a walk can go on after the address of the last slot it got. */
    private final List<Integer> addressOf = new ArrayList<>();

    private List<Integer> walkInBatchesOfFive() {
        List<Integer> out = new ArrayList<>();
        int[] buf = new int[5];
        long start = 0;
        int n;
        while ((n = map.slotsFrom(start, buf)) > 0) {
            for (int i = 0; i < n; i++) {
                out.add(buf[i]);
            }
            start = Integer.toUnsignedLong(addressOf.get(buf[n - 1])) + 1;
        }
        return out;
    }

    private void put(int address) {
        map.put(address, addressOf.size());
        addressOf.add(address);
    }

    @Test
    void mapsDenseAndSparseAddressesAndWalksThemInUnsignedOrder() {
        Random random = new Random(3);
        TreeMap<Long, Integer> model = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            int a = switch (i % 3) {
                case 0 -> 0x0A000000 + i; // dense
                case 1 -> random.nextInt(); // sparse, both halves of the unsigned range
                default -> 0xFFFFFFC0 + random.nextInt(64); // the last block
            };
            if (model.containsKey(Integer.toUnsignedLong(a))) {
                continue;
            }
            model.put(Integer.toUnsignedLong(a), addressOf.size());
            put(a);
        }
        for (int i = 0; i < 1000; i++) {
            Long key = model.keySet().toArray(new Long[0])[random.nextInt(model.size())];
            assertThat(map.remove((int) (long) key)).isTrue();
            assertThat(map.remove((int) (long) key)).isFalse();
            model.remove(key);
        }
        assertThat(map.size()).isEqualTo(model.size());
        for (Map.Entry<Long, Integer> e : model.entrySet()) {
            assertThat(map.get((int) (long) e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(map.get(0x0B000000)).isEqualTo(-1);
        int[] all = new int[model.size() + 10];
        int n = map.slotsFrom(0, all);
        assertThat(Arrays.stream(all, 0, n).boxed().toList()).containsExactlyElementsOf(model.values());
        long start = model.keySet().toArray(new Long[0])[model.size() / 2];
        n = map.slotsFrom(start, all);
        assertThat(Arrays.stream(all, 0, n).boxed().toList()).containsExactlyElementsOf(model.tailMap(start).values());
        assertThat(map.slotsFrom(1L << 32, all)).isZero();
    }

    @Test
    void walksInBatches() {
        for (int a : new int[] {0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0, 63, 64, 65, 127, 128}) {
            put(a);
        }
        List<Integer> slots = walkInBatchesOfFive();
        assertThat(slots).extracting(addressOf::get)
                .containsExactly(0, 63, 64, 65, 127, 128, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF);
    }

    @Test
    void refusesToMapAnAddressTwice() {
        put(5);
        assertThatThrownBy(() -> map.put(5, 9)).isInstanceOf(IllegalStateException.class);
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(5)).isEqualTo(-1);
    }
}
