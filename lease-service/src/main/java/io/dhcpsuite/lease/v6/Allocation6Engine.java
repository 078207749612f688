package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.lease.LeaseResult6.IaResult;
import io.dhcpsuite.api.lease.LeaseResult6.IaStatus;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.PdPool6;
import io.dhcpsuite.config.Pool6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Reservation6;
import io.dhcpsuite.config.Subnet6;
import io.dhcpsuite.lease.config.Scopes;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.OpChanges;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's DHCPv6 allocation rules over the v6 lease store: addresses for IA_NA from the subnet's
 * {@code pools}, prefixes of {@code delegated-len} for IA_PD from its {@code pd-pools}, one lease per
 * IA. The choice follows Kea's order: the client's reservation, the IA's existing lease, what was
 * advertised to the IA, the client's hint, then the pools (iterative, or random when the subnet's
 * {@code allocator}/{@code pd-allocator} says so), where expired, released and reclaimed leases of
 * other clients are free again.
 *
 * <p>Statuses as kea-dhcp6 decides them: NoAddrsAvail / NoPrefixAvail when nothing can be given
 * (also on RENEW and REBIND, where an IA with no lease gets a new one when possible, as Kea's
 * renewLeases6 does); NoBinding on RENEW/REBIND when no subnet was selected, and on RELEASE and
 * DECLINE of an address the IA does not hold. A hint that is not on the client's link is not
 * refused with NotOnLink, as in Kea: on SOLICIT/REQUEST it is ignored and another address chosen,
 * on RENEW/REBIND it comes back with lifetimes 0 (RFC 8415 18.3.4/18.3.5). CONFIRM needs no lease
 * (Kea answers it from the subnets alone), so it is dhcp-service's.
 *
 * <p>A batch is one transaction of origin DHCP under the v6 store's lock; ADVERTISE holds live in
 * memory only, the other kinds' changes go to the group commit and the answer waits for them.
 */
public final class Allocation6Engine {
    private static final Logger log = LoggerFactory.getLogger(Allocation6Engine.class);
    /** Candidates one pool scan looks at, at most: a larger pool that is this full is treated as full. */
    static final int MAX_SCAN = 1 << 18;
    private static final int RANDOM_TRIES = 64;

    private final Lease6Store store;
    private final Lease6Stats stats;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final OfferHolds6 holds = new OfferHolds6();
    private final java.util.function.Consumer<Lease6> reclaimListener;
    /** Next candidate offset per pool ("subnet/na/i" or "subnet/pd/i"); guarded by the store's lock. */
    private final Map<String, BigInteger> cursors = new HashMap<>();
    private volatile Dhcp6Config config;
    private volatile Map<Long, Subnet6> subnets = Map.of();
    /** Every address and prefix of a configured reservation, with the reservations holding it. */
    private volatile Map<Lease6Key, List<Reservation6>> reserved = Map.of();
    /** The hosts databases' reservations of an address or prefix (empty without databases). */
    private volatile java.util.function.Function<Lease6Key, List<Reservation6>> databaseReserved = k -> List.of();

    /** An engine whose changes stay in memory (tests). */
    public Allocation6Engine(Dhcp6Config config, Lease6Stats stats, Clock clock) {
        this(config, stats, clock, Lease6Writer.MEMORY_ONLY);
    }

    public Allocation6Engine(Dhcp6Config config, Lease6Stats stats, Clock clock, Lease6Writer writer) {
        this(config, stats, clock, writer, l -> { });
    }

    /** @param reclaimListener told of every lease reclaimed on the spot to be given to another client (DNS removes) */
    public Allocation6Engine(Dhcp6Config config, Lease6Stats stats, Clock clock, Lease6Writer writer,
                             java.util.function.Consumer<Lease6> reclaimListener) {
        this.reclaimListener = reclaimListener;
        this.stats = stats;
        this.clock = clock;
        this.store = new Lease6Store(stats, writer);
        install(config);
    }

    public Lease6Store store() {
        return store;
    }

    public Lease6Stats stats() {
        return stats;
    }

    public Clock clock() {
        return clock;
    }

    public Dhcp6Config config() {
        return config;
    }

    public Subnet6 subnet(long id) {
        return subnets.get(id);
    }

    /** The start-up load; returns the number of leases. */
    public int load(Lease6Backend backend) {
        return store.load(backend);
    }

