package io.dhcpsuite.lease.store;

import io.dhcpsuite.api.lease.LeaseState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory lease indexes: by address (ordered, for pages), by hardware address, by client id,
 * by hostname, by subnet, and by expiry for reclamation, so no operation scans the whole table.
 * Not thread-safe: the allocation engine's lock guards it. Every change goes through
 * {@link #put} or {@link #remove}, which tell the {@link Listener} (statistics, pool bitmaps).
 */
public final class LeaseIndex {

    /** Told of every change: {@code before} or {@code after} is null for an insert or a delete. */
    public interface Listener {
        void changed(Lease before, Lease after);
    }

    private final NavigableMap<Integer, Lease> byAddress = new TreeMap<>(Integer::compareUnsigned);
    private final Map<String, Set<Integer>> byHw = new HashMap<>();
    private final Map<String, Set<Integer>> byClientId = new HashMap<>();
    private final Map<String, Set<Integer>> byHostname = new HashMap<>();
    private final Map<Long, Set<Integer>> bySubnet = new HashMap<>();
    /** Leases in state default, declined or released, keyed by (expire, address). */
    private final TreeSet<Long> toReclaim = new TreeSet<>();
    /** Expired-reclaimed leases, keyed by (expire, address), for the flush timer. */
    private final TreeSet<Long> reclaimed = new TreeSet<>();
    private Listener listener = (b, a) -> { };

    public void listener(Listener l) {
        this.listener = l;
    }

    public Lease get(int address) {
        return byAddress.get(address);
    }

    public int size() {
        return byAddress.size();
    }

    /** Stores the lease, replacing the one at its address; returns the old one or null. */
    public Lease put(Lease lease) {
        Lease old = byAddress.put(lease.address(), lease);
        if (old != null) {
            unindex(old);
        }
        index(lease);
        listener.changed(old, lease);
        return old;
    }

    public Lease remove(int address) {
        Lease old = byAddress.remove(address);
        if (old != null) {
            unindex(old);
            listener.changed(old, null);
        }
        return old;
    }

    /** Drops everything without telling the listener (reload). */
    public void clear() {
        byAddress.clear();
        byHw.clear();
        byClientId.clear();
        byHostname.clear();
        bySubnet.clear();
        toReclaim.clear();
        reclaimed.clear();
    }

    public Collection<Lease> all() {
        return Collections.unmodifiableCollection(byAddress.values());
    }

    /** Up to {@code limit} leases with an address above {@code after} (unsigned), ascending. */
    public List<Lease> page(Integer after, int limit) {
        Collection<Lease> tail = after == null ? byAddress.values() : byAddress.tailMap(after, false).values();
        List<Lease> out = new ArrayList<>(Math.min(limit, 1024));
        for (Lease l : tail) {
            if (out.size() >= limit) {
                break;
            }
            out.add(l);
        }
        return out;
    }

    public List<Lease> byHwAddress(String hw) {
        return resolve(byHw.get(hw));
    }

    public List<Lease> byClientId(String clientId) {
        return resolve(byClientId.get(clientId));
    }

    public List<Lease> byHostname(String hostname) {
        return resolve(byHostname.get(hostname.toLowerCase(Locale.ROOT)));
    }

    public List<Lease> bySubnet(long subnetId) {
        return resolve(bySubnet.get(subnetId));
    }

    public Lease byHwAddress(long subnetId, String hw) {
        return first(byHw.get(hw), subnetId);
    }

    public Lease byClientId(long subnetId, String clientId) {
        return first(byClientId.get(clientId), subnetId);
    }

    /**
     * Leases awaiting reclamation whose expiry is before {@code nowSeconds}, oldest first, at most
     * {@code limit} (0 = all).
     */
    public List<Lease> expired(long nowSeconds, int limit) {
        return before(toReclaim, nowSeconds, limit);
    }

    /** Expired-reclaimed leases whose expiry is before {@code cutoffSeconds}. */
    public List<Lease> reclaimedBefore(long cutoffSeconds, int limit) {
        return before(reclaimed, cutoffSeconds, limit);
    }

    private List<Lease> before(TreeSet<Long> queue, long seconds, int limit) {
        List<Lease> out = new ArrayList<>();
        for (long key : queue.headSet(seconds << 32)) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.add(byAddress.get((int) key));
        }
        return out;
    }

    private Lease first(Set<Integer> addrs, long subnetId) {
        if (addrs == null) {
            return null;
        }
        Lease best = null;
        for (int a : addrs) {
            Lease l = byAddress.get(a);
            if (l.subnetId() == subnetId && (best == null || rank(l) < rank(best))) {
                best = l;
            }
        }
        return best;
    }

    /** Prefer an active lease over a released or reclaimed one of the same client. */
    private static int rank(Lease l) {
        return l.state() == LeaseState.DEFAULT ? 0 : 1;
    }

    private List<Lease> resolve(Set<Integer> addrs) {
        if (addrs == null) {
            return List.of();
        }
        List<Lease> out = new ArrayList<>(addrs.size());
        for (int a : addrs) {
            out.add(byAddress.get(a));
        }
        out.sort((x, y) -> Integer.compareUnsigned(x.address(), y.address()));
        return out;
    }

    private void index(Lease l) {
        int a = l.address();
        if (l.hwAddress() != null && !l.hwAddress().isEmpty()) {
            byHw.computeIfAbsent(l.hwAddress(), k -> new HashSet<>(2)).add(a);
        }
        if (l.clientId() != null) {
            byClientId.computeIfAbsent(l.clientId(), k -> new HashSet<>(2)).add(a);
        }
        if (l.hostname() != null && !l.hostname().isEmpty()) {
            byHostname.computeIfAbsent(l.hostname().toLowerCase(Locale.ROOT), k -> new HashSet<>(2)).add(a);
        }
        bySubnet.computeIfAbsent(l.subnetId(), k -> new HashSet<>()).add(a);
        Long key = expiryKey(l);
        if (key != null) {
            (l.state() == LeaseState.EXPIRED_RECLAIMED ? reclaimed : toReclaim).add(key);
        }
    }

    private void unindex(Lease l) {
        int a = l.address();
        drop(byHw, l.hwAddress(), a);
        drop(byClientId, l.clientId(), a);
        if (l.hostname() != null) {
            drop(byHostname, l.hostname().toLowerCase(Locale.ROOT), a);
        }
        Set<Integer> s = bySubnet.get(l.subnetId());
        if (s != null) {
            s.remove(a);
            if (s.isEmpty()) {
                bySubnet.remove(l.subnetId());
            }
        }
        Long key = expiryKey(l);
        if (key != null) {
            (l.state() == LeaseState.EXPIRED_RECLAIMED ? reclaimed : toReclaim).remove(key);
        }
    }

    private static <K> void drop(Map<K, Set<Integer>> map, K key, int a) {
        if (key == null) {
            return;
        }
        Set<Integer> s = map.get(key);
        if (s != null) {
            s.remove(a);
            if (s.isEmpty()) {
                map.remove(key);
            }
        }
    }

    /** (expire, address) packed so that the set orders by expiry; infinite leases never expire. */
    private static Long expiryKey(Lease l) {
        if (l.infinite() || !(l.awaitsReclamation() || l.state() == LeaseState.EXPIRED_RECLAIMED)) {
            return null;
        }
        long expire = Math.max(0, Math.min(l.expire(), 0x7FFF_FFFFL));
        return (expire << 32) | Integer.toUnsignedLong(l.address());
    }
}
