package io.dhcpsuite.lease.allocation;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.lease.config.Scopes;
import io.dhcpsuite.lease.stats.LeaseStats;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.OpChanges;
import io.dhcpsuite.lease.store.LeaseChangeListener;
import io.dhcpsuite.lease.store.LeaseStore;
import io.dhcpsuite.lease.store.LeaseTx;
import io.dhcpsuite.lease.store.LeaseView;
import io.dhcpsuite.lease.store.LeaseWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's allocation rules over the lease store.
 *
 * <p>The store's lock guards the leases, the pool bitmaps and the {@link OfferHolds}. An operation
 * costs microseconds and never does I/O under the lock: a batch is one {@link LeaseStore#transact
 * transaction} of origin DHCP, whose changes the store hands to the group commit and to the
 * {@link LeaseChangeListener}s before the lock is released; the caller answers once they are
 * durable (and acknowledged by a gating listener, if one is registered).
 */
public final class AllocationEngine {
    /** How long an OFFER holds its address for its client. */
    public static final Duration OFFER_HOLD = OfferHolds.HOLD;
    private static final Logger log = LoggerFactory.getLogger(AllocationEngine.class);
    /** How many expired leases an allocation looks at before giving up on reuse. */
    private static final int EXPIRED_SCAN = 1000;

    private final LeaseStore store;
    private final LeaseStats stats;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();
    // The configured scopes. Replaced together under the lock by reconfigure; the maps are never
    // changed after they are published, so subnet() and config() may read them without the lock.
    private volatile Dhcp4Config config;
    private volatile Map<Long, Subnet4> subnets = Map.of();
    private Map<Long, List<PoolState>> pools = Map.of();
    private Reservations reservations;
    private volatile HostReservations hostDatabases = HostReservations.NONE;
    private final OfferHolds holds = new OfferHolds(this::refreshBit);
    /** Guarded by the store's lock, like the holds. */
    private long offersTaken;
    private final ReclaimListener[] reclaimListeners;
    /**
     * The store's read view, for reads under the lock; writes go through the transaction. Always
     * the same object, so the hot path's reads stay monomorphic calls on the index.
     */
    private final LeaseView index;

    /** An engine whose changes stay in memory, with no listeners (tests, tools). */
    public AllocationEngine(Dhcp4Config config, LeaseStats stats, Clock clock) {
        this(config, stats, clock, LeaseWriter.MEMORY_ONLY, List.of(), List.of());
    }

    /**
     * @param writer           makes committed changes durable (the group commit)
     * @param listeners        told of every committed transaction's changes (see the store package)
     * @param reclaimListeners told of every reclaimed lease (DNS removes)
     */
    public AllocationEngine(Dhcp4Config config, LeaseStats stats, Clock clock, LeaseWriter writer,
                            List<LeaseChangeListener> listeners, List<? extends ReclaimListener> reclaimListeners) {
        this.stats = stats;
        this.clock = clock;
        this.reclaimListeners = reclaimListeners.toArray(ReclaimListener[]::new);
        this.store = new LeaseStore((before, after) -> {
            changed(before, after);
            stats.changed(before, after);
        }, writer, listeners);
        this.index = store.read(view -> view);
        store.read(view -> {
            install(config);
            return null;
        });
    }

    /** The leases, to read and change them in transactions. */
    public LeaseStore store() {
        return store;
    }

    /**
     * Kea's reconfiguration of the lease side: subnets, pools and reservations are rebuilt from
     * {@code next} and the pool bitmaps refilled from the leases, offer holds and reservations;
     * the leases stay as stored, including those of subnets that are gone (they expire and are
     * reclaimed as usual), and the lease statistics are recounted as Kea's recountLeaseStats4 does.
     */
    public void reconfigure(Dhcp4Config next) {
        store.read(view -> {
            install(next);
            stats.reconfigure(next, view.all());
            return null;
        });
    }