    /** A new Dhcp6 configuration: subnets, pools and reservations rebuilt, leases kept, statistics recounted. */
    public void reconfigure(Dhcp6Config next) {
        store.read(index -> {
            install(next);
            cursors.clear();
            stats.reconfigure(next, index.values());
            return null;
        });
    }

    private void install(Dhcp6Config cfg) {
        Map<Long, Subnet6> s = new HashMap<>();
        Map<Lease6Key, List<Reservation6>> r = new HashMap<>();
        for (Subnet6 sub : cfg.subnets()) {
            s.put(sub.id(), sub);
            sub.reservations().forEach(res -> addReservation(r, res));
        }
        cfg.globalReservations().forEach(res -> addReservation(r, res));
        this.config = cfg;
        this.subnets = Map.copyOf(s);
        this.reserved = Map.copyOf(r);
    }

    private static void addReservation(Map<Lease6Key, List<Reservation6>> r, Reservation6 res) {
        for (BigInteger a : res.ipAddresses()) {
            r.computeIfAbsent(new Lease6Key(a, Lease6Key.NA), k -> new ArrayList<>()).add(res);
        }
        for (Prefix6 p : res.prefixes()) {
            r.computeIfAbsent(new Lease6Key(p.network(), Lease6Key.PD), k -> new ArrayList<>()).add(res);
        }
    }

    /** How many advertised addresses and prefixes are held (tests). */
    public int heldAdvertises() {
        return store.read(i -> holds.size());
    }

    // ------------------------------------------------------------------ batches

    /** The results of a batch, its changes, which op made which, and when they are durable. */
    public record BatchOutcome(List<LeaseResult6> results, List<Lease6Change> changes, OpChanges ops, CompletableFuture<Void> durable) {
    }

    /** Applies the operations of one batch as one transaction of origin DHCP. */
    public BatchOutcome apply(List<LeaseOp6> ops) {
        List<LeaseResult6> results = new ArrayList<>(ops.size());
        int[] firstChange = new int[ops.size()];
        Lease6Store.Committed<Void> done = store.transact(LeaseChange.Origin.DHCP, tx -> {
            long nowMs = clock.millis();
            holds.expire(nowMs);
            for (int i = 0; i < ops.size(); i++) {
                LeaseOp6 op = ops.get(i);
                firstChange[i] = tx.changeCount();
                LeaseResult6 r;
                try {
                    r = apply(op, nowMs, tx);
                } catch (RuntimeException e) {
                    log.warn("ALLOC_ENGINE_V6_ALLOC_ERROR op {}: {}", op.id(), e.toString());
                    r = new LeaseResult6(op.id(), LeaseResult6.Status.ERROR, List.of(), String.valueOf(e.getMessage()));
                }
                results.add(r);
            }
            return null;
        });
        return new BatchOutcome(results, done.changes(), new OpChanges(firstChange, done.changes().size()), done.done());
    }

    private LeaseResult6 apply(LeaseOp6 op, long nowMs, Lease6Store.Tx tx) {
        Client c = Client.of(op);
        List<Subnet6> candidates = candidates(op);
        List<IaResult> out = new ArrayList<>(op.ias() == null ? 0 : op.ias().size());
        if (op.ias() != null) {
            for (LeaseOp6.Ia ia : op.ias()) {
                int type = Lease6Key.typeCode(ia.type());
                if (type == Lease6Key.TA) {
                    // Kea does not serve IA_TA
                    out.add(new IaResult(ia.type(), ia.iaid(), IaStatus.NO_ADDRS_AVAIL, List.of(), null));
                    continue;
                }
                out.add(switch (op.kind()) {
                    case ADVERTISE -> assign(op, ia, type, c, candidates, nowMs, tx, true);
                    case ASSIGN -> assign(op, ia, type, c, candidates, nowMs, tx, false);
                    case RENEW, REBIND -> extend(op, ia, type, c, candidates, nowMs, tx);
                    case RELEASE -> release(ia, type, c, nowMs, tx);
                    case DECLINE -> decline(ia, type, c, nowMs, tx);
                });
            }
        }
        return new LeaseResult6(op.id(), LeaseResult6.Status.OK, out, null);
    }

    // ------------------------------------------------------------------ SOLICIT / REQUEST

