package io.dhcpsuite.lease.v6;

import static io.dhcpsuite.lease.v6.V6Support.duid;
import static io.dhcpsuite.lease.v6.V6Support.na;
import static io.dhcpsuite.lease.v6.V6Support.op;
import static io.dhcpsuite.lease.v6.V6Support.pd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.lease.LeaseResult6.IaResult;
import io.dhcpsuite.api.lease.LeaseResult6.IaStatus;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.api.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kea's v6 allocation and status decisions, on the engine alone. */
class Allocation6EngineTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final Allocation6Engine engine = V6Support.engine(V6Support.config(), clock);

    LeaseResult6 run(LeaseOp6 op) {
        Allocation6Engine.BatchOutcome out = engine.apply(List.of(op));
        assertThat(out.durable()).isDone();
        LeaseResult6 r = out.results().get(0);
        assertThat(r.status()).isEqualTo(LeaseResult6.Status.OK);
        return r;
    }

    IaResult ia(LeaseOp6 op) {
        return run(op).ias().get(0);
    }

    int size() {
        Integer n = engine.store().read(Lease6Index::size);
        return n;
    }

    Lease6 lease(Lease6Key k) {
        return engine.store().read(i -> i.get(k));
    }

    List<Lease6> binding(String duid, long iaid) {
        return engine.store().read(i -> i.binding(duid, iaid, Lease6Key.NA, 1));
    }

    long stat(String name) {
        return engine.stats().statistics().value(name);
    }

    @Test
    void advertiseHoldsWithoutStoringAndRequestCommitsTheAdvertisedAddress() {
        LeaseResult6 adv = run(op(Kind.ADVERTISE, duid(1), List.of(1L), na(7), pd(8)));
        assertThat(adv.ias()).extracting(IaResult::status).containsExactly(IaStatus.SUCCESS, IaStatus.SUCCESS);
        Lease6 addr = adv.ias().get(0).leases().get(0);
        Lease6 prefix = adv.ias().get(1).leases().get(0);
        assertThat(addr.ipAddress()).isEqualTo("2001:db8:1::10");
        assertThat(addr.preferredLft()).isEqualTo(3000);
        assertThat(addr.validLft()).isEqualTo(4000);
        assertThat(prefix.ipAddress()).isEqualTo("2001:db8:8::");
        assertThat(prefix.prefixLen()).isEqualTo(56);
        assertThat(prefix.type()).isEqualTo("IA_PD");
        assertThat(size()).isZero();
        assertThat(engine.heldAdvertises()).isEqualTo(2);
        // another client is not advertised the held ones
        LeaseResult6 other = run(op(Kind.ADVERTISE, duid(2), List.of(1L), na(7), pd(8)));
        assertThat(other.ias().get(0).leases().get(0).ipAddress()).isEqualTo("2001:db8:1::11");
        assertThat(other.ias().get(1).leases().get(0).ipAddress()).isEqualTo("2001:db8:8:100::");
        // REQUEST without hints gets what was advertised, durably
        LeaseResult6 req = run(op(Kind.ASSIGN, duid(1), List.of(1L), na(7), pd(8)));
        assertThat(req.ias().get(0).leases().get(0).ipAddress()).isEqualTo("2001:db8:1::10");
        assertThat(req.ias().get(1).leases().get(0).ipAddress()).isEqualTo("2001:db8:8::");
        assertThat(size()).isEqualTo(2);
        assertThat(stat("subnet[1].assigned-nas")).isEqualTo(1);
        assertThat(stat("subnet[1].assigned-pds")).isEqualTo(1);
        assertThat(stat("cumulative-assigned-nas")).isEqualTo(1);
        assertThat(stat("subnet[1].total-nas")).isEqualTo(5);
        assertThat(stat("subnet[1].total-pds")).isEqualTo(256);
    }

    /**
     * A flood of SOLICITs from new DUIDs holds every address of a small pool for 30 s; a client
     * that then finds none free takes the oldest advertise of another IA, and that IA's REQUEST
     * gets another address or NoAddrsAvail, never the taken one (found by Flood6IT's design).
     */
    @Test
    void aClientFindingEveryAddressAdvertisedTakesTheOldestAdvertise() {
        List<String> advertised = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            advertised.add(ia(op(Kind.ADVERTISE, duid(i), List.of(1L), na(1))).leases().get(0).ipAddress());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(advertised).containsExactly("2001:db8:1::10", "2001:db8:1::11", "2001:db8:1::13");
        IaResult real = ia(op(Kind.ADVERTISE, duid(4), List.of(1L), na(1)));
        assertThat(real.status()).isEqualTo(IaStatus.SUCCESS);
        assertThat(real.leases().get(0).ipAddress()).as("the oldest advertise").isEqualTo("2001:db8:1::10");
        assertThat(ia(op(Kind.ASSIGN, duid(4), List.of(1L), na(1))).leases().get(0).ipAddress())
                .isEqualTo("2001:db8:1::10");
        // the first flooder's REQUEST: its address is another client's lease now, the others are held
        IaResult flooder = ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1)));
        assertThat(flooder.leases()).extracting(Lease6::ipAddress).doesNotContain("2001:db8:1::10");
    }

    @Test
    void hintInPoolIsGivenAndOffLinkHintIsIgnoredOnRequest() {
        assertThat(ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1, "2001:db8:1::13"))).leases().get(0).ipAddress())
                .isEqualTo("2001:db8:1::13");
        IaResult offLink = ia(op(Kind.ASSIGN, duid(2), List.of(1L), na(1, "2001:db8:77::1")));
        assertThat(offLink.status()).isEqualTo(IaStatus.SUCCESS);
        assertThat(offLink.leases().get(0).ipAddress()).isEqualTo("2001:db8:1::10");
        // a prefix hint of another length than the pool's delegated-len still gets a /56
        IaResult p = ia(op(Kind.ASSIGN, duid(3), List.of(1L), pd(1, new LeaseOp6.Prefix("::", 60))));
        assertThat(p.leases().get(0).prefixLen()).isEqualTo(56);
    }

    @Test
    void poolsRunOutWithNoAddrsAvailAndNoPrefixAvail() {
        List<String> got = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            got.add(ia(op(Kind.ASSIGN, duid(i), List.of(1L), na(1))).leases().get(0).ipAddress());
        }
        // ::12 is reserved for another client and the gold pool needs the class
        assertThat(got).containsExactly("2001:db8:1::10", "2001:db8:1::11", "2001:db8:1::13");
        IaResult none = ia(op(Kind.ASSIGN, duid(4), List.of(1L), na(1)));
        assertThat(none.status()).isEqualTo(IaStatus.NO_ADDRS_AVAIL);
        assertThat(none.leases()).isEmpty();
        assertThat(stat("v6-allocation-fail")).isEqualTo(1);
        assertThat(stat("subnet[1].v6-allocation-fail-subnet")).isEqualTo(1);
        LeaseOp6 gold = new LeaseOp6(1, Kind.ASSIGN, List.of(1L), duid(4), null, List.of(na(1)), List.of("gold"), null,
                false, false);
        assertThat(ia(gold).leases().get(0).ipAddress()).isEqualTo("2001:db8:1::100");

        for (int i = 1; i <= 4; i++) {
            IaResult r = ia(op(Kind.ASSIGN, duid(i), List.of(2L), pd(1)));
            assertThat(r.status()).isEqualTo(IaStatus.SUCCESS);
            assertThat(r.leases().get(0).prefixLen()).isEqualTo(64);
        }
        assertThat(ia(op(Kind.ASSIGN, duid(5), List.of(2L), pd(1))).status()).isEqualTo(IaStatus.NO_PREFIX_AVAIL);
        // no address pool in subnet 2
        assertThat(ia(op(Kind.ASSIGN, duid(5), List.of(2L), na(1))).status()).isEqualTo(IaStatus.NO_ADDRS_AVAIL);
        assertThat(stat("subnet[2].v6-allocation-fail-no-pools")).isEqualTo(1);
    }

    @Test
    void reservationIsGivenToItsClientOnly() {
        LeaseOp6.Ia reserved = new LeaseOp6.Ia("IA_NA", 1, List.of(), List.of(new LeaseOp6.Prefix("2001:db8:1::12", 128)),
                1, 0, 0);
        LeaseOp6.Ia reservedPd = new LeaseOp6.Ia("IA_PD", 2, List.of(),
                List.of(new LeaseOp6.Prefix("2001:db8:8:ff00::", 56)), 1, 0, 0);
        LeaseResult6 r = run(op(Kind.ASSIGN, "01:02:03:04:05:06:07:99", List.of(1L), reserved, reservedPd));
        assertThat(r.ias().get(0).leases().get(0).ipAddress()).isEqualTo("2001:db8:1::12");
        assertThat(r.ias().get(1).leases().get(0).ipAddress()).isEqualTo("2001:db8:8:ff00::");
        // a hint of the reserved address by another client is not honoured
        assertThat(ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1, "2001:db8:1::12"))).leases().get(0).ipAddress())
                .isEqualTo("2001:db8:1::10");
    }

    /**
     * Kea's "Conflicts in DHCPv6 Reservations": an address and a prefix reserved for client A while
     * client B holds them. A gets others meanwhile; B's renewal takes them away (lifetimes 0) and
     * gives B new ones; A's next renewal gets the reserved ones and gives back what it had.
     */
    @Test
    void reservationConflictsResolveAtRenewalAsKea() {
        String a = "01:02:03:04:05:06:07:99";
        String b = duid(5);
        Allocation6Engine e = V6Support.engine(V6Support.config(V6Support.CONFIG.replaceAll(
                "(?s),\\s*\"reservations\": \\[.*?\\] \\} \\]", "")), clock);
        assertThat(e.config().subnet(1).reservations()).isEmpty();
        // B leases the address and the prefix before they are reserved
        LeaseResult6 got = e.apply(List.of(op(Kind.ASSIGN, b, List.of(1L), na(1, "2001:db8:1::12"),
                pd(2, new LeaseOp6.Prefix("2001:db8:8:ff00::", 56))))).results().get(0);
        assertThat(got.ias().get(0).leases().get(0).ipAddress()).isEqualTo("2001:db8:1::12");
        assertThat(got.ias().get(1).leases().get(0).ipAddress()).isEqualTo("2001:db8:8:ff00::");
        // then reserved for A (config-set)
        e.reconfigure(V6Support.config());
        LeaseOp6.Ia reservedNa = new LeaseOp6.Ia("IA_NA", 1, List.of(), List.of(new LeaseOp6.Prefix("2001:db8:1::12", 128)),
                1, 0, 0);
        LeaseOp6.Ia reservedPd = new LeaseOp6.Ia("IA_PD", 2, List.of(),
                List.of(new LeaseOp6.Prefix("2001:db8:8:ff00::", 56)), 1, 0, 0);
        // A meanwhile gets others
        LeaseResult6 aFirst = e.apply(List.of(op(Kind.ASSIGN, a, List.of(1L), reservedNa, reservedPd))).results().get(0);
        String aAddress = aFirst.ias().get(0).leases().get(0).ipAddress();
        String aPrefix = aFirst.ias().get(1).leases().get(0).ipAddress();
        assertThat(aAddress).isNotEqualTo("2001:db8:1::12");
        assertThat(aPrefix).isNotEqualTo("2001:db8:8:ff00::");
        // B renews: the reserved ones come back with lifetimes 0, B gets new ones
        LeaseResult6 bRenew = e.apply(List.of(op(Kind.RENEW, b, List.of(1L), na(1, "2001:db8:1::12"),
                pd(2, new LeaseOp6.Prefix("2001:db8:8:ff00::", 56))))).results().get(0);
        for (IaResult r : bRenew.ias()) {
            assertThat(r.status()).isEqualTo(IaStatus.SUCCESS);
            assertThat(r.leases()).hasSize(2);
            assertThat(r.leases().get(0).ipAddress()).isNotIn("2001:db8:1::12", "2001:db8:8:ff00::", aAddress, aPrefix);
            assertThat(r.leases().get(0).validLft()).isPositive();
            assertThat(r.leases().get(1).ipAddress()).isIn("2001:db8:1::12", "2001:db8:8:ff00::");
            assertThat(r.leases().get(1).validLft()).isZero();
        }
        Lease6Key reservedKey = new Lease6Key(io.dhcpsuite.config.Prefix6.address("2001:db8:1::12"), Lease6Key.NA);
        Lease6 free = e.store().read((Lease6Index i) -> i.get(reservedKey));
        assertThat(free).isNull();
        // A renews what it has: it gets the reserved ones and gives back the others
        LeaseResult6 aRenew = e.apply(List.of(op(Kind.RENEW, a, List.of(1L),
                new LeaseOp6.Ia("IA_NA", 1, List.of(new LeaseOp6.Prefix(aAddress, 128)), reservedNa.reserved(), 1, 0, 0),
                new LeaseOp6.Ia("IA_PD", 2, List.of(new LeaseOp6.Prefix(aPrefix, 56)), reservedPd.reserved(), 1, 0, 0))))
                .results().get(0);
        assertThat(aRenew.ias().get(0).leases()).extracting(Lease6::ipAddress).containsExactly("2001:db8:1::12", aAddress);
        assertThat(aRenew.ias().get(0).leases().get(1).validLft()).isZero();
        assertThat(aRenew.ias().get(1).leases()).extracting(Lease6::ipAddress).containsExactly("2001:db8:8:ff00::", aPrefix);
        assertThat(aRenew.ias().get(1).leases().get(1).validLft()).isZero();
        Lease6 taken = e.store().read((Lease6Index i) -> i.get(reservedKey));
        assertThat(taken.duid()).isEqualTo(a);
    }

    @Test
    void aHostsDatabaseReservationIsKeptFromOtherClientsFromTheNextOperation() {
        java.math.BigInteger first = io.dhcpsuite.config.Prefix6.address("2001:db8:1::10");
        io.dhcpsuite.config.Reservation6 host = new io.dhcpsuite.config.Reservation6(duid(9), null, null,
                List.of(first), List.of(), null, List.of(), List.of());
        java.util.Map<Lease6Key, List<io.dhcpsuite.config.Reservation6>> db = new java.util.concurrent.ConcurrentHashMap<>();
        engine.useHostDatabases(k -> db.getOrDefault(k, List.of()));
        // (without it, a hint in the pool is honoured: hintInPoolIsGivenAndOffLinkHintIsIgnoredOnRequest)
        db.put(new Lease6Key(first, Lease6Key.NA), List.of(host));
        // another client is not given it, even as a hint; its own client is
        assertThat(ia(op(Kind.ASSIGN, duid(2), List.of(1L), na(1, "2001:db8:1::10"))).leases().get(0).ipAddress())
                .isEqualTo("2001:db8:1::11");
        assertThat(ia(op(Kind.ASSIGN, duid(9), List.of(1L), na(1, "2001:db8:1::10"))).leases().get(0).ipAddress())
                .isEqualTo("2001:db8:1::10");
    }

    @Test
    void renewExtendsAndRenewOfUnknownBindingAllocatesAsKea() {
        Lease6 first = ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1))).leases().get(0);
        clock.advance(Duration.ofSeconds(100));
        IaResult renewed = ia(op(Kind.RENEW, duid(1), List.of(1L), na(1, first.ipAddress())));
        assertThat(renewed.status()).isEqualTo(IaStatus.SUCCESS);
        assertThat(renewed.leases()).hasSize(1);
        assertThat(renewed.leases().get(0).ipAddress()).isEqualTo(first.ipAddress());
        assertThat(renewed.leases().get(0).cltt()).isEqualTo(first.cltt() + 100);
        assertThat(stat("cumulative-assigned-nas")).isEqualTo(1);

        // RENEW of an IA the server has no lease for, with an off-link address: a new lease, and the
        // client's address back with lifetimes 0 (RFC 8415 18.3.4, Kea's extendIA_NA)
        IaResult unknown = ia(op(Kind.REBIND, duid(2), List.of(1L), na(5, "2001:db8:77::5")));
        assertThat(unknown.status()).isEqualTo(IaStatus.SUCCESS);
        assertThat(unknown.leases()).extracting(Lease6::ipAddress).containsExactly("2001:db8:1::11", "2001:db8:77::5");
        assertThat(unknown.leases().get(1).validLft()).isZero();
        assertThat(unknown.leases().get(1).preferredLft()).isZero();

        // no subnet selected: NoBinding
        assertThat(ia(op(Kind.RENEW, duid(1), List.of(), na(1, first.ipAddress()))).status()).isEqualTo(IaStatus.NO_BINDING);
        // nothing left to give: NoAddrsAvail
        ia(op(Kind.ASSIGN, duid(3), List.of(1L), na(1)));
        assertThat(ia(op(Kind.RENEW, duid(4), List.of(1L), na(1, "2001:db8:1::10"))).status()).isEqualTo(IaStatus.NO_ADDRS_AVAIL);
    }

    @Test
    void releaseAndDeclineNeedTheBinding() {
        Lease6 mine = ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1))).leases().get(0);
        assertThat(ia(op(Kind.RELEASE, duid(2), List.of(1L), na(1, mine.ipAddress()))).status()).isEqualTo(IaStatus.NO_BINDING);
        assertThat(ia(op(Kind.RELEASE, duid(1), List.of(1L), na(9, mine.ipAddress()))).status()).isEqualTo(IaStatus.NO_BINDING);
        assertThat(ia(op(Kind.RELEASE, duid(1), List.of(1L), na(1, "2001:db8:1::13"))).status()).isEqualTo(IaStatus.NO_BINDING);
        assertThat(ia(op(Kind.RELEASE, duid(1), List.of(1L), na(1, mine.ipAddress()))).status()).isEqualTo(IaStatus.SUCCESS);
        // Kea's default hold-reclaimed-time and flush timer keep it, released (lease affinity, as for v4)
        assertThat(lease(Lease6Key.of(mine)).state()).isEqualTo(LeaseState.RELEASED);
        assertThat(ia(op(Kind.RELEASE, duid(1), List.of(1L), na(1, mine.ipAddress()))).status()).isEqualTo(IaStatus.NO_BINDING);
        assertThat(stat("subnet[1].assigned-nas")).isZero();

        Lease6 again = ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1))).leases().get(0);
        assertThat(ia(op(Kind.DECLINE, duid(2), List.of(1L), na(1, again.ipAddress()))).status()).isEqualTo(IaStatus.NO_BINDING);
        IaResult declined = ia(op(Kind.DECLINE, duid(1), List.of(1L), na(1, again.ipAddress())));
        assertThat(declined.status()).isEqualTo(IaStatus.SUCCESS);
        Lease6 d = lease(Lease6Key.of(again));
        assertThat(d.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(d.duid()).isEqualTo("00");
        assertThat(d.validLft()).isEqualTo(600);
        assertThat(stat("declined-addresses")).isEqualTo(1);
        assertThat(stat("subnet[1].declined-addresses")).isEqualTo(1);
        // on probation: the client gets another address
        assertThat(ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1))).leases().get(0).ipAddress()).isNotEqualTo(again.ipAddress());
    }

    @Test
    void expiredLeaseOfAnotherClientIsReused() {
        for (int i = 1; i <= 3; i++) {
            ia(op(Kind.ASSIGN, duid(i), List.of(1L), na(1)));
        }
        assertThat(ia(op(Kind.ASSIGN, duid(9), List.of(1L), na(1))).status()).isEqualTo(IaStatus.NO_ADDRS_AVAIL);
        clock.advance(Duration.ofSeconds(4001));
        IaResult r = ia(op(Kind.ASSIGN, duid(9), List.of(1L), na(1)));
        assertThat(r.status()).isEqualTo(IaStatus.SUCCESS);
        assertThat(stat("reclaimed-leases")).isEqualTo(1);
        assertThat(binding(duid(9), 1)).hasSize(1);
    }

    @Test
    void reconfigureKeepsLeasesAndRecountsStatistics() {
        Lease6 l = ia(op(Kind.ASSIGN, duid(1), List.of(1L), na(1))).leases().get(0);
        engine.reconfigure(V6Support.config(V6Support.CONFIG.replace("2001:db8:1::13\" }", "2001:db8:1::1f\" }")));
        assertThat(stat("subnet[1].total-nas")).isEqualTo(17);
        assertThat(stat("subnet[1].assigned-nas")).isEqualTo(1);
        assertThat(lease(Lease6Key.of(l))).isEqualTo(l);
        assertThat(ia(op(Kind.RENEW, duid(1), List.of(1L), na(1, l.ipAddress()))).leases().get(0).ipAddress())
                .isEqualTo(l.ipAddress());
    }

    static LeaseOp6 named(Kind kind, String duid, String hostname, boolean generate, LeaseOp6.Ia... ias) {
        return new LeaseOp6(1, kind, List.of(1L), duid, null, List.of(ias), List.of(), hostname, true, true, generate);
    }

    @Test
    void leasesStoreTheNameAndARenewalReportsTheEarlierStateForTheDnsSide() {
        IaResult first = ia(named(Kind.ASSIGN, duid(30), "host.example.org.", false, na(1)));
        Lease6 l = first.leases().get(0);
        assertThat(l.hostname()).isEqualTo("host.example.org.");
        assertThat(l.fqdnFwd() && l.fqdnRev()).isTrue();
        assertThat(first.previous()).isNull();

        // renewed with the same name: the earlier state comes back, so the DHCP side can see nothing changed
        IaResult same = ia(named(Kind.RENEW, duid(30), "host.example.org.", false, na(1, l.ipAddress())));
        assertThat(same.previous()).extracting(Lease6::hostname).containsExactly("host.example.org.");

        IaResult renamed = ia(named(Kind.RENEW, duid(30), "other.example.org.", false, na(1, l.ipAddress())));
        assertThat(renamed.leases().get(0).hostname()).isEqualTo("other.example.org.");
        assertThat(renamed.previous()).extracting(Lease6::hostname).containsExactly("host.example.org.");

        IaResult released = ia(named(Kind.RELEASE, duid(30), null, false, na(1, l.ipAddress())));
        assertThat(released.previous()).extracting(Lease6::hostname).containsExactly("other.example.org.");
    }

    @Test
    void aGeneratedNameIsMadeFromTheAddressAndPrefixesGetNone() {
        LeaseResult6 r = run(named(Kind.ASSIGN, duid(31), "", true, na(1), pd(2)));
        Lease6 address = r.ias().get(0).leases().get(0);
        Lease6 prefix = r.ias().get(1).leases().get(0);
        // Kea's generateFqdn: ddns-generated-prefix, the address with ':' made '-', the (empty) suffix
        assertThat(address.hostname()).isEqualTo("myhost-" + address.ipAddress().replace(':', '-') + ".");
        assertThat(prefix.hostname()).isEmpty();
        assertThat(lease(Lease6Key.of(address)).hostname()).isEqualTo(address.hostname());
    }
}