    private void install(Dhcp4Config cfg) {
        Map<Long, Subnet4> newSubnets = new HashMap<>();
        Map<Long, List<PoolState>> newPools = new HashMap<>();
        for (Subnet4 s : cfg.subnets()) {
            newSubnets.put(s.id(), s);
            List<PoolState> ps = new ArrayList<>();
            for (int i = 0; i < s.pools().size(); i++) {
                ps.add(new PoolState(s.pools().get(i), i));
            }
            newPools.put(s.id(), List.copyOf(ps));
        }
        this.config = cfg;
        this.pools = Map.copyOf(newPools);
        this.subnets = Map.copyOf(newSubnets);
        this.reservations = Reservations.of(cfg, hostDatabases);
        for (int address : reservations.addresses()) {
            markBusy(address);
        }
        for (int address : holds.addresses()) {
            markBusy(address);
        }
        for (Lease l : index.all()) {
            if (l.countsAsAssigned()) {
                markBusy(l.address());
            }
        }
    }

    /**
     * Adds the reservations of the hosts databases to the file's (once, at start-up, before
     * packets flow): their addresses are kept from other clients from now on.
     */
    public void useHostDatabases(HostReservations databases) {
        store.read(view -> {
            this.hostDatabases = databases;
            this.reservations = Reservations.of(config, databases);
            for (int address : databases.addresses()) {
                markBusy(address);
            }
            return null;
        });
    }

    /**
     * A database reservation of {@code address} appeared or went away: the pool bitmap follows,
     * so the next allocation skips (or may use) the address. A lease another client holds there
     * stays; its owner is refused a renewal and the reservation's client meets a conflict
     * ({@code v4-reservation-conflicts}) until the lease is gone, as in Kea.
     */
    public void hostReservationChanged(int address) {
        store.read(view -> {
            refreshBit(address);
            return null;
        });
    }

    private void markBusy(int address) {
        PoolState p = pool(address);
        if (p != null) {
            p.mark(address, true);
        }
    }

    public Dhcp4Config config() {
        return config;
    }

    /** The configured subnet with this id, or null. */
    public Subnet4 subnet(long id) {
        return subnets.get(id);
    }