    private IaResult assign(LeaseOp6 op, LeaseOp6.Ia ia, int type, Client c, List<Subnet6> candidates, long nowMs,
                            Lease6Store.Tx tx, boolean advertise) {
        long now = nowMs / 1000;
        OfferHolds6.Owner owner = new OfferHolds6.Owner(c.duid, ia.iaid(), type);
        if (candidates.isEmpty()) {
            return failed(ia, type, "no subnet selected for the client");
        }
        Choice choice = choose(op, ia, type, c, candidates, now, true);
        if (choice == null && advertise) {
            choice = takeOldestHold(op, ia, type, c, candidates, now, owner);
        }
        if (choice == null) {
            return allocationFailed(op, ia, type, candidates);
        }
        Lease6 lease = newLease(op, ia, c, choice, now);
        if (advertise) {
            holds.hold(choice.key, owner, nowMs);
            return new IaResult(ia.type(), ia.iaid(), IaStatus.SUCCESS, List.of(lease), null);
        }
        List<Lease6> previous = new ArrayList<>();
        Lease6 old = tx.get(choice.key);
        boolean renewal = old != null && c.owns(old, ia.iaid()) && old.state() == LeaseState.DEFAULT;
        if (old != null && !c.owns(old, ia.iaid()) && Leases6.awaitsReclamation(old)) {
            reclaimed(old); // reused on the spot, as Kea reclaims an expired lease it hands out again
        }
        if (renewal) {
            lease = Leases6.withContext(lease, old.userContext());
            // the DHCP side compares the names: a remove when they differ, a re-add with ddns-update-on-renew
            if (Leases6.hasDns(old)) {
                previous.add(old);
            }
        }
        // one lease per IA and subnet: a client moved to its reservation leaves its other lease
        for (Lease6 other : tx.index().binding(c.duid, ia.iaid(), type, choice.subnet.id())) {
            if (!Lease6Key.of(other).equals(choice.key)) {
                tx.remove(Lease6Key.of(other));
                if (Leases6.hasDns(other)) {
                    previous.add(other);
                }
            }
        }
        tx.put(lease);
        holds.drop(owner);
        if (!renewal) {
            stats.assigned(lease);
        }
        return new IaResult(ia.type(), ia.iaid(), IaStatus.SUCCESS, List.of(lease), previous.isEmpty() ? null : previous);
    }

    private record Choice(Lease6Key key, int prefixLen, Subnet6 subnet, long poolId) {
    }

    /**
     * When every address (or prefix) the client may have is free of leases but advertised to other
     * IAs: the oldest of those advertises, for this one. As for v4's offers, a flood of SOLICITs from
     * new DUIDs would otherwise hold a small pool for {@link OfferHolds6#HOLD} and keep real clients
     * out; an ADVERTISE is no promise (Kea holds none), and the flooder's REQUEST finds it taken.
     */
    private Choice takeOldestHold(LeaseOp6 op, LeaseOp6.Ia ia, int type, Client c, List<Subnet6> candidates, long now,
                                  OfferHolds6.Owner owner) {
        Subnet6[] where = new Subnet6[1];
        Lease6Key k = holds.takeOldest(owner, key -> {
            if (key.type() != type || reservedForOther(key, c)) {
                return false;
            }
            Lease6 l = store.read(i -> i.get(key));
            if (l != null && !Leases6.expiredAt(l, now) && l.state() != LeaseState.EXPIRED_RECLAIMED
                    && l.state() != LeaseState.RELEASED) {
                return false;
            }
            for (Subnet6 s : candidates) {
                if (allowed(s, key, op.clientClasses())) {
                    where[0] = s;
                    return true;
                }
            }
            return false;
        });
        if (k == null) {
            return null;
        }
        int prefixLen = 128;
        if (type == Lease6Key.PD) {
            for (PdPool6 p : where[0].pdPools()) {
                if (inPdPool(p, k.address())) {
                    prefixLen = p.delegatedLength();
                }
            }
        }
        return new Choice(k, prefixLen, where[0], poolId(where[0], k));
    }

