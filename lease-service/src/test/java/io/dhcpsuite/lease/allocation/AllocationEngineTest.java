package io.dhcpsuite.lease.allocation;

import io.dhcpsuite.lease.store.LeaseView;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.DECLINE;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.OFFER;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.RELEASE;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.REQUEST;
import static io.dhcpsuite.lease.TestSupport.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.api.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AllocationEngineTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final AllocationEngine engine = TestSupport.engine(TestSupport.config(), clock);

    private LeaseResult4 one(LeaseOp4 op) {
        return engine.apply(List.of(op)).results().get(0);
    }

    private String ip(LeaseResult4 r) {
        return r.lease().ipAddress();
    }

    @Test
    void offersReservedAddressToKnownClient() {
        LeaseResult4 r = one(op(OFFER, "aa:00:00:00:00:50", null, false, "192.0.2.50", List.of(1L), List.of()));
        assertThat(r.status()).isEqualTo(Status.ASSIGNED);
        assertThat(ip(r)).isEqualTo("192.0.2.50");
        LeaseResult4 ack = one(op(REQUEST, "aa:00:00:00:00:50", "192.0.2.50", true, "192.0.2.50", List.of(1L), List.of()));
        assertThat(ack.status()).isEqualTo(Status.ASSIGNED);
    }

    @Test
    void neverGivesReservedAddressToAnotherClient() {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 9; i++) {
            LeaseResult4 r = one(op(REQUEST, String.format("02:00:00:00:00:%02x", i), null, false));
            assertThat(r.status()).isEqualTo(Status.ASSIGNED);
            seen.add(ip(r));
        }
        assertThat(seen).doesNotContain("192.0.2.15").hasSize(9);
        // the pool has 10 addresses, one reserved: the tenth client gets nothing in subnet 1
        assertThat(one(op(REQUEST, "02:00:00:00:00:99", null, false)).status()).isEqualTo(Status.NO_ADDRESS);
        assertThat(one(op(REQUEST, "02:00:00:00:00:98", "192.0.2.15", true)).status()).isEqualTo(Status.NAK);
        assertThat(engine.stats().statistics().value("v4-allocation-fail")).isEqualTo(1);
    }

    @Test
    void sameClientGetsItsLeaseBack() {
        LeaseResult4 first = one(op(REQUEST, "02:00:00:00:00:01", null, false));
        LeaseResult4 offer = one(op(OFFER, "02:00:00:00:00:01", null, false));
        assertThat(ip(offer)).isEqualTo(ip(first));
        assertThat(offer.reused()).isTrue();
        LeaseResult4 renew = one(op(REQUEST, "02:00:00:00:00:01", ip(first), true));
        assertThat(renew.status()).isEqualTo(Status.ASSIGNED);
        assertThat(renew.reused()).isTrue();
        assertThat(engine.stats().statistics().value("cumulative-assigned-addresses")).isEqualTo(1);
        assertThat(engine.stats().statistics().value("subnet[1].assigned-addresses")).isEqualTo(1);
    }

    @Test
    void givesTheRequestedAddressWhenFree() {
        assertThat(ip(one(op(OFFER, "02:00:00:00:00:01", "192.0.2.17", false)))).isEqualTo("192.0.2.17");
    }

    @Test
    void offerHoldsTheAddressAgainstOtherClients() {
        LeaseResult4 a = one(op(OFFER, "02:00:00:00:00:01", null, false));
        LeaseResult4 b = one(op(OFFER, "02:00:00:00:00:02", ip(a), false));
        assertThat(ip(b)).isNotEqualTo(ip(a));
        assertThat(one(op(REQUEST, "02:00:00:00:00:02", ip(a), true)).status()).isEqualTo(Status.NAK);
        clock.advance(AllocationEngine.OFFER_HOLD.plusSeconds(1));
        assertThat(one(op(REQUEST, "02:00:00:00:00:02", ip(a), true)).status()).isEqualTo(Status.ASSIGNED);
    }

    /** A DISCOVER flood from new clients holds every free address; a real client still gets an offer. */
    @Test
    void aClientFindingEveryAddressHeldTakesTheOldestOffer() {
        List<String> offered = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            offered.add(ip(one(op(OFFER, String.format("02:00:00:00:00:%02x", i), null, false))));
        }
        assertThat(engine.heldOffers()).isEqualTo(9);

        LeaseResult4 real = one(op(OFFER, "02:00:00:00:00:99", null, false));
        assertThat(real.status()).isEqualTo(Status.ASSIGNED);
        assertThat(ip(real)).as("the oldest hold").isEqualTo(offered.get(0));
        assertThat(engine.offersTaken()).isEqualTo(1);
        assertThat(one(op(REQUEST, "02:00:00:00:00:99", ip(real), true)).status()).isEqualTo(Status.ASSIGNED);
        assertThat(one(op(REQUEST, "02:00:00:00:00:00", offered.get(0), true)).status())
                .as("the flooder whose offer was taken").isEqualTo(Status.NAK);
        assertThat(engine.heldOffers()).isEqualTo(8);
    }

    @Test
    void naksAddressHeldByAnotherClient() {
        LeaseResult4 a = one(op(REQUEST, "02:00:00:00:00:01", null, false));
        LeaseResult4 r = one(op(REQUEST, "02:00:00:00:00:02", ip(a), true));
        assertThat(r.status()).isEqualTo(Status.NAK);
    }

    @Test
    void naksAddressOutsideTheClientsSubnets() {
        assertThat(one(op(REQUEST, "02:00:00:00:00:01", "10.0.0.1", true)).status()).isEqualTo(Status.NAK);
    }

    @Test
    void allocatesUnknownInitRebootAddressWhenFreeInSubnet() {
        LeaseResult4 r = one(op(REQUEST, "02:00:00:00:00:01", "192.0.2.18", true));
        assertThat(r.status()).isEqualTo(Status.ASSIGNED);
        assertThat(ip(r)).isEqualTo("192.0.2.18");
    }

    @Test
    void naksClientWithReservationAskingForAnotherAddress() {
        LeaseResult4 r = one(op(REQUEST, "aa:00:00:00:00:50", "192.0.2.11", true, "192.0.2.50", List.of(1L), List.of()));
        assertThat(r.status()).isEqualTo(Status.NAK);
    }

    @Test
    void poolClassGuardKeepsOtherClientsOut() {
        assertThat(one(op(REQUEST, "02:00:00:00:00:01", "192.0.2.100", true)).status()).isEqualTo(Status.NAK);
        LeaseResult4 gold = one(op(REQUEST, "02:00:00:00:00:01", "192.0.2.100", true, null, List.of(1L), List.of("gold")));
        assertThat(gold.status()).isEqualTo(Status.ASSIGNED);
    }

    @Test
    void sharedNetworkTriesTheNextSubnet() {
        for (int i = 0; i < 9; i++) {
            one(op(REQUEST, String.format("02:00:00:00:00:%02x", i), null, false, null, List.of(1L, 2L), List.of()));
        }
        LeaseResult4 r = one(op(REQUEST, "02:00:00:00:00:77", null, false, null, List.of(1L, 2L), List.of()));
        assertThat(ip(r)).startsWith("198.51.100.");
        assertThat(r.lease().subnetId()).isEqualTo(2);
    }

    @Test
    void skipsDeclinedAddressUntilProbationEnds() {
        LeaseResult4 a = one(op(REQUEST, "02:00:00:00:00:01", "192.0.2.10", true));
        LeaseResult4 d = one(op(DECLINE, "02:00:00:00:00:01", ip(a), false));
        assertThat(d.status()).isEqualTo(Status.DECLINED);
        assertThat(d.lease().state()).isEqualTo(LeaseState.DECLINED);
        assertThat(d.lease().hwAddress()).isEmpty();
        assertThat(d.lease().validLft()).isEqualTo(600);
        assertThat(engine.stats().statistics().value("declined-addresses")).isEqualTo(1);
        assertThat(one(op(REQUEST, "02:00:00:00:00:02", "192.0.2.10", true)).status()).isEqualTo(Status.NAK);
        clock.advance(Duration.ofSeconds(601));
        assertThat(ip(one(op(REQUEST, "02:00:00:00:00:02", "192.0.2.10", true)))).isEqualTo("192.0.2.10");
        assertThat(engine.stats().statistics().value("declined-addresses")).isZero();
    }

    @Test
    void reusesExpiredLeaseOfAnotherClient() {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            taken.add(ip(one(op(REQUEST, String.format("02:00:00:00:00:%02x", i), null, false))));
        }
        clock.advance(Duration.ofSeconds(3601));
        LeaseResult4 r = one(op(REQUEST, "02:00:00:00:00:99", null, false));
        assertThat(r.status()).isEqualTo(Status.ASSIGNED);
        assertThat(taken).contains(ip(r));
        assertThat(engine.stats().statistics().value("reclaimed-leases")).isEqualTo(1);
    }

    @Test
    void releaseByOwnerFreesTheAddressAndByOthersIsIgnored() {
        LeaseResult4 a = one(op(REQUEST, "02:00:00:00:00:01", null, false));
        assertThat(one(op(RELEASE, "02:00:00:00:00:02", ip(a), false)).status()).isEqualTo(Status.IGNORED);
        assertThat(one(op(RELEASE, "02:00:00:00:00:01", ip(a), false)).status()).isEqualTo(Status.RELEASED);
        assertThat(engine.stats().statistics().value("subnet[1].assigned-addresses")).isZero();
        assertThat(one(op(REQUEST, "02:00:00:00:00:02", ip(a), true)).status()).isEqualTo(Status.ASSIGNED);
    }

    @Test
    void clientIdIdentifiesTheClientWhenMatchClientIdIsOn() {
        LeaseOp4 first = new LeaseOp4(1, REQUEST, List.of(1L), 1, "02:00:00:00:00:01", "01:02", true, null, false, null, 0,
                List.of(), 3600, null, false, false);
        LeaseResult4 a = one(first);
        LeaseOp4 newNic = new LeaseOp4(2, OFFER, List.of(1L), 1, "02:00:00:00:00:ff", "01:02", true, null, false, null, 0,
                List.of(), 3600, null, false, false);
        assertThat(ip(one(newNic))).isEqualTo(ip(a));
    }

    @Test
    void concurrentClientsNeverShareAnAddress() throws Exception {
        var cfg = TestSupport.config("""
                {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "10.0.0.0/16", "pools": [{"pool": "10.0.0.1 - 10.0.39.16"}]}]}}""");
        AllocationEngine big = TestSupport.engine(cfg, clock);
        Set<String> addresses = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int dup = 0;
                for (int i = 0; i < 1000; i++) {
                    String hw = String.format("02:00:00:%02x:%02x:%02x", thread, i >> 8, i & 0xff);
                    LeaseResult4 offer = big.apply(List.of(op(OFFER, hw, null, false))).results().get(0);
                    LeaseResult4 ack = big.apply(List.of(op(REQUEST, hw, offer.lease().ipAddress(), true))).results().get(0);
                    assertThat(ack.status()).isEqualTo(Status.ASSIGNED);
                    if (!addresses.add(ack.lease().ipAddress())) {
                        dup++;
                    }
                }
                return dup;
            }));
        }
        int dups = 0;
        for (Future<Integer> f : futures) {
            dups += f.get();
        }
        pool.shutdown();
        assertThat(dups).isZero();
        assertThat(addresses).hasSize(8000);
        assertThat(big.store().read((LeaseView v) -> v.size())).isEqualTo(8000);
    }
}