    public LeaseStats stats() {
        return stats;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Counts {@code lease} as reclaimed and tells the reclaim listeners; call it inside a
     * transaction, before the lease's DNS data is cleared.
     */
    public void reclaimed(Lease lease) {
        if (!store.heldByCurrentThread()) {
            throw new IllegalStateException("reclaimed outside a lease store transaction");
        }
        stats.reclaimed(lease);
        for (ReclaimListener l : reclaimListeners) {
            l.reclaimed(lease);
        }
    }

    /** Loads leases read from a backend (tests, tools): nothing is written or published. */
    public void load(Collection<Lease> leases) {
        store.load(leases);
    }

    /**
     * The start-up load: the backend puts its leases straight into the store, and the pool bitmaps
     * and lease statistics are then counted once from what it holds. Returns the number of leases.
     */
    public int load(LeaseBackend backend) {
        return store.load(backend, view -> {
            LeaseStats.Tally tally = stats.tally();
            for (Lease l : view.all()) {
                if (l.countsAsAssigned()) {
                    markBusy(l.address());
                }
                tally.add(l);
            }
            tally.apply();
        });
    }

    /** Every lease in address order, read a page at a time under the lock (lease file compaction). */
    public Collection<Lease> leasesByPage() {
        return store.leasesByPage();
    }

    /** The results of a batch, its changes, which op made which, and when they are durable. */
    public record BatchOutcome(List<LeaseResult4> results, List<LeaseChange> changes, OpChanges ops, CompletableFuture<Void> durable) {
    }

    /** Applies the operations of one batch as one transaction of origin DHCP. */
    public BatchOutcome apply(List<LeaseOp4> ops) {
        List<LeaseResult4> results = new ArrayList<>(ops.size());
        int[] firstChange = new int[ops.size()];
        LeaseStore.Committed<Void> done = store.transact(LeaseChange.Origin.DHCP, tx -> {
            long nowMs = clock.millis();
            holds.expire(nowMs);
            for (int i = 0; i < ops.size(); i++) {
                firstChange[i] = tx.changeCount();
                LeaseOp4 op = ops.get(i);
                LeaseResult4 r;
                try {
                    r = apply(op, nowMs, tx);
                } catch (RuntimeException e) {
                    log.warn("ALLOC_ENGINE_V4_ALLOC_ERROR op {}: {}", op.id(), e.toString());
                    r = new LeaseResult4(op.id(), Status.ERROR, null, false, e.getMessage());
                }
                results.add(r);
            }
            return null;
        });
        return new BatchOutcome(results, done.changes(), new OpChanges(firstChange, done.changes().size()), done.done());
    }

    private LeaseResult4 apply(LeaseOp4 op, long nowMs, LeaseTx tx) {
        Client c = Client.of(op);
        return switch (op.kind()) {
            case OFFER -> offer(op, c, nowMs);
            case REQUEST -> request(op, c, nowMs, tx);
            case RELEASE -> release(op, c, nowMs, tx);
            case DECLINE -> decline(op, c, nowMs, tx);
        };
    }

    // ---------------------------------------------------------------- OFFER

    private LeaseResult4 offer(LeaseOp4 op, Client c, long nowMs) {
        List<Subnet4> subnets = candidates(op);
        Choice choice = choose(op, c, subnets, nowMs / 1000);
        if (choice == null) {
            return allocationFailed(op, subnets);
        }
        holds.hold(choice.address, c.key, nowMs);
        markBusy(choice.address);
        return new LeaseResult4(op.id(), Status.ASSIGNED, newLease(op, c, choice, nowMs / 1000).toLease4(),
                choice.reused, null);
    }

    private record Choice(int address, Subnet4 subnet, boolean reused) {
    }

    /** Kea's order: reservation, the client's existing lease, its pending offer, the hint, a free address, an expired one. */
    private Choice choose(LeaseOp4 op, Client c, List<Subnet4> subnets, long now) {
        Integer reservedAddr = parse(op.reservedAddress());
        if (reservedAddr != null) {
            Subnet4 s = op.reservedSubnetId() != 0 ? subnet(op.reservedSubnetId()) : containing(subnets, reservedAddr);
            if (s != null && usableBy(reservedAddr, c, now, true)) {
                return new Choice(reservedAddr, s, ownsActive(index.get(reservedAddr), c, now));
            }
            log.debug("ALLOC_ENGINE_V4_DISCOVER_ADDRESS_CONFLICT {} reserved for {} is in use", op.reservedAddress(), c);
            stats.count("v4-reservation-conflicts", s == null ? 0 : s.id());
        }
        for (Subnet4 s : subnets) {
            Lease l = clientLease(s, c);
            if (l != null && l.state() != LeaseState.DECLINED && usableBy(l.address(), c, now, false)
                    && allowedPool(s, l.address(), op)) {
                return new Choice(l.address(), s, l.state() == LeaseState.DEFAULT && !l.expiredAt(now));
            }
        }
        Integer held = holds.heldFor(c.key);
        if (held != null) {
            Subnet4 s = containing(subnets, held);
            if (s != null && allowedPool(s, held, op) && usableBy(held, c, now, false)) {
                return new Choice(held, s, false);
            }
        }
        Integer hint = parse(op.requestedAddress());
        if (hint != null) {
            Subnet4 s = containing(subnets, hint);
            if (s != null && allowedPool(s, hint, op) && usableBy(hint, c, now, false)) {
                return new Choice(hint, s, false);
            }
        }
        for (Subnet4 s : subnets) {
            for (PoolState p : pools.getOrDefault(s.id(), List.of())) {
                if (!Scopes.allows(p.spec, op.clientClasses())) {
                    continue;
                }
                Integer a = "random".equals(s.allocator()) ? p.nextRandom(random) : p.nextIterative();
                // the bitmap only knows assigned, reserved and held addresses; a released or
                // reclaimed lease of another client leaves the bit clear, and may be reused
                if (a != null && usableBy(a, c, now, false)) {
                    return new Choice(a, s, false);
                }
            }
        }
        for (Lease l : index.expired(now, EXPIRED_SCAN)) {
            Subnet4 s = containing(subnets, l.address());
            if (s != null && allowedPool(s, l.address(), op) && usableBy(l.address(), c, now, false)) {
                return new Choice(l.address(), s, false);
            }
        }
        // nothing free: the oldest offer another client has not requested yet (DHCP starvation by
        // a DISCOVER flood would otherwise last as long as the holds)
        Integer taken = holds.takeOldest(a -> {
            Subnet4 s = containing(subnets, a);
            return s != null && allowedPool(s, a, op);
        });
        if (taken != null) {
            if (usableBy(taken, c, now, false)) {
                offersTaken++;
                return new Choice(taken, containing(subnets, taken), false);
            }
            refreshBit(taken);
        }
        return null;
    }

    /** How many held offers were given to another client because nothing else was free. */
    public long offersTaken() {
        return store.read(v -> offersTaken);
    }

    private LeaseResult4 allocationFailed(LeaseOp4 op, List<Subnet4> subnets) {
        long first = subnets.isEmpty() ? 0 : subnets.get(0).id();
        stats.count("v4-allocation-fail", first);
        boolean anyPool = false;
        boolean anyAllowed = false;
        for (Subnet4 s : subnets) {
            for (PoolState p : pools.getOrDefault(s.id(), List.of())) {
                anyPool = true;
                anyAllowed |= Scopes.allows(p.spec, op.clientClasses());
            }
        }
        String reason;
        if (!anyPool) {
            stats.count("v4-allocation-fail-no-pools", first);
            reason = "no pools";
        } else if (!anyAllowed) {
            stats.count("v4-allocation-fail-classes", first);
            reason = "no pool allowed for the client's classes";
        } else if (subnets.size() > 1) {
            stats.count("v4-allocation-fail-shared-network", first);
            reason = "shared network is full";
        } else {
            stats.count("v4-allocation-fail-subnet", first);
            reason = "subnet is full";
        }
        log.warn("ALLOC_ENGINE_V4_ALLOC_FAIL failed to allocate an IPv4 address for {} after trying {} subnet(s): {}",
                Client.of(op), subnets.size(), reason);
        return new LeaseResult4(op.id(), Status.NO_ADDRESS, null, false, reason);
    }

    // ---------------------------------------------------------------- REQUEST

    private LeaseResult4 request(LeaseOp4 op, Client c, long nowMs, LeaseTx tx) {
        long now = nowMs / 1000;
        List<Subnet4> subnets = candidates(op);
        if (subnets.isEmpty()) {
            return new LeaseResult4(op.id(), Status.UNKNOWN, null, false, "no subnet for the client");
        }
        Integer r = parse(op.requestedAddress());
        if (r == null) {
            Choice choice = choose(op, c, subnets, now);
            if (choice == null) {
                return allocationFailed(op, subnets);
            }
            return commit(op, c, choice.address, choice.subnet, now, tx);
        }
        String refusal = refusal(op, c, subnets, r, now);
        if (refusal == null) {
            return commit(op, c, r, containing(subnets, r), now, tx);
        }
        if (op.exact()) {
            log.debug("ALLOC_ENGINE_V4_REQUEST_INVALID {} asked for {}: {}", c, op.requestedAddress(), refusal);
            return new LeaseResult4(op.id(), Status.NAK, null, false, refusal);
        }
        Choice choice = choose(op, c, subnets, now);
        if (choice == null) {
            return allocationFailed(op, subnets);
        }
        return commit(op, c, choice.address, choice.subnet, now, tx);
    }

    /** Why this client may not have {@code r}, or null when it may. */
    private String refusal(LeaseOp4 op, Client c, List<Subnet4> subnets, int r, long now) {
        Subnet4 s = containing(subnets, r);
        if (s == null) {
            return "address " + Ipv4.format(r) + " is not in the client's subnet(s)";
        }
        Integer mine = parse(op.reservedAddress());
        if (mine != null && mine != r) {
            // Kea's requestLease4: a client asking for another address than its reservation is
            // refused while the reserved one is free for it; while another client holds the
            // reserved address (a reservation conflict), it keeps the address it was offered
            if (usableBy(mine, c, now, true)) {
                return "the client has a reservation for " + op.reservedAddress();
            }
            mine = null;
        }
        boolean isReservation = mine != null;
        if (!usableBy(r, c, now, isReservation)) {
            return "address " + Ipv4.format(r) + " is in use or reserved for another client";
        }
        Lease existing = index.get(r);
        if (!isReservation && !allowedPool(s, r, op) && !(existing != null && c.owns(existing))) {
            return "address " + Ipv4.format(r) + " is not in a pool the client may use";
        }
        return null;
    }

    private LeaseResult4 commit(LeaseOp4 op, Client c, int address, Subnet4 s, long now, LeaseTx tx) {
        Lease old = index.get(address);
        boolean renewal = old != null && c.owns(old) && old.state() == LeaseState.DEFAULT;
        if (old != null && !c.owns(old) && old.awaitsReclamation()) {
            // reclaim on the spot, as Kea does when it reuses an expired lease
            reclaimed(old);
        }
        Lease other = clientLease(s, c);
        if (other != null && other.address() != address) {
            // one lease per client and subnet: the client moved to another address
            tx.remove(other.address());
        }
        Lease previous = renewal ? old
                : other != null && other.address() != address && other.state() == LeaseState.DEFAULT ? other : null;
        Lease lease = newLease(op, c, new Choice(address, s, renewal), now);
        if (renewal && old.userContext() != null) {
            lease = new Lease(lease.address(), lease.hwAddress(), lease.clientId(), lease.validLft(), lease.cltt(),
                    lease.subnetId(), lease.poolId(), lease.fqdnFwd(), lease.fqdnRev(), lease.hostname(), lease.state(),
                    old.userContext());
        }
        tx.put(lease);
        holds.drop(c.key);
        if (!renewal) {
            stats.assigned(lease);
        }
        return new LeaseResult4(op.id(), Status.ASSIGNED, lease.toLease4(), renewal, null, withDns(previous));
    }

    // ---------------------------------------------------------------- RELEASE / DECLINE

    private LeaseResult4 release(LeaseOp4 op, Client c, long nowMs, LeaseTx tx) {
        Integer r = parse(op.requestedAddress());
        Lease l = r == null ? null : index.get(r);
        if (l == null || !c.owns(l) || l.state() != LeaseState.DEFAULT) {
            return new LeaseResult4(op.id(), Status.IGNORED, null, false, "no lease of this client at " + op.requestedAddress());
        }
        holds.drop(c.key);
        if (Scopes.keepsReclaimed(config.expiredLeasesProcessing())) {
            // lease affinity (Kea 2.7 processRelease): keep it as released with valid-lft 0;
            // reclamation turns it into expired-reclaimed and the flush timer removes it later
            Lease released = l.withState(LeaseState.RELEASED, nowMs / 1000, 0);
            tx.put(released);
        } else {
            tx.remove(l.address());
        }
        return new LeaseResult4(op.id(), Status.RELEASED, l.toLease4(), false, null);
    }

    private LeaseResult4 decline(LeaseOp4 op, Client c, long nowMs, LeaseTx tx) {
        Integer r = parse(op.requestedAddress());
        Lease l = r == null ? null : index.get(r);
        if (l == null || !c.owns(l) || l.state() != LeaseState.DEFAULT) {
            return new LeaseResult4(op.id(), Status.IGNORED, null, false, "no lease of this client at " + op.requestedAddress());
        }
        // Kea (Lease4::decline): identifiers and hostname cleared, probation as the lifetime
        Lease declined = new Lease(l.address(), "", null, config.declineProbationPeriod(), nowMs / 1000, l.subnetId(),
                l.poolId(), false, false, "", LeaseState.DECLINED, null);
        tx.put(declined);
        log.info("DHCPSRV_DECLINE_LEASE lease {} declined, probation {} s", l.addressText(), config.declineProbationPeriod());
        return new LeaseResult4(op.id(), Status.DECLINED, declined.toLease4(), false, null, withDns(l));
    }

    // ---------------------------------------------------------------- helpers

    /** The lease as JSON when it carries DNS data the DHCP side may have to remove, else null. */
    private static io.dhcpsuite.api.lease.Lease4 withDns(Lease l) {
        return l != null && l.hostname() != null && !l.hostname().isEmpty() && (l.fqdnFwd() || l.fqdnRev())
                ? l.toLease4() : null;
    }

    private Lease newLease(LeaseOp4 op, Client c, Choice choice, long now) {
        long valid = op.validLifetime() > 0 ? op.validLifetime() : choice.subnet.lifetimes().valid();
        PoolState p = pool(choice.address);
        String host = op.hostname() == null ? "" : op.hostname();
        if (op.generateHostname()) {
            // Kea's generateFqdn, with the DDNS parameters of the address's pool
            host = config.ddnsFor(choice.subnet.id(), choice.address).generatedName(choice.address, !".".equals(host))
                    .toLowerCase(java.util.Locale.ROOT);
        }
        return new Lease(choice.address, c.hw, op.clientId() == null ? null : c.cid, valid, now, choice.subnet.id(),
                p == null ? 0 : p.spec.poolId(), op.fqdnFwd(), op.fqdnRev(), host, LeaseState.DEFAULT, null);
    }

    /**
     * Whether client {@code c} may have {@code address} now: not reserved for someone else (unless
     * {@code itsReservation}), not held by another offer, and either free, its own, or a lease
     * that is expired, released or reclaimed.
     */
    private boolean usableBy(int address, Client c, long now, boolean itsReservation) {
        if (!itsReservation) {
            if (reservations.reservedForOther(address, c)) {
                return false;
            }
        }
        if (holds.heldForOther(address, c.key)) {
            return false;
        }
        Lease l = index.get(address);
        return l == null || c.owns(l) || l.expiredAt(now)
                || l.state() == LeaseState.EXPIRED_RECLAIMED || l.state() == LeaseState.RELEASED;
    }

    private boolean ownsActive(Lease l, Client c, long now) {
        return l != null && c.owns(l) && l.state() == LeaseState.DEFAULT && !l.expiredAt(now);
    }

    private boolean allowedPool(Subnet4 s, int address, LeaseOp4 op) {
        for (PoolState p : pools.getOrDefault(s.id(), List.of())) {
            if (p.contains(address)) {
                return Scopes.allows(p.spec, op.clientClasses());
            }
        }
        return false;
    }

    private Lease clientLease(Subnet4 s, Client c) {
        if (c.useCid) {
            Lease l = index.byClientId(s.id(), c.cid);
            if (l != null) {
                return l;
            }
            l = c.hw == null ? null : index.byHwAddress(s.id(), c.hw);
            return l != null && l.clientId() == null ? l : null;
        }
        return c.hw == null ? null : index.byHwAddress(s.id(), c.hw);
    }

    private List<Subnet4> candidates(LeaseOp4 op) {
        List<Subnet4> out = new ArrayList<>(op.subnetIds() == null ? 0 : op.subnetIds().size());
        if (op.subnetIds() != null) {
            for (Long id : op.subnetIds()) {
                Subnet4 s = subnets.get(id);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static Subnet4 containing(List<Subnet4> subnets, int address) {
        for (Subnet4 s : subnets) {
            if (s.contains(address)) {
                return s;
            }
        }
        return null;
    }

    PoolState pool(int address) {
        Subnet4 s = Scopes.subnetContaining(config, address);
        if (s == null) {
            return null;
        }
        for (PoolState p : pools.getOrDefault(s.id(), List.of())) {
            if (p.contains(address)) {
                return p;
            }
        }
        return null;
    }

    private static Integer parse(String text) {
        return text == null || text.isEmpty() ? null : Ipv4.tryParse(text);
    }

    /** Keeps the pool bitmaps in step with the index. */
    private void changed(Lease before, Lease after) {
        if (before != null && before.countsAsAssigned() && (after == null || !after.countsAsAssigned())) {
            refreshBit(before.address());
        }
        if (after != null && after.countsAsAssigned()) {
            PoolState p = pool(after.address());
            if (p != null) {
                p.mark(after.address(), true);
            }
        }
    }

    private void refreshBit(int address) {
        PoolState p = pool(address);
        if (p != null) {
            Lease l = index.get(address);
            boolean busy = reservations.reserved(address) || holds.held(address)
                    || (l != null && l.countsAsAssigned());
            p.mark(address, busy);
        }
    }

    /** How many offers are held (tests, status). */
    public int heldOffers() {
        return store.read(v -> holds.size());
    }

    /**
     * The client as Kea identifies it: by client id when the subnet's match-client-id is on and the
     * client sent one, else by hardware address.
     */
    record Client(String hw, String cid, boolean useCid, String key) {
        static Client of(LeaseOp4 op) {
            String hw = op.hwAddress() == null || op.hwAddress().isEmpty() ? null : op.hwAddress().toLowerCase();
            String cid = op.clientId() == null || op.clientId().isEmpty() ? null : op.clientId().toLowerCase();
            boolean useCid = op.matchClientId() && cid != null;
            return new Client(hw, cid, useCid, useCid ? "cid:" + cid : "hw:" + hw);
        }

        boolean owns(Lease l) {
            if (useCid) {
                return l.clientId() != null ? l.clientId().equals(cid) : hw != null && hw.equals(l.hwAddress());
            }
            return hw != null && hw.equals(l.hwAddress());
        }

        boolean matches(Reservation4 r) {
            return (r.hwAddress() != null && r.hwAddress().equals(hw)) || (r.clientId() != null && r.clientId().equals(cid));
        }

        @Override
        public String toString() {
            return useCid ? "client-id " + cid : "hwaddr " + hw;
        }
    }
}