    /**
     * Kea's order: reservation, the IA's own lease, the advertised one, the hint, the pools. With
     * {@code withExisting} false (a renewal whose leases were all dropped) the IA's leases are skipped.
     */
    private Choice choose(LeaseOp6 op, LeaseOp6.Ia ia, int type, Client c, List<Subnet6> candidates, long now,
                          boolean withExisting) {
        if (ia.reserved() != null) {
            for (LeaseOp6.Prefix r : ia.reserved()) {
                Choice ch = reservedChoice(ia, type, r, c, candidates, now);
                if (ch != null) {
                    return ch;
                }
            }
        }
        if (withExisting) {
            for (Subnet6 s : candidates) {
                for (Lease6 l : store.read(i -> i.binding(c.duid, ia.iaid(), type, s.id()))) {
                    Lease6Key k = Lease6Key.of(l);
                    if (l.state() != LeaseState.DECLINED && usableBy(k, c, ia.iaid(), now, false)
                            && allowed(s, k, op.clientClasses())) {
                        return new Choice(k, l.prefixLen(), s, poolId(s, k));
                    }
                }
            }
        }
        Lease6Key held = holds.heldFor(new OfferHolds6.Owner(c.duid, ia.iaid(), type));
        if (held != null) {
            Choice ch = inPool(held, op, candidates);
            if (ch != null && usableBy(held, c, ia.iaid(), now, false)) {
                return ch;
            }
        }
        int lengthHint = 0;
        if (ia.hints() != null) {
            for (LeaseOp6.Prefix h : ia.hints()) {
                BigInteger a = parse(h.address());
                if (a == null) {
                    continue;
                }
                if (a.signum() == 0) {
                    lengthHint = type == Lease6Key.PD ? h.length() : 0; // "::/56": a length preference only
                    continue;
                }
                Lease6Key k = new Lease6Key(a, type);
                Choice ch = inPool(k, op, candidates);
                if (ch != null && (type != Lease6Key.PD || h.length() == 0 || h.length() == ch.prefixLen)
                        && usableBy(k, c, ia.iaid(), now, false)) {
                    return ch;
                }
                if (type == Lease6Key.PD && h.length() > 0) {
                    lengthHint = h.length();
                }
            }
        }
        for (Subnet6 s : candidates) {
            Choice ch = type == Lease6Key.PD ? scanPd(s, op, c, ia.iaid(), now, lengthHint, true)
                    : scanNa(s, op, c, ia.iaid(), now);
            if (ch == null && type == Lease6Key.PD && lengthHint > 0) {
                ch = scanPd(s, op, c, ia.iaid(), now, lengthHint, false);
            }
            if (ch != null) {
                return ch;
            }
        }
        return null;
    }

    private Choice reservedChoice(LeaseOp6.Ia ia, int type, LeaseOp6.Prefix r, Client c, List<Subnet6> candidates,
                                  long now) {
        BigInteger a = parse(r.address());
        if (a == null) {
            return null;
        }
        Lease6Key k = new Lease6Key(a, type);
        Subnet6 s = ia.reservedSubnetId() != 0 ? subnets.get(ia.reservedSubnetId()) : null;
        if (s == null) {
            for (Subnet6 cand : candidates) {
                if (type == Lease6Key.PD || cand.contains(a)) {
                    s = cand;
                    break;
                }
            }
        }
        if (s == null) {
            return null;
        }
        if (!usableBy(k, c, ia.iaid(), now, true)) {
            log.debug("ALLOC_ENGINE_V6_HR_ADDR_GRANTED skipped: {} reserved for {} is in use", k, c.duid);
            return null;
        }
        int len = type == Lease6Key.PD ? r.length() : 128;
        return new Choice(k, len, s, poolId(s, k));
    }

    /** The choice for {@code k} when it lies in a pool of a candidate subnet the client may use, else null. */
    private Choice inPool(Lease6Key k, LeaseOp6 op, List<Subnet6> candidates) {
        for (Subnet6 s : candidates) {
            if (k.type() == Lease6Key.PD) {
                for (PdPool6 p : s.pdPools()) {
                    if (inPdPool(p, k.address()) && Scopes.allows(p.clientClasses(), op.clientClasses())) {
                        return new Choice(k, p.delegatedLength(), s, p.poolId());
                    }
                }
            } else if (s.contains(k.address())) {
                for (Pool6 p : s.pools()) {
                    if (p.contains(k.address()) && Scopes.allows(p.clientClasses(), op.clientClasses())) {
                        return new Choice(k, 128, s, p.poolId());
                    }
                }
            }
        }
        return null;
    }

    static boolean inPdPool(PdPool6 p, BigInteger prefix) {
        if (!p.prefix().contains(prefix)) {
            return false;
        }
        BigInteger hostBits = BigInteger.ONE.shiftLeft(128 - p.delegatedLength()).subtract(BigInteger.ONE);
        return prefix.and(hostBits).signum() == 0;
    }

    private Choice scanNa(Subnet6 s, LeaseOp6 op, Client c, long iaid, long now) {
        for (int i = 0; i < s.pools().size(); i++) {
            Pool6 p = s.pools().get(i);
            if (!Scopes.allows(p.clientClasses(), op.clientClasses())) {
                continue;
            }
            BigInteger found = scan(s.id() + "/na/" + i, p.first(), p.size(), BigInteger.ONE, Lease6Key.NA, c, iaid, now,
                    "random".equals(s.allocator()));
            if (found != null) {
                return new Choice(new Lease6Key(found, Lease6Key.NA), 128, s, p.poolId());
            }
        }
        return null;
    }

