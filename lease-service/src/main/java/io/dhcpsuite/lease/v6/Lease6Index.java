package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The v6 leases in memory with the indexes the engine and the commands read: by (address, type) in
 * order, by binding (DUID, IAID, type, subnet), by DUID, by hostname and by expiry. Not thread-safe:
 * {@link Lease6Store}'s lock guards it. A v6 store holds far fewer leases than a v4 one, so the
 * leases are kept as {@link Lease6} values in ordinary maps rather than in columns.
 */
public final class Lease6Index {

    /** Told of every put and remove (statistics). */
    @FunctionalInterface
    public interface Listener {
        void changed(Lease6 before, Lease6 after);
    }

    /** An IA's binding: the leases one IA of one client has in one subnet. */
    public record Binding(String duid, long iaid, int type, long subnetId) {
    }

    private record Expiry(long expire, Lease6Key key) {
    }

    private static final Comparator<Expiry> BY_EXPIRY =
            Comparator.comparingLong(Expiry::expire).thenComparing(Expiry::key);

    private final TreeMap<Lease6Key, Lease6> byKey = new TreeMap<>();
    private final Map<Binding, Set<Lease6Key>> byBinding = new HashMap<>();
    private final Map<String, Set<Lease6Key>> byDuid = new HashMap<>();
    private final Map<String, Set<Lease6Key>> byHostname = new HashMap<>();
    /** Leases reclamation still has to process (default, declined, released), by expiry; infinite ones left out. */
    private final TreeSet<Expiry> byExpiry = new TreeSet<>(BY_EXPIRY);
    /** Expired-reclaimed leases by expiry, for the flush. */
    private final TreeSet<Expiry> reclaimed = new TreeSet<>(BY_EXPIRY);
    private Listener listener = (b, a) -> { };

    public void listener(Listener l) {
        this.listener = l;
    }

    public int size() {
        return byKey.size();
    }

    public Lease6 get(Lease6Key key) {
        return byKey.get(key);
    }

    /** Stores the lease, replacing the one at its key; returns the replaced one or null. */
    public Lease6 put(Lease6 lease) {
        Lease6Key key = Lease6Key.of(lease);
        Lease6 old = byKey.put(key, lease);
        if (old != null) {
            unindex(key, old);
        }
        index(key, lease);
        listener.changed(old, lease);
        return old;
    }

    public Lease6 remove(Lease6Key key) {
        Lease6 old = byKey.remove(key);
        if (old != null) {
            unindex(key, old);
            listener.changed(old, null);
        }
        return old;
    }

    /** Every lease, in (address, type) order; a copy. */
    public List<Lease6> all() {
        return new ArrayList<>(byKey.values());
    }

    /** The live view in (address, type) order (read under the lock only). */
    public Collection<Lease6> values() {
        return byKey.values();
    }

    /** Up to {@code limit} leases after {@code from} (exclusive; null = from the start), in order. */
    public List<Lease6> page(Lease6Key from, int limit) {
        NavigableMap<Lease6Key, Lease6> tail = from == null ? byKey : byKey.tailMap(from, false);
        List<Lease6> out = new ArrayList<>(Math.min(limit, 1024));
        for (Lease6 l : tail.values()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(l);
        }
        return out;
    }

    /** The leases of one IA in one subnet. */
    public List<Lease6> binding(String duid, long iaid, int type, long subnetId) {
        return collect(byBinding.get(new Binding(duid, iaid, type, subnetId)));
    }

    public List<Lease6> byDuid(String duid) {
        return collect(byDuid.get(duid));
    }

    /** Kea compares hostnames without regard to case. */
    public List<Lease6> byHostname(String hostname) {
        return collect(byHostname.get(hostname.toLowerCase(Locale.ROOT)));
    }

    /** Up to {@code max} (0 = all) expired-reclaimed leases that expired before {@code cutoff}. */
    public List<Lease6> reclaimedBefore(long cutoff, int max) {
        List<Lease6> out = new ArrayList<>();
        for (Expiry e : reclaimed) {
            if (e.expire >= cutoff || (max > 0 && out.size() >= max)) {
                break;
            }
            out.add(byKey.get(e.key));
        }
        return out;
    }

    /**
     * Up to {@code max} (0 = all) leases awaiting reclamation whose expiry is before {@code now},
     * earliest first.
     */
    public List<Lease6> expired(long now, int max) {
        List<Lease6> out = new ArrayList<>();
        for (Expiry e : byExpiry) {
            if (e.expire >= now || (max > 0 && out.size() >= max)) {
                break;
            }
            out.add(byKey.get(e.key));
        }
        return out;
    }

    private List<Lease6> collect(Set<Lease6Key> keys) {
        if (keys == null) {
            return List.of();
        }
        List<Lease6> out = new ArrayList<>(keys.size());
        for (Lease6Key k : keys) {
            out.add(byKey.get(k));
        }
        return out;
    }

    private void index(Lease6Key key, Lease6 l) {
        if (l.duid() != null && !l.duid().isEmpty()) {
            byBinding.computeIfAbsent(new Binding(l.duid(), l.iaid(), key.type(), l.subnetId()), b -> new LinkedHashSet<>(2))
                    .add(key);
            byDuid.computeIfAbsent(l.duid(), d -> new LinkedHashSet<>(2)).add(key);
        }
        if (l.hostname() != null && !l.hostname().isEmpty()) {
            byHostname.computeIfAbsent(l.hostname().toLowerCase(Locale.ROOT), h -> new LinkedHashSet<>(2)).add(key);
        }
        expiryIndex(l).add(new Expiry(l.expire(), key));
    }

    private TreeSet<Expiry> expiryIndex(Lease6 l) {
        if (l.state() == io.dhcpsuite.api.lease.LeaseState.EXPIRED_RECLAIMED) {
            return reclaimed;
        }
        return l.validLft() == Leases6.INFINITE || !Leases6.awaitsReclamation(l) ? NOWHERE : byExpiry;
    }

    /** Where leases no timer looks at go: always empty. */
    private static final TreeSet<Expiry> NOWHERE = new TreeSet<>(BY_EXPIRY) {
        @Override
        public boolean add(Expiry e) {
            return false;
        }
    };

    private void unindex(Lease6Key key, Lease6 l) {
        if (l.duid() != null && !l.duid().isEmpty()) {
            removeFrom(byBinding, new Binding(l.duid(), l.iaid(), key.type(), l.subnetId()), key);
            removeFrom(byDuid, l.duid(), key);
        }
        if (l.hostname() != null && !l.hostname().isEmpty()) {
            removeFrom(byHostname, l.hostname().toLowerCase(Locale.ROOT), key);
        }
        expiryIndex(l).remove(new Expiry(l.expire(), key));
    }

    private static <K> void removeFrom(Map<K, Set<Lease6Key>> map, K k, Lease6Key key) {
        Set<Lease6Key> s = map.get(k);
        if (s != null && s.remove(key) && s.isEmpty()) {
            map.remove(k);
        }
    }
}
