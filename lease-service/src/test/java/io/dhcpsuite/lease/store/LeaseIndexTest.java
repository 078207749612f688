package io.dhcpsuite.lease.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.codec.Ipv4;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LeaseIndexTest {
    private static final long T0 = 1_700_000_000L;
    private final LeaseIndex index = new LeaseIndex();

    private static int ip(String dotted) {
        return Ipv4.parse(dotted);
    }

    private static Lease lease(String address, String hw, String cid, long cltt, long subnet, int state, String host) {
        return new Lease(ip(address), hw, cid, 3600, cltt, subnet, 0, false, false, host, state, null);
    }

    private static Lease active(String address, String hw) {
        return lease(address, hw, null, T0, 1, LeaseState.DEFAULT, "");
    }

    @Test
    void returnsEveryFieldAsStored() {
        Lease l = new Lease(ip("192.0.2.10"), "02:00:5e:00:53:01", "01:02:00:5e:00:53:01", 7200, T0, 3, 77, true, false,
                "Host.Example.org", LeaseState.DECLINED, "{\"a\":1}");
        index.put(l);
        assertThat(index.get(ip("192.0.2.10"))).isEqualTo(l);
        assertThat(index.get(ip("192.0.2.11"))).isNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void keepsIdentifiersAndHostnamesExactlyAsGiven() {
        List<Lease> leases = List.of(
                lease("10.0.0.1", null, null, T0, 1, 0, null),
                lease("10.0.0.2", "", "", T0, 1, 0, ""),
                lease("10.0.0.3", "AA:BB:CC:DD:EE:FF", "not hex", T0, 1, 0, "MiXeD"),
                lease("10.0.0.4", "aa:bb", "ff:00:00:00:01:00:01:00:01:2c:2d:3e:4f:00:11:22:33:44:55", T0, 1, 0, "ünïcode"),
                lease("10.0.0.5", "01:02:03:04:05:06:07:08", "01:01:02:03:04:05:06:07:08", T0, 1, 0, "x"),
                lease("10.0.0.6", "01:02:03:04:05:06:07", "01:01:02:03:04:05:06:07", T0, 1, 0, "y"),
                lease("10.0.0.7", "", "01", T0, 1, 0, "z"),
                lease("10.0.0.8", "02:00:00:00:00:08", "02:02:00:00:00:00:08", T0, 1, 0, "w"),
                lease("10.0.0.9", "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00", "00", T0, 1, 0, "v"));
        leases.forEach(index::put);
        for (Lease l : leases) {
            assertThat(index.get(l.address())).isEqualTo(l);
        }
    }

    @Test
    void keepsValuesBeyondThirtyTwoBitsExactly() {
        Lease odd = new Lease(ip("10.0.0.1"), "02:00:00:00:00:01", null, -5, -100, 0x1_0000_0001L, 0xFFFF_FFFFL, false, true,
                "", 9, null);
        Lease infinite = new Lease(ip("10.0.0.2"), "02:00:00:00:00:02", null, Lease.INFINITE, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0,
                false, false, "", 0, null);
        index.put(odd);
        index.put(infinite);
        assertThat(index.get(odd.address())).isEqualTo(odd);
        assertThat(index.get(infinite.address())).isEqualTo(infinite);
        assertThat(index.byHwAddress(0x1_0000_0001L, "02:00:00:00:00:01")).isEqualTo(odd);
        assertThat(index.expired(Long.MAX_VALUE >> 32, 0)).isEmpty(); // infinite, and state 9 is in no queue
        index.put(active("10.0.0.1", "02:00:00:00:00:01"));
        assertThat(index.get(odd.address()).subnetId()).isEqualTo(1);
    }

    @Test
    void findsLeasesByHardwareAddressClientIdAndHostname() {
        Lease a = lease("192.0.2.20", "02:00:00:00:00:01", "01:02:00:00:00:00:01", T0, 1, 0, "Printer.example.org");
        Lease b = lease("192.0.2.10", "02:00:00:00:00:01", "ab:cd", T0, 2, 0, "other");
        Lease c = lease("192.0.2.30", "02:00:00:00:00:03", null, T0, 1, 0, "printer.EXAMPLE.org");
        index.put(a);
        index.put(b);
        index.put(c);
        assertThat(index.byHwAddress("02:00:00:00:00:01")).containsExactly(b, a);
        assertThat(index.byHwAddress("02:00:00:00:00:09")).isEmpty();
        assertThat(index.byClientId("01:02:00:00:00:00:01")).containsExactly(a);
        assertThat(index.byClientId("ab:cd")).containsExactly(b);
        assertThat(index.byClientId("ab:ce")).isEmpty();
        assertThat(index.byHostname("PRINTER.example.ORG")).containsExactly(a, c);
        assertThat(index.byHostname("printer")).isEmpty();
        assertThat(index.byHwAddress(1, "02:00:00:00:00:01")).isEqualTo(a);
        assertThat(index.byHwAddress(2, "02:00:00:00:00:01")).isEqualTo(b);
        assertThat(index.byHwAddress(3, "02:00:00:00:00:01")).isNull();
        assertThat(index.byClientId(1, "01:02:00:00:00:00:01")).isEqualTo(a);
        assertThat(index.byClientId(2, "01:02:00:00:00:00:01")).isNull();
        assertThat(index.bySubnet(1)).containsExactly(a, c);
        assertThat(index.bySubnet(2)).containsExactly(b);
        assertThat(index.bySubnet(5)).isEmpty();
    }

    @Test
    void identifiersThatAreNotCanonicalOnlyMatchTheSameText() {
        Lease upper = active("192.0.2.1", "AA:BB:CC:DD:EE:FF");
        Lease lower = active("192.0.2.2", "aa:bb:cc:dd:ee:ff");
        index.put(upper);
        index.put(lower);
        assertThat(index.byHwAddress("AA:BB:CC:DD:EE:FF")).containsExactly(upper);
        assertThat(index.byHwAddress("aa:bb:cc:dd:ee:ff")).containsExactly(lower);
    }

    @Test
    void emptyHardwareAddressIsNotIndexed() {
        Lease declined = lease("192.0.2.1", "", null, T0, 1, LeaseState.DECLINED, "");
        index.put(declined);
        assertThat(index.byHwAddress("")).isEmpty();
        assertThat(index.get(declined.address()).hwAddress()).isEmpty();
    }

    @Test
    void prefersTheActiveLeaseOfAClientThenTheLowerAddress() {
        Lease released = lease("192.0.2.5", "02:00:00:00:00:01", "01:aa", T0, 1, LeaseState.RELEASED, "");
        Lease activeHigh = lease("192.0.2.9", "02:00:00:00:00:01", "01:aa", T0, 1, LeaseState.DEFAULT, "");
        Lease activeLow = lease("192.0.2.7", "02:00:00:00:00:01", "01:aa", T0, 1, LeaseState.DEFAULT, "");
        index.put(released);
        assertThat(index.byHwAddress(1, "02:00:00:00:00:01")).isEqualTo(released);
        index.put(activeHigh);
        assertThat(index.byHwAddress(1, "02:00:00:00:00:01")).isEqualTo(activeHigh);
        index.put(activeLow);
        assertThat(index.byClientId(1, "01:aa")).isEqualTo(activeLow);
    }

    @Test
    void replacingALeaseAtTheSameAddressReindexesIt() {
        Lease first = lease("192.0.2.10", "02:00:00:00:00:01", "01:01", T0, 1, 0, "one");
        Lease second = lease("192.0.2.10", "02:00:00:00:00:02", null, T0 + 10, 2, 0, "two");
        assertThat(index.put(first)).isNull();
        assertThat(index.put(second)).isEqualTo(first);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get(ip("192.0.2.10"))).isEqualTo(second);
        assertThat(index.byHwAddress("02:00:00:00:00:01")).isEmpty();
        assertThat(index.byClientId("01:01")).isEmpty();
        assertThat(index.byHostname("one")).isEmpty();
        assertThat(index.bySubnet(1)).isEmpty();
        assertThat(index.byHwAddress("02:00:00:00:00:02")).containsExactly(second);
        assertThat(index.byHostname("two")).containsExactly(second);
        assertThat(index.expired(T0 + 3600 + 1, 0)).isEmpty();
        assertThat(index.expired(T0 + 3600 + 11, 0)).containsExactly(second);
    }

    @Test
    void aLeaseMovingToAnotherHardwareAddressIsFoundOnlyUnderTheNewOne() {
        Lease l = active("192.0.2.10", "02:00:00:00:00:01");
        index.put(l);
        index.put(active("192.0.2.11", "02:00:00:00:00:01"));
        Lease moved = active("192.0.2.10", "02:00:00:00:00:02");
        index.put(moved);
        assertThat(index.byHwAddress("02:00:00:00:00:01")).extracting(Lease::addressText).containsExactly("192.0.2.11");
        assertThat(index.byHwAddress("02:00:00:00:00:02")).containsExactly(moved);
        assertThat(index.byHwAddress(1, "02:00:00:00:00:02")).isEqualTo(moved);
    }

    @Test
    void removalDropsEveryIndexEntry() {
        Lease l = lease("192.0.2.10", "02:00:00:00:00:01", "01:02", T0, 1, 0, "gone");
        index.put(l);
        assertThat(index.remove(ip("192.0.2.10"))).isEqualTo(l);
        assertThat(index.remove(ip("192.0.2.10"))).isNull();
        assertThat(index.size()).isZero();
        assertThat(index.get(l.address())).isNull();
        assertThat(index.byHwAddress("02:00:00:00:00:01")).isEmpty();
        assertThat(index.byClientId("01:02")).isEmpty();
        assertThat(index.byHostname("gone")).isEmpty();
        assertThat(index.bySubnet(1)).isEmpty();
        assertThat(index.expired(Long.MAX_VALUE >> 32, 0)).isEmpty();
        assertThat(index.page(null, 10)).isEmpty();
        assertThat(index.all()).isEmpty();
    }

    @Test
    void aFreedSlotIsReusedWithoutLeakingTheOldLeasesFields() {
        Lease old = new Lease(ip("192.0.2.1"), "02:00:00:00:00:01", "ff:00:00:00:01:00:01:00:01:2c:2d:3e:4f", 3600, T0, 1,
                9, true, true, "old-host", LeaseState.DEFAULT, "{\"k\":1}");
        index.put(old);
        index.remove(old.address());
        Lease fresh = new Lease(ip("198.51.100.1"), "02:00:00:00:00:02", null, 60, T0, 2, 0, false, false, null,
                LeaseState.DEFAULT, null);
        index.put(fresh);
        assertThat(index.get(fresh.address())).isEqualTo(fresh);
        assertThat(index.byHostname("old-host")).isEmpty();
        assertThat(index.byClientId("ff:00:00:00:01:00:01:00:01:2c:2d:3e:4f")).isEmpty();
        // many removals and inserts: the table stays as large as the most leases held at once
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5000; i++) {
                index.put(active("10.0." + (i >> 8) + "." + (i & 255), String.format("02:00:00:00:%02x:%02x", i >> 8, i & 255)));
            }
            for (int i = 0; i < 5000; i++) {
                assertThat(index.remove(ip("10.0." + (i >> 8) + "." + (i & 255)))).isNotNull();
            }
        }
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.all()).containsExactly(fresh);
    }

    @Test
    void pagesWalkAddressesInAscendingUnsignedOrder() {
        String[] addresses = {"255.255.255.255", "128.0.0.1", "127.255.255.255", "0.0.0.0", "10.0.0.64", "10.0.0.63",
            "10.0.0.1", "200.1.2.3", "10.0.1.0"};
        for (int i = 0; i < addresses.length; i++) {
            index.put(active(addresses[i], String.format("02:00:00:00:00:%02x", i)));
        }
        List<String> expected = List.of("0.0.0.0", "10.0.0.1", "10.0.0.63", "10.0.0.64", "10.0.1.0", "127.255.255.255",
                "128.0.0.1", "200.1.2.3", "255.255.255.255");
        assertThat(index.all()).extracting(Lease::addressText).containsExactlyElementsOf(expected);
        List<String> paged = new ArrayList<>();
        Integer after = null;
        List<Lease> page;
        while (!(page = index.page(after, 2)).isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(2);
            page.forEach(l -> paged.add(l.addressText()));
            after = page.get(page.size() - 1).address();
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(index.page(ip("10.0.0.62"), 2)).extracting(Lease::addressText).containsExactly("10.0.0.63", "10.0.0.64");
        assertThat(index.page(ip("128.0.0.0"), 1)).extracting(Lease::addressText).containsExactly("128.0.0.1");
        assertThat(index.page(ip("255.255.255.255"), 5)).isEmpty();
        assertThat(index.page(null, 0)).isEmpty();
    }

    @Test
    void expiredReturnsOldestFirstThenByAddressAndHonoursTheLimit() {
        index.put(lease("192.0.2.3", "02:00:00:00:00:03", null, T0 + 20, 1, LeaseState.DEFAULT, ""));
        index.put(lease("192.0.2.1", "02:00:00:00:00:01", null, T0 + 30, 1, LeaseState.DECLINED, ""));
        index.put(lease("192.0.2.2", "02:00:00:00:00:02", null, T0 + 10, 1, LeaseState.RELEASED, ""));
        index.put(lease("192.0.2.9", "02:00:00:00:00:09", null, T0 + 20, 1, LeaseState.DEFAULT, ""));
        index.put(lease("192.0.2.5", "02:00:00:00:00:05", null, T0, 1, LeaseState.EXPIRED_RECLAIMED, ""));
        index.put(lease("192.0.2.6", "02:00:00:00:00:06", null, T0, 1, LeaseState.REGISTERED, ""));
        long afterAll = T0 + 3600 + 31;
        assertThat(index.expired(afterAll, 0)).extracting(Lease::addressText)
                .containsExactly("192.0.2.2", "192.0.2.3", "192.0.2.9", "192.0.2.1");
        assertThat(index.expired(afterAll, 2)).extracting(Lease::addressText).containsExactly("192.0.2.2", "192.0.2.3");
        // strictly before now: a lease expiring at now is not expired yet
        assertThat(index.expired(T0 + 3600 + 20, 0)).extracting(Lease::addressText).containsExactly("192.0.2.2");
        assertThat(index.reclaimedBefore(afterAll, 0)).extracting(Lease::addressText).containsExactly("192.0.2.5");
        assertThat(index.reclaimedBefore(T0 + 3600, 0)).isEmpty();
        // reclaiming moves a lease from one queue to the other
        index.put(lease("192.0.2.2", "02:00:00:00:00:02", null, T0 + 10, 1, LeaseState.EXPIRED_RECLAIMED, ""));
        assertThat(index.expired(afterAll, 0)).extracting(Lease::addressText).doesNotContain("192.0.2.2");
        assertThat(index.reclaimedBefore(afterAll, 0)).extracting(Lease::addressText).containsExactly("192.0.2.5", "192.0.2.2");
    }

    @Test
    void tellsTheListenerOfEveryChange() {
        List<String> seen = new ArrayList<>();
        index.listener((b, a) -> seen.add((b == null ? "-" : b.hostname()) + ">" + (a == null ? "-" : a.hostname())));
        index.put(lease("192.0.2.1", "02:00:00:00:00:01", null, T0, 1, 0, "a"));
        index.put(lease("192.0.2.1", "02:00:00:00:00:01", null, T0, 1, 0, "b"));
        index.remove(ip("192.0.2.1"));
        index.remove(ip("192.0.2.1"));
        assertThat(seen).containsExactly("->a", "a>b", "b>-");
    }

    @Test
    void copyIsIndependentOfLaterChanges() {
        Lease a = lease("192.0.2.1", "02:00:00:00:00:01", "01:aa", T0, 1, 0, "a");
        index.put(a);
        LeaseIndex copy = index.copy();
        index.remove(a.address());
        index.put(active("192.0.2.2", "02:00:00:00:00:02"));
        assertThat(copy.all()).containsExactly(a);
        assertThat(copy.byClientId("01:aa")).containsExactly(a);
        copy.put(active("192.0.2.3", "02:00:00:00:00:03"));
        assertThat(index.get(ip("192.0.2.3"))).isNull();
    }

    @Test
    void iterationFailsWhenTheIndexChangesUnderIt() {
        index.put(active("192.0.2.1", "02:00:00:00:00:01"));
        index.put(active("192.0.2.2", "02:00:00:00:00:02"));
        Iterator<Lease> it = index.all().iterator();
        it.next();
        index.remove(ip("192.0.2.2"));
        assertThatThrownBy(it::hasNext).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void clearEmptiesEverything() {
        index.put(lease("192.0.2.1", "02:00:00:00:00:01", "01:aa", T0, 1, 0, "a"));
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.all()).isEmpty();
        assertThat(index.byHostname("a")).isEmpty();
        assertThat(index.expired(Long.MAX_VALUE >> 32, 0)).isEmpty();
        Lease b = active("192.0.2.1", "02:00:00:00:00:01");
        index.put(b);
        assertThat(index.byHwAddress("02:00:00:00:00:01")).containsExactly(b);
    }

    /**
     * Random puts and removals over a small address space (so replacements and reuse are
     * frequent), each lookup compared with plain maps after every few steps.
     */
    @Test
    void agreesWithAPlainModelUnderRandomChanges() {
        Random random = new Random(42);
        TreeMap<Long, Lease> model = new TreeMap<>();
        String[] hws = new String[40];
        for (int i = 0; i < hws.length; i++) {
            hws[i] = i % 13 == 0 ? "" : String.format("02:00:00:00:%02x:%02x", i / 7, i % 7);
        }
        String[] cids = {null, null, "01:aa", "01:bb", "ff:00:00:00:01:00:01:00:01:2c:2d:3e:4f:00", "Odd Id", ""};
        String[] hosts = {"", "", null, "a.example", "A.Example", "b.example", "ü.example"};
        for (int step = 0; step < 30_000; step++) {
            int address = (random.nextBoolean() ? 0x0A000000 : 0xC0000200) + random.nextInt(300);
            if (random.nextInt(4) == 0) {
                Lease removed = index.remove(address);
                assertThat(removed).isEqualTo(model.remove(Integer.toUnsignedLong(address)));
            } else {
                String hw = hws[random.nextInt(hws.length)];
                String cid = cids[random.nextInt(cids.length)];
                if (random.nextInt(3) == 0 && !hw.isEmpty()) {
                    cid = "01:" + hw; // what most clients send
                }
                Lease l = new Lease(address, hw, cid, random.nextInt(3) == 0 ? Lease.INFINITE : 100 + random.nextInt(50),
                        T0 + random.nextInt(100), 1 + random.nextInt(3), random.nextInt(3), random.nextBoolean(),
                        random.nextBoolean(), hosts[random.nextInt(hosts.length)], random.nextInt(5),
                        random.nextInt(10) == 0 ? "{\"n\":" + step + "}" : null);
                Lease old = index.put(l);
                assertThat(old).isEqualTo(model.put(Integer.toUnsignedLong(address), l));
            }
            if (step % 500 == 0 || step == 29_999) {
                compare(model, random);
            }
        }
    }

    private void compare(TreeMap<Long, Lease> model, Random random) {
        List<Lease> all = new ArrayList<>(model.values());
        assertThat(index.size()).isEqualTo(model.size());
        assertThat(index.all()).containsExactlyElementsOf(all);
        Comparator<Lease> byAddress = (x, y) -> Integer.compareUnsigned(x.address(), y.address());
        for (Lease probe : all.subList(0, Math.min(all.size(), 25))) {
            if (probe.hwAddress() != null && !probe.hwAddress().isEmpty()) {
                assertThat(index.byHwAddress(probe.hwAddress())).containsExactlyElementsOf(
                        all.stream().filter(l -> probe.hwAddress().equals(l.hwAddress())).sorted(byAddress).toList());
                assertThat(index.byHwAddress(probe.subnetId(), probe.hwAddress())).isEqualTo(best(all.stream()
                        .filter(l -> probe.hwAddress().equals(l.hwAddress()) && l.subnetId() == probe.subnetId()).toList()));
            }
            if (probe.clientId() != null) {
                assertThat(index.byClientId(probe.clientId())).containsExactlyElementsOf(
                        all.stream().filter(l -> probe.clientId().equals(l.clientId())).toList());
                assertThat(index.byClientId(probe.subnetId(), probe.clientId())).isEqualTo(best(all.stream()
                        .filter(l -> probe.clientId().equals(l.clientId()) && l.subnetId() == probe.subnetId()).toList()));
            }
            if (probe.hostname() != null && !probe.hostname().isEmpty()) {
                String key = probe.hostname().toLowerCase(Locale.ROOT);
                assertThat(index.byHostname(probe.hostname().toUpperCase(Locale.ROOT))).containsExactlyElementsOf(all.stream()
                        .filter(l -> l.hostname() != null && l.hostname().toLowerCase(Locale.ROOT).equals(key)).toList());
            }
        }
        for (long subnet = 1; subnet <= 3; subnet++) {
            long s = subnet;
            assertThat(index.bySubnet(subnet)).containsExactlyElementsOf(all.stream().filter(l -> l.subnetId() == s).toList());
        }
        long now = T0 + 100 + random.nextInt(200);
        List<Lease> expected = all.stream()
                .filter(l -> !l.infinite() && l.awaitsReclamation() && l.expire() < now)
                .sorted(Comparator.comparingLong(Lease::expire).thenComparing(byAddress)).toList();
        assertThat(index.expired(now, 0)).containsExactlyElementsOf(expected);
        assertThat(index.expired(now, 3)).containsExactlyElementsOf(expected.subList(0, Math.min(3, expected.size())));
        assertThat(index.reclaimedBefore(now, 0)).containsExactlyElementsOf(all.stream()
                .filter(l -> !l.infinite() && l.state() == LeaseState.EXPIRED_RECLAIMED && l.expire() < now)
                .sorted(Comparator.comparingLong(Lease::expire).thenComparing(byAddress)).toList());
        int from = all.isEmpty() ? 0 : random.nextInt(all.size());
        Integer after = all.isEmpty() ? null : all.get(from).address();
        assertThat(index.page(after, 7)).containsExactlyElementsOf(all.subList(Math.min(all.size(), from + 1),
                Math.min(all.size(), from + 8)));
    }

    /** The model of byHwAddress(subnet, hw): an active lease first, then the lowest address. */
    private static Lease best(List<Lease> candidates) {
        return candidates.stream()
                .min(Comparator.<Lease>comparingInt(l -> l.state() == LeaseState.DEFAULT ? 0 : 1)
                        .thenComparing((x, y) -> Integer.compareUnsigned(x.address(), y.address())))
                .orElse(null);
    }

    @Test
    void keepsTheClttOrderThroughRenewalsAndDeletes() {
        LeaseIndex index = new LeaseIndex();
        index.put(lease("192.0.2.12", "02:00:00:00:00:12", null, 300, 1, 0, ""));
        index.put(lease("192.0.2.10", "02:00:00:00:00:10", null, 100, 1, 0, ""));
        index.put(lease("192.0.2.11", "02:00:00:00:00:11", null, 100, 1, 0, ""));
        assertThat(index.changedSince(0, null, 10)).extracting(Lease::addressText)
                .containsExactly("192.0.2.10", "192.0.2.11", "192.0.2.12");
        index.put(lease("192.0.2.10", "02:00:00:00:00:10", null, 400, 1, 0, ""));
        index.remove(ip("192.0.2.11"));
        assertThat(index.changedSince(100, ip("192.0.2.10"), 10)).extracting(Lease::addressText)
                .containsExactly("192.0.2.12", "192.0.2.10");
        assertThat(index.changedSince(300, null, 1)).extracting(Lease::addressText).containsExactly("192.0.2.12");
        assertThat(index.copy().changedSince(0, null, 10)).hasSize(2);
        index.clear();
        assertThat(index.changedSince(0, null, 10)).isEmpty();
    }
}