    private Choice scanPd(Subnet6 s, LeaseOp6 op, Client c, long iaid, long now, int lengthHint, boolean matchLength) {
        for (int i = 0; i < s.pdPools().size(); i++) {
            PdPool6 p = s.pdPools().get(i);
            if (!Scopes.allows(p.clientClasses(), op.clientClasses())
                    || (matchLength && lengthHint > 0 && p.delegatedLength() != lengthHint)) {
                continue;
            }
            BigInteger step = BigInteger.ONE.shiftLeft(128 - p.delegatedLength());
            BigInteger found = scan(s.id() + "/pd/" + i, p.prefix().network(), p.size(), step, Lease6Key.PD, c, iaid, now,
                    "random".equals(s.pdAllocator()));
            if (found != null) {
                return new Choice(new Lease6Key(found, Lease6Key.PD), p.delegatedLength(), s, p.poolId());
            }
        }
        return null;
    }

    /**
     * The first usable candidate {@code first + n*step} of a pool of {@code size} candidates, from the
     * pool's cursor on (iterative), or random ones first; null when {@link #MAX_SCAN} candidates
     * were all taken.
     */
    private BigInteger scan(String cursorKey, BigInteger first, BigInteger size, BigInteger step, int type, Client c,
                            long iaid, long now, boolean randomFirst) {
        if (randomFirst) {
            long bound = size.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            for (int t = 0; t < RANDOM_TRIES; t++) {
                BigInteger a = first.add(BigInteger.valueOf(random.nextLong(bound)).multiply(step));
                if (usableBy(new Lease6Key(a, type), c, iaid, now, false)) {
                    return a;
                }
            }
        }
        BigInteger offset = cursors.getOrDefault(cursorKey, BigInteger.ZERO);
        if (offset.compareTo(size) >= 0) {
            offset = BigInteger.ZERO;
        }
        long tries = size.min(BigInteger.valueOf(MAX_SCAN)).longValue();
        for (long t = 0; t < tries; t++) {
            BigInteger a = first.add(offset.multiply(step));
            offset = offset.add(BigInteger.ONE);
            if (offset.compareTo(size) >= 0) {
                offset = BigInteger.ZERO;
            }
            if (usableBy(new Lease6Key(a, type), c, iaid, now, false)) {
                cursors.put(cursorKey, offset);
                return a;
            }
        }
        return null;
    }

    private IaResult allocationFailed(LeaseOp6 op, LeaseOp6.Ia ia, int type, List<Subnet6> candidates) {
        long first = candidates.get(0).id();
        stats.count("v6-allocation-fail", first);
        boolean anyPool = false;
        boolean anyAllowed = false;
        for (Subnet6 s : candidates) {
            if (type == Lease6Key.PD) {
                for (PdPool6 p : s.pdPools()) {
                    anyPool = true;
                    anyAllowed |= Scopes.allows(p.clientClasses(), op.clientClasses());
                }
            } else {
                for (Pool6 p : s.pools()) {
                    anyPool = true;
                    anyAllowed |= Scopes.allows(p.clientClasses(), op.clientClasses());
                }
            }
        }
        String reason;
        if (!anyPool) {
            stats.count("v6-allocation-fail-no-pools", first);
            reason = "no pools";
        } else if (!anyAllowed) {
            stats.count("v6-allocation-fail-classes", first);
            reason = "no pool allowed for the client's classes";
        } else if (candidates.size() > 1) {
            stats.count("v6-allocation-fail-shared-network", first);
            reason = "shared network is full";
        } else {
            stats.count("v6-allocation-fail-subnet", first);
            reason = "subnet is full";
        }
        log.warn("ALLOC_ENGINE_V6_ALLOC_FAIL failed to allocate {} for DUID {} IAID {} after trying {} subnet(s): {}",
                type == Lease6Key.PD ? "a prefix" : "an address", op.duid(), ia.iaid(), candidates.size(), reason);
        return failed(ia, type, reason);
    }

    private static IaResult failed(LeaseOp6.Ia ia, int type, String why) {
        return new IaResult(ia.type(), ia.iaid(), type == Lease6Key.PD ? IaStatus.NO_PREFIX_AVAIL : IaStatus.NO_ADDRS_AVAIL,
                List.of(), null);
    }

    // ------------------------------------------------------------------ RENEW / REBIND

    private IaResult extend(LeaseOp6 op, LeaseOp6.Ia ia, int type, Client c, List<Subnet6> candidates, long nowMs,
                            Lease6Store.Tx tx) {
        long now = nowMs / 1000;
        if (candidates.isEmpty()) {
            // Kea: no subnet, no binding (a REBIND of prefixes is dropped by Kea; dhcp-service may do so)
            return new IaResult(ia.type(), ia.iaid(), IaStatus.NO_BINDING, List.of(), null);
        }
        List<Lease6> kept = new ArrayList<>();
        List<Lease6> gone = new ArrayList<>();
        List<Lease6> previous = new ArrayList<>();
        boolean reservationWaits = false;
        if (ia.reserved() != null) {
            for (LeaseOp6.Prefix r : ia.reserved()) {
                reservationWaits |= reservedChoice(ia, type, r, c, candidates, now) != null
                        && !ownsReserved(tx, c, ia, type, r);
            }
        }
        for (Subnet6 s : candidates) {
            for (Lease6 l : tx.index().binding(c.duid, ia.iaid(), type, s.id())) {
                Lease6Key k = Lease6Key.of(l);
                boolean mine = isReservedFor(ia, k);
                boolean fits = (type == Lease6Key.PD || s.contains(k.address()))
                        && (mine || (!reservedForOther(k, c) && allowed(s, k, op.clientClasses())));
                if (!fits || l.state() == LeaseState.DECLINED || (reservationWaits && !mine)) {
                    gone.add(l);
                } else {
                    kept.add(l);
                }
            }
        }
        for (Lease6 l : gone) {
            tx.remove(Lease6Key.of(l));
            if (Leases6.hasDns(l)) {
                previous.add(l);
            }
        }
        List<Lease6> result = new ArrayList<>();
        for (Lease6 l : kept) {
            Subnet6 s = subnets.get(l.subnetId());
            Lease6Key k = Lease6Key.of(l);
            Lease6 renewed = newLease(op, ia, c, new Choice(k, l.prefixLen(), s, poolId(s, k)), now);
            renewed = Leases6.withContext(renewed, l.userContext());
            boolean wasActive = l.state() == LeaseState.DEFAULT;
            tx.put(renewed);
            if (!wasActive) {
                stats.assigned(renewed);
            }
            if (Leases6.hasDns(l)) {
                previous.add(l);
            }
            result.add(renewed);
        }
        if (result.isEmpty()) {
            Choice choice = choose(op, ia, type, c, candidates, now, false);
            if (choice != null) {
                Lease6 old = tx.get(choice.key);
                if (old != null && !c.owns(old, ia.iaid()) && Leases6.awaitsReclamation(old)) {
                    reclaimed(old);
                }
                Lease6 lease = newLease(op, ia, c, choice, now);
                tx.put(lease);
                stats.assigned(lease);
                result.add(lease);
            }
        }
        holds.drop(new OfferHolds6.Owner(c.duid, ia.iaid(), type));
        List<Lease6> answer = new ArrayList<>(result);
        for (Lease6 l : gone) {
            answer.add(Leases6.zeroLifetimes(l));
        }
        if (ia.hints() != null) {
            for (LeaseOp6.Prefix h : ia.hints()) {
                BigInteger a = parse(h.address());
                if (a == null || a.signum() == 0 || listed(answer, a)) {
                    continue;
                }
                // an address or prefix the client has but may not keep: lifetimes 0 (RFC 8415 18.3.4)
                answer.add(new Lease6(Prefix6.format(a), ia.type(), type == Lease6Key.PD ? h.length() : 128, c.duid,
                        ia.iaid(), 0, null, 0, 0, now, c.hw, false, false, "", LeaseState.DEFAULT, null));
            }
        }
        IaStatus status = result.isEmpty()
                ? (type == Lease6Key.PD ? IaStatus.NO_PREFIX_AVAIL : IaStatus.NO_ADDRS_AVAIL) : IaStatus.SUCCESS;
        return new IaResult(ia.type(), ia.iaid(), status, answer, previous.isEmpty() ? null : previous);
    }

    private void reclaimed(Lease6 old) {
        stats.reclaimed(old);
        reclaimListener.accept(old);
    }

    private static boolean listed(List<Lease6> leases, BigInteger a) {
        for (Lease6 l : leases) {
            if (Prefix6.address(l.ipAddress()).equals(a)) {
                return true;
            }
        }
        return false;
    }

    private boolean ownsReserved(Lease6Store.Tx tx, Client c, LeaseOp6.Ia ia, int type, LeaseOp6.Prefix r) {
        BigInteger a = parse(r.address());
        Lease6 l = a == null ? null : tx.get(new Lease6Key(a, type));
        return l != null && c.owns(l, ia.iaid()) && l.state() == LeaseState.DEFAULT;
    }

    private static boolean isReservedFor(LeaseOp6.Ia ia, Lease6Key k) {
        if (ia.reserved() == null) {
            return false;
        }
        for (LeaseOp6.Prefix r : ia.reserved()) {
            BigInteger a = parse(r.address());
            if (k.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ RELEASE / DECLINE

    private IaResult release(LeaseOp6.Ia ia, int type, Client c, long nowMs, Lease6Store.Tx tx) {
        List<Lease6> released = new ArrayList<>();
        List<Lease6> previous = new ArrayList<>();
        boolean refused = ia.hints() == null || ia.hints().isEmpty();
        if (!refused) {
            for (LeaseOp6.Prefix h : ia.hints()) {
                BigInteger a = parse(h.address());
                Lease6 l = a == null ? null : tx.get(new Lease6Key(a, type));
                if (l == null || !c.owns(l, ia.iaid()) || l.state() != LeaseState.DEFAULT) {
                    refused = true;
                    continue;
                }
                if (Scopes.keepsReclaimed(config.expiredLeasesProcessing())) {
                    // lease affinity, as for v4: kept as released until reclamation and the flush
                    tx.put(Leases6.with(l, LeaseState.RELEASED, nowMs / 1000, 0, 0));
                } else {
                    tx.remove(Lease6Key.of(l));
                }
                released.add(l);
                if (Leases6.hasDns(l)) {
                    previous.add(l);
                }
            }
        }
        holds.drop(new OfferHolds6.Owner(c.duid, ia.iaid(), type));
        return new IaResult(ia.type(), ia.iaid(), refused ? IaStatus.NO_BINDING : IaStatus.SUCCESS, released,
                previous.isEmpty() ? null : previous);
    }

    private IaResult decline(LeaseOp6.Ia ia, int type, Client c, long nowMs, Lease6Store.Tx tx) {
        if (type == Lease6Key.PD) {
            // RFC 8415 declines addresses only; Kea leaves IA_PD out of a Decline's processing
            return new IaResult(ia.type(), ia.iaid(), IaStatus.NO_BINDING, List.of(), null);
        }
        List<Lease6> declined = new ArrayList<>();
        List<Lease6> previous = new ArrayList<>();
        boolean refused = ia.hints() == null || ia.hints().isEmpty();
        if (!refused) {
            for (LeaseOp6.Prefix h : ia.hints()) {
                BigInteger a = parse(h.address());
                Lease6 l = a == null ? null : tx.get(new Lease6Key(a, type));
                if (l == null || !c.owns(l, ia.iaid()) || l.state() != LeaseState.DEFAULT
                        || Leases6.expiredAt(l, nowMs / 1000)) {
                    refused = true;
                    continue;
                }
                Lease6 d = Leases6.declined(l, nowMs / 1000, config.declineProbationPeriod());
                tx.put(d);
                declined.add(d);
                if (Leases6.hasDns(l)) {
                    previous.add(l);
                }
                log.info("DHCP6_DECLINE_LEASE address {} declined by DUID {} IAID {}, probation {} s", l.ipAddress(),
                        c.duid, ia.iaid(), config.declineProbationPeriod());
            }
        }
        return new IaResult(ia.type(), ia.iaid(), refused ? IaStatus.NO_BINDING : IaStatus.SUCCESS, declined,
                previous.isEmpty() ? null : previous);
    }

    // ------------------------------------------------------------------ helpers

    private Lease6 newLease(LeaseOp6 op, LeaseOp6.Ia ia, Client c, Choice ch, long now) {
        long valid = ia.validLifetime() > 0 ? ia.validLifetime() : ch.subnet.lifetimes().valid();
        long preferred = ia.preferredLifetime() > 0 ? ia.preferredLifetime() : ch.subnet.preferred().value();
        if (preferred > valid) {
            preferred = valid;
        }
        String host = op.hostname() == null ? "" : op.hostname().toLowerCase(Locale.ROOT);
        if (op.generateHostname() && ch.key.type() == Lease6Key.NA) {
            // Kea's generateFqdn: <ddns-generated-prefix>-<address with dashes>.<suffix>., with the
            // parameters of the address's pool; prefixes keep no name (they get no DNS update)
            host = config.ddnsFor(ch.subnet.id(), ch.key.address()).generatedName(ch.key.address(), true)
                    .toLowerCase(Locale.ROOT);
        }
        return new Lease6(Prefix6.format(ch.key.address()), Lease6Key.typeName(ch.key.type()), ch.prefixLen, c.duid,
                ia.iaid(), ch.subnet.id(), ch.poolId == 0 ? null : ch.poolId, preferred, valid, now, c.hw,
                op.fqdnFwd(), op.fqdnRev(), host, LeaseState.DEFAULT, null);
    }

    /**
     * Whether the IA may have {@code k} now: not reserved for another client (unless
     * {@code itsReservation}), not advertised to another IA, and free, its own, or a lease that
     * expired or was released or reclaimed.
     */
    private boolean usableBy(Lease6Key k, Client c, long iaid, long now, boolean itsReservation) {
        if (!itsReservation && reservedForOther(k, c)) {
            return false;
        }
        if (holds.heldForOther(k, new OfferHolds6.Owner(c.duid, iaid, k.type()))) {
            return false;
        }
        Lease6 l = store.read(i -> i.get(k));
        return l == null || c.owns(l, iaid) || Leases6.expiredAt(l, now)
                || l.state() == LeaseState.EXPIRED_RECLAIMED || l.state() == LeaseState.RELEASED;
    }

    /**
     * Keeps the hosts databases' reserved addresses and prefixes from other clients, as the file's
     * are: {@code reservations} answers with the database hosts reserving a key (lease-service's
     * in-memory copy, changed with each command, so the next operation sees a new reservation).
     */
    public void useHostDatabases(java.util.function.Function<Lease6Key, List<Reservation6>> reservations) {
        this.databaseReserved = reservations;
    }

    private boolean reservedForOther(Lease6Key k, Client c) {
        List<Reservation6> rs = reserved.get(k);
        List<Reservation6> db = databaseReserved.apply(k);
        if (rs == null && db.isEmpty()) {
            return false;
        }
        for (List<Reservation6> list : java.util.Arrays.asList(rs, db)) {
            if (list != null) {
                for (Reservation6 r : list) {
                    if (c.matches(r)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean allowed(Subnet6 s, Lease6Key k, List<String> classes) {
        if (k.type() == Lease6Key.PD) {
            for (PdPool6 p : s.pdPools()) {
                if (inPdPool(p, k.address())) {
                    return Scopes.allows(p.clientClasses(), classes);
                }
            }
            return false;
        }
        for (Pool6 p : s.pools()) {
            if (p.contains(k.address())) {
                return Scopes.allows(p.clientClasses(), classes);
            }
        }
        return false;
    }

    private static long poolId(Subnet6 s, Lease6Key k) {
        if (s == null) {
            return 0;
        }
        if (k.type() == Lease6Key.PD) {
            for (PdPool6 p : s.pdPools()) {
                if (inPdPool(p, k.address())) {
                    return p.poolId();
                }
            }
            return 0;
        }
        for (Pool6 p : s.pools()) {
            if (p.contains(k.address())) {
                return p.poolId();
            }
        }
        return 0;
    }

    private List<Subnet6> candidates(LeaseOp6 op) {
        List<Subnet6> out = new ArrayList<>();
        if (op.subnetIds() != null) {
            for (Long id : op.subnetIds()) {
                Subnet6 s = id == null ? null : subnets.get(id);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static BigInteger parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Prefix6.address(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The client as Kea identifies a v6 client: by DUID (the hardware address only for reservations). */
    record Client(String duid, String hw) {
        static Client of(LeaseOp6 op) {
            if (op.duid() == null || op.duid().isEmpty()) {
                throw new IllegalArgumentException("op " + op.id() + " has no DUID");
            }
            String hw = op.hwAddress() == null || op.hwAddress().isEmpty() ? null : op.hwAddress().toLowerCase(Locale.ROOT);
            return new Client(op.duid().toLowerCase(Locale.ROOT), hw);
        }

        /** Whether the lease is this client's, in this IA. */
        boolean owns(Lease6 l, long iaid) {
            return duid.equals(l.duid()) && l.iaid() == iaid;
        }

        boolean matches(Reservation6 r) {
            return (r.duid() != null && r.duid().equals(duid)) || (r.hwAddress() != null && r.hwAddress().equals(hw));
        }
    }
}
