package io.dhcpsuite.lease.store;

import io.dhcpsuite.api.lease.LeaseState;
import java.nio.charset.StandardCharsets;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The in-memory lease indexes: by address (ordered, for pages), by hardware address, by client id,
 * by hostname, and by expiry for reclamation, so no hot-path operation scans the whole table.
 * Not thread-safe: the allocation engine's lock guards it. Every change goes through
 * {@link #put} or {@link #remove}, which tell the {@link Listener} (statistics, pool bitmaps).
 *
 * <p>Leases are not kept as objects: each has a slot in columns of primitives (chunks of
 * {@value #CHUNK} slots, so the table grows without copying), and a {@link Lease} is built only when
 * one is asked for. A million leases take about 80 MB instead of the 780 of records in maps:
 * <ul>
 * <li>hardware address and client id inline in a long when they are colon hex of at most 8 bytes
 *     (a MAC, a type-1 client id); longer ones as byte[], anything else as the String given; a
 *     client id that is 01 followed by the hardware address (what most clients send) is not
 *     stored at all;
 * <li>cltt, valid lifetime, subnet and pool ids as unsigned 32-bit ints; a lease with a value out
 *     of that range keeps its exact values in a side map (never seen from Kea's own files);
 * <li>hostnames, pool ids and user contexts only where present;
 * <li>lookups by identifier and hostname are hash chains through the slots ({@code int} links);
 *     the address index is an {@link AddressMap}; the expiry queues are {@link SortedLongSet}s of
 *     (expire, address), so reclamation and allocation read the oldest first without a scan;
 *     one more of (cltt, address) holds every lease in the order an HA partner's incremental
 *     sync reads (a lease that changes moves to the end), about 10 bytes a lease.
 * </ul>
 * Listing by subnet scans the slots, as it is only done by commands.
 */
public final class LeaseIndex implements LeaseView {

    /** Told of every change: {@code before} or {@code after} is null for an insert or a delete. */
    public interface Listener {
        void changed(Lease before, Lease after);
    }

    private static final Listener NONE = (b, a) -> { };
    static final int CHUNK = 1 << 12;
    private static final int SHIFT = 12;
    private static final int MASK = CHUNK - 1;
    private static final int NIL = -1;

    // flags: state in the low three bits
    private static final int STATE = 0x07;
    private static final int FWD = 0x08;
    private static final int REV = 0x10;
    private static final int HOST_NULL = 0x20;
    private static final int WIDE = 0x40;
    private static final int USED = 0x80;

    // identifier lengths: 0..8 inline bytes, or one of these
    private static final byte ID_NULL = -1;
    private static final byte ID_BIG = 9;
    private static final byte ID_DERIVED = 10;

    /** One chunk of slots; the columns that are mostly empty are allocated on first use. */
    private static final class Chunk {
        final int[] address = new int[CHUNK];
        final int[] cltt = new int[CHUNK];
        final int[] valid = new int[CHUNK];
        final int[] subnet = new int[CHUNK];
        final byte[] flags = new byte[CHUNK];
        final byte[] hwLen = new byte[CHUNK];
        final long[] hw = new long[CHUNK];
        final byte[] cidLen = new byte[CHUNK];
        /** Hardware-address chain; for a free slot, the next free slot. */
        final int[] hwNext = new int[CHUNK];
        final int[] cidNext = new int[CHUNK];
        long[] cid;
        int[] pool;
        /** Non-empty hostnames: ASCII ones as their bytes (a third of a String's size), others as the String. */
        Object[] host;
        int[] hostNext;
        /** Identifiers that are not inline: [2i] hardware address, [2i + 1] client id. */
        Object[] big;

        Chunk() {
        }

        Chunk(Chunk o) {
            System.arraycopy(o.address, 0, address, 0, CHUNK);
            System.arraycopy(o.cltt, 0, cltt, 0, CHUNK);
            System.arraycopy(o.valid, 0, valid, 0, CHUNK);
            System.arraycopy(o.subnet, 0, subnet, 0, CHUNK);
            System.arraycopy(o.flags, 0, flags, 0, CHUNK);
            System.arraycopy(o.hwLen, 0, hwLen, 0, CHUNK);
            System.arraycopy(o.hw, 0, hw, 0, CHUNK);
            System.arraycopy(o.cidLen, 0, cidLen, 0, CHUNK);
            System.arraycopy(o.hwNext, 0, hwNext, 0, CHUNK);
            System.arraycopy(o.cidNext, 0, cidNext, 0, CHUNK);
            cid = o.cid == null ? null : o.cid.clone();
            pool = o.pool == null ? null : o.pool.clone();
            host = o.host == null ? null : o.host.clone();
            hostNext = o.hostNext == null ? null : o.hostNext.clone();
            big = o.big == null ? null : o.big.clone();
        }

        long[] cids() {
            return cid != null ? cid : (cid = new long[CHUNK]);
        }

        int[] pools() {
            return pool != null ? pool : (pool = new int[CHUNK]);
        }

        Object[] hosts() {
            if (host == null) {
                host = new Object[CHUNK];
                hostNext = new int[CHUNK];
            }
            return host;
        }

        Object[] bigs() {
            return big != null ? big : (big = new Object[2 * CHUNK]);
        }
    }

    private Chunk[] chunks = new Chunk[0];
    private int slotCount;
    private int freeHead = NIL;
    private int size;
    private final AddressMap byAddress;
    private int[] hwHead;
    private int hwCount;
    private int[] cidHead;
    private int cidCount;
    private int[] hostHead;
    private int hostCount;
    /** Exact values of leases whose numbers do not fit the columns: {cltt, valid, subnet, pool, state}. */
    private final Map<Integer, long[]> wide;
    private final Map<Integer, String> userContext;
    /** Leases in state default, declined or released, keyed by (expire, address). */
    private final SortedLongSet toReclaim;
    /** Expired-reclaimed leases, keyed by (expire, address), for the flush timer. */
    private final SortedLongSet reclaimed;
    /** Every lease keyed by (cltt, address): the order an HA partner's incremental sync reads in. */
    private final SortedLongSet byCltt;
    private Listener listener = NONE;
    private int modCount;

    public LeaseIndex() {
        byAddress = new AddressMap();
        hwHead = table(256);
        cidHead = table(256);
        hostHead = table(256);
        wide = new HashMap<>();
        userContext = new HashMap<>();
        toReclaim = new SortedLongSet();
        reclaimed = new SortedLongSet();
        byCltt = new SortedLongSet();
    }

    private LeaseIndex(LeaseIndex o) {
        chunks = new Chunk[o.chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = o.chunks[i] == null ? null : new Chunk(o.chunks[i]);
        }
        slotCount = o.slotCount;
        freeHead = o.freeHead;
        size = o.size;
        byAddress = o.byAddress.copy();
        hwHead = o.hwHead.clone();
        hwCount = o.hwCount;
        cidHead = o.cidHead.clone();
        cidCount = o.cidCount;
        hostHead = o.hostHead.clone();
        hostCount = o.hostCount;
        wide = new HashMap<>();
        o.wide.forEach((k, v) -> wide.put(k, v.clone()));
        userContext = new HashMap<>(o.userContext);
        toReclaim = o.toReclaim.copy();
        reclaimed = o.reclaimed.copy();
        byCltt = o.byCltt.copy();
    }

    private static int[] table(int n) {
        int[] t = new int[n];
        Arrays.fill(t, NIL);
        return t;
    }

    void listener(Listener l) {
        this.listener = l == null ? NONE : l;
    }

    /** A copy that later changes to this index do not reach, without a listener (lease4-write). */
    public LeaseIndex copy() {
        return new LeaseIndex(this);
    }

    public Lease get(int address) {
        int s = byAddress.get(address);
        return s < 0 ? null : lease(s);
    }

    public int size() {
        return size;
    }

    /** Stores the lease, replacing the one at its address; returns the old one or null. */
    public Lease put(Lease lease) {
        int s = byAddress.get(lease.address());
        Lease old = null;
        if (s >= 0) {
            old = lease(s);
            unindex(s);
        } else {
            s = allocate();
            byAddress.put(lease.address(), s);
            size++;
        }
        write(s, lease);
        index(s);
        modCount++;
        listener.changed(old, lease);
        return old;
    }

    public Lease remove(int address) {
        int s = byAddress.get(address);
        if (s < 0) {
            return null;
        }
        Lease old = lease(s);
        unindex(s);
        byAddress.remove(address);
        release(s);
        size--;
        modCount++;
        listener.changed(old, null);
        return old;
    }

    /** Drops everything without telling the listener (reload). */
    public void clear() {
        chunks = new Chunk[0];
        slotCount = 0;
        freeHead = NIL;
        size = 0;
        byAddress.clear();
        hwHead = table(256);
        hwCount = 0;
        cidHead = table(256);
        cidCount = 0;
        hostHead = table(256);
        hostCount = 0;
        wide.clear();
        userContext.clear();
        toReclaim.clear();
        reclaimed.clear();
        byCltt.clear();
        modCount++;
    }

    /** Every lease in ascending (unsigned) address order, built as the iteration reaches it. */
    public Collection<Lease> all() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Lease> iterator() {
                return new Walk();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Up to {@code limit} leases with an address above {@code after} (unsigned), ascending. */
    public List<Lease> page(Integer after, int limit) {
        long start = after == null ? 0 : Integer.toUnsignedLong(after) + 1;
        int[] buf = new int[Math.max(0, Math.min(limit, Math.max(size, 1)))];
        int n = byAddress.slotsFrom(start, buf);
        List<Lease> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(lease(buf[i]));
        }
        return out;
    }

    public List<Lease> byHwAddress(String hw) {
        Id id = Id.of(hw);
        List<Lease> out = new ArrayList<>(2);
        for (int s = hwHead[id.hash() & (hwHead.length - 1)]; s != NIL; s = chunks[s >>> SHIFT].hwNext[s & MASK]) {
            if (hwMatches(s, id)) {
                out.add(lease(s));
            }
        }
        return sorted(out);
    }

    public List<Lease> byClientId(String clientId) {
        Id id = Id.of(clientId);
        List<Lease> out = new ArrayList<>(2);
        for (int s = cidHead[id.hash() & (cidHead.length - 1)]; s != NIL; s = chunks[s >>> SHIFT].cidNext[s & MASK]) {
            if (cidMatches(s, id)) {
                out.add(lease(s));
            }
        }
        return sorted(out);
    }

    public List<Lease> byHostname(String hostname) {
        String key = hostname.toLowerCase(Locale.ROOT);
        List<Lease> out = new ArrayList<>(2);
        for (int s = hostHead[mix(key.hashCode()) & (hostHead.length - 1)]; s != NIL; s = chunks[s >>> SHIFT].hostNext[s & MASK]) {
            if (hostIs(chunks[s >>> SHIFT].host[s & MASK], key)) {
                out.add(lease(s));
            }
        }
        return sorted(out);
    }

    /** The leases of a subnet, ascending; a scan, as only commands ask. */
    public List<Lease> bySubnet(long subnetId) {
        List<Lease> out = new ArrayList<>();
        int[] buf = new int[1024];
        long start = 0;
        int n;
        while ((n = byAddress.slotsFrom(start, buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (subnet(buf[i]) == subnetId) {
                    out.add(lease(buf[i]));
                }
            }
            start = Integer.toUnsignedLong(address(buf[n - 1])) + 1;
        }
        return out;
    }

    public Lease byHwAddress(long subnetId, String hw) {
        Id id = Id.of(hw);
        int best = NIL;
        for (int s = hwHead[id.hash() & (hwHead.length - 1)]; s != NIL; s = chunks[s >>> SHIFT].hwNext[s & MASK]) {
            if (hwMatches(s, id) && subnet(s) == subnetId) {
                best = better(best, s);
            }
        }
        return best == NIL ? null : lease(best);
    }

    public Lease byClientId(long subnetId, String clientId) {
        Id id = Id.of(clientId);
        int best = NIL;
        for (int s = cidHead[id.hash() & (cidHead.length - 1)]; s != NIL; s = chunks[s >>> SHIFT].cidNext[s & MASK]) {
            if (cidMatches(s, id) && subnet(s) == subnetId) {
                best = better(best, s);
            }
        }
        return best == NIL ? null : lease(best);
    }

    /**
     * Leases awaiting reclamation whose expiry is before {@code nowSeconds}, oldest first, at most
     * {@code limit} (0 = all).
     */
    public List<Lease> expired(long nowSeconds, int limit) {
        return before(toReclaim, nowSeconds, limit);
    }

    /**
     * Up to {@code limit} leases whose (cltt, address) comes after ({@code cltt}, {@code after}), in
     * that order; {@code after} null starts at the first address of {@code cltt}. A cltt beyond
     * 2^31-1 sorts as 2^31-1.
     */
    public List<Lease> changedSince(long cltt, Integer after, int limit) {
        long from = (clamp(cltt) << 32) | (after == null ? 0 : Integer.toUnsignedLong(after) + 1);
        if (after != null && Integer.toUnsignedLong(after) == 0xFFFF_FFFFL) {
            from = (clamp(cltt) + 1) << 32;
        }
        List<Lease> out = new ArrayList<>(Math.max(0, Math.min(limit, size)));
        byCltt.forEachFrom(from, key -> {
            if (out.size() >= limit) {
                return false;
            }
            out.add(lease(byAddress.get((int) key)));
            return true;
        });
        return out;
    }

    private static long clamp(long cltt) {
        return Math.max(0, Math.min(cltt, 0x7FFF_FFFFL));
    }

    /** Expired-reclaimed leases whose expiry is before {@code cutoffSeconds}. */
    public List<Lease> reclaimedBefore(long cutoffSeconds, int limit) {
        return before(reclaimed, cutoffSeconds, limit);
    }

    private List<Lease> before(SortedLongSet queue, long seconds, int limit) {
        List<Lease> out = new ArrayList<>();
        queue.forEachBelow(seconds << 32, key -> {
            if (limit > 0 && out.size() >= limit) {
                return false;
            }
            out.add(lease(byAddress.get((int) key)));
            return true;
        });
        return out;
    }

    /** Prefer an active lease over a released or reclaimed one of the same client; then the lower address. */
    private int better(int best, int s) {
        if (best == NIL) {
            return s;
        }
        int rs = state(s) == LeaseState.DEFAULT ? 0 : 1;
        int rb = state(best) == LeaseState.DEFAULT ? 0 : 1;
        if (rs != rb) {
            return rs < rb ? s : best;
        }
        return Integer.compareUnsigned(address(s), address(best)) < 0 ? s : best;
    }

    private static List<Lease> sorted(List<Lease> out) {
        if (out.size() > 1) {
            out.sort((x, y) -> Integer.compareUnsigned(x.address(), y.address()));
        }
        return out;
    }

    // ---------------------------------------------------------------- slots

    private int allocate() {
        int s;
        if (freeHead != NIL) {
            s = freeHead;
            freeHead = chunks[s >>> SHIFT].hwNext[s & MASK];
            return s;
        }
        s = slotCount++;
        int c = s >>> SHIFT;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(4, c * 2));
        }
        if (chunks[c] == null) {
            chunks[c] = new Chunk();
        }
        return s;
    }

    private void release(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        c.flags[i] = 0;
        if (c.host != null) {
            c.host[i] = null;
        }
        if (c.big != null) {
            c.big[2 * i] = null;
            c.big[2 * i + 1] = null;
        }
        c.hwNext[i] = freeHead;
        freeHead = s;
    }

    private void write(int s, Lease l) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        c.address[i] = l.address();
        int f = USED | (l.fqdnFwd() ? FWD : 0) | (l.fqdnRev() ? REV : 0);
        long cltt = l.cltt();
        long valid = l.validLft();
        long subnet = l.subnetId();
        long pool = l.poolId();
        int state = l.state();
        if (u32(cltt) && u32(valid) && u32(subnet) && u32(pool) && state >= 0 && state <= STATE) {
            c.cltt[i] = (int) cltt;
            c.valid[i] = (int) valid;
            c.subnet[i] = (int) subnet;
            if (pool != 0) {
                c.pools()[i] = (int) pool;
            } else if (c.pool != null) {
                c.pool[i] = 0;
            }
            f |= state;
        } else {
            f |= WIDE;
            wide.put(s, new long[] {cltt, valid, subnet, pool, state});
        }
        String host = l.hostname();
        if (host == null) {
            f |= HOST_NULL;
        }
        if (host != null && !host.isEmpty()) {
            c.hosts()[i] = ascii(host);
        } else if (c.host != null) {
            c.host[i] = null;
        }
        Id hw = Id.of(l.hwAddress());
        c.hwLen[i] = hw.len;
        c.hw[i] = hw.bits;
        setBig(c, 2 * i, hw.big);
        Id cid = Id.of(l.clientId());
        if (cid.len == hw.len + 1 && hw.len < 8 && hw.len >= 0 && cid.bits == (1L << (8 * hw.len) | hw.bits)) {
            c.cidLen[i] = ID_DERIVED;
        } else {
            c.cidLen[i] = cid.len;
            if (cid.len >= 0 && cid.len <= 8) {
                c.cids()[i] = cid.bits;
            }
        }
        setBig(c, 2 * i + 1, cid.big);
        if (l.userContext() != null) {
            userContext.put(s, l.userContext());
        }
        c.flags[i] = (byte) f;
    }

    private static void setBig(Chunk c, int at, Object big) {
        if (big != null) {
            c.bigs()[at] = big;
        } else if (c.big != null) {
            c.big[at] = null;
        }
    }

    private static boolean u32(long v) {
        return (v & 0xFFFF_FFFF_0000_0000L) == 0;
    }

    /** Builds the lease of slot {@code s}. */
    private Lease lease(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        int f = c.flags[i] & 0xFF;
        long cltt;
        long valid;
        long subnet;
        long pool;
        int state;
        if ((f & WIDE) != 0) {
            long[] w = wide.get(s);
            cltt = w[0];
            valid = w[1];
            subnet = w[2];
            pool = w[3];
            state = (int) w[4];
        } else {
            cltt = Integer.toUnsignedLong(c.cltt[i]);
            valid = Integer.toUnsignedLong(c.valid[i]);
            subnet = Integer.toUnsignedLong(c.subnet[i]);
            pool = c.pool == null ? 0 : Integer.toUnsignedLong(c.pool[i]);
            state = f & STATE;
        }
        String hw = Id.text(c.hwLen[i], c.hw[i], c.big == null ? null : c.big[2 * i]);
        String cid;
        byte cl = c.cidLen[i];
        if (cl == ID_DERIVED) {
            cid = hw.isEmpty() ? "01" : "01:" + hw;
        } else {
            cid = Id.text(cl, cl >= 0 && cl <= 8 ? c.cid[i] : 0, c.big == null ? null : c.big[2 * i + 1]);
        }
        String host = c.host != null && c.host[i] != null ? text(c.host[i]) : (f & HOST_NULL) != 0 ? null : "";
        String ctx = userContext.isEmpty() ? null : userContext.get(s);
        return new Lease(c.address[i], hw, cid, valid, cltt, subnet, pool, (f & FWD) != 0, (f & REV) != 0, host, state, ctx);
    }

    private int address(int s) {
        return chunks[s >>> SHIFT].address[s & MASK];
    }

    private long subnet(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        return (c.flags[i] & WIDE) != 0 ? wide.get(s)[2] : Integer.toUnsignedLong(c.subnet[i]);
    }

    private int state(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        return (c.flags[i] & WIDE) != 0 ? (int) wide.get(s)[4] : c.flags[i] & STATE;
    }

    // ---------------------------------------------------------------- secondary indexes

    private void index(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        if (c.hwLen[i] > 0) {
            if (hwCount == hwHead.length) {
                hwHead = rehash(hwHead.length * 2, s, true);
            }
            int b = hwHash(s) & (hwHead.length - 1);
            c.hwNext[i] = hwHead[b];
            hwHead[b] = s;
            hwCount++;
        }
        if (c.cidLen[i] != ID_NULL) {
            if (cidCount == cidHead.length) {
                cidHead = rehash(cidHead.length * 2, s, false);
            }
            int b = cidHash(s) & (cidHead.length - 1);
            c.cidNext[i] = cidHead[b];
            cidHead[b] = s;
            cidCount++;
        }
        if (c.host != null && c.host[i] != null) {
            if (hostCount == hostHead.length) {
                hostHead = rehashHosts(hostHead.length * 2, s);
            }
            int b = hostHash(c.host[i]) & (hostHead.length - 1);
            c.hostNext[i] = hostHead[b];
            hostHead[b] = s;
            hostCount++;
        }
        long key = expiryKey(s);
        if (key >= 0) {
            (state(s) == LeaseState.EXPIRED_RECLAIMED ? reclaimed : toReclaim).add(key);
        }
        byCltt.add(clttKey(s));
    }

    private void unindex(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        if (c.hwLen[i] > 0) {
            unlink(hwHead, hwHash(s) & (hwHead.length - 1), s, true);
            hwCount--;
        }
        if (c.cidLen[i] != ID_NULL) {
            unlink(cidHead, cidHash(s) & (cidHead.length - 1), s, false);
            cidCount--;
        }
        if (c.host != null && c.host[i] != null) {
            int b = hostHash(c.host[i]) & (hostHead.length - 1);
            int prev = NIL;
            for (int t = hostHead[b]; t != NIL; prev = t, t = chunks[t >>> SHIFT].hostNext[t & MASK]) {
                if (t == s) {
                    int next = c.hostNext[i];
                    if (prev == NIL) {
                        hostHead[b] = next;
                    } else {
                        chunks[prev >>> SHIFT].hostNext[prev & MASK] = next;
                    }
                    break;
                }
            }
            hostCount--;
        }
        long key = expiryKey(s);
        if (key >= 0) {
            (state(s) == LeaseState.EXPIRED_RECLAIMED ? reclaimed : toReclaim).remove(key);
        }
        byCltt.remove(clttKey(s));
        if ((c.flags[i] & WIDE) != 0) {
            wide.remove(s);
        }
        if (!userContext.isEmpty()) {
            userContext.remove(s);
        }
    }

    private void unlink(int[] head, int b, int s, boolean hw) {
        int prev = NIL;
        for (int t = head[b]; t != NIL; ) {
            Chunk tc = chunks[t >>> SHIFT];
            int next = hw ? tc.hwNext[t & MASK] : tc.cidNext[t & MASK];
            if (t == s) {
                if (prev == NIL) {
                    head[b] = next;
                } else if (hw) {
                    chunks[prev >>> SHIFT].hwNext[prev & MASK] = next;
                } else {
                    chunks[prev >>> SHIFT].cidNext[prev & MASK] = next;
                }
                return;
            }
            prev = t;
            t = next;
        }
        throw new IllegalStateException("lease index chain lacks slot " + s);
    }

    /** A chain table of twice the size, holding every indexed slot but {@code skip} (the one being indexed). */
    private int[] rehash(int capacity, int skip, boolean hw) {
        int[] head = table(capacity);
        for (int s = 0; s < slotCount; s++) {
            Chunk c = chunks[s >>> SHIFT];
            int i = s & MASK;
            if (s == skip || (c.flags[i] & USED) == 0) {
                continue;
            }
            if (hw && c.hwLen[i] > 0) {
                int b = hwHash(s) & (capacity - 1);
                c.hwNext[i] = head[b];
                head[b] = s;
            } else if (!hw && c.cidLen[i] != ID_NULL) {
                int b = cidHash(s) & (capacity - 1);
                c.cidNext[i] = head[b];
                head[b] = s;
            }
        }
        return head;
    }

    private int[] rehashHosts(int capacity, int skip) {
        int[] head = table(capacity);
        for (int s = 0; s < slotCount; s++) {
            Chunk c = chunks[s >>> SHIFT];
            int i = s & MASK;
            if (s != skip && (c.flags[i] & USED) != 0 && c.host != null && c.host[i] != null) {
                int b = hostHash(c.host[i]) & (capacity - 1);
                c.hostNext[i] = head[b];
                head[b] = s;
            }
        }
        return head;
    }

    private int hwHash(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        return Id.hash(c.hwLen[i], c.hw[i], c.big == null ? null : c.big[2 * i]);
    }

    private int cidHash(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        byte l = c.cidLen[i];
        if (l == ID_DERIVED) {
            return Id.hash(c.hwLen[i] + 1, 1L << (8 * c.hwLen[i]) | c.hw[i], null);
        }
        return Id.hash(l, l >= 0 && l <= 8 ? c.cid[i] : 0, c.big == null ? null : c.big[2 * i + 1]);
    }

    private boolean hwMatches(int s, Id id) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        return id.matches(c.hwLen[i], c.hw[i], c.big == null ? null : c.big[2 * i]);
    }

    private boolean cidMatches(int s, Id id) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        byte l = c.cidLen[i];
        if (l == ID_DERIVED) {
            return id.matches(c.hwLen[i] + 1, 1L << (8 * c.hwLen[i]) | c.hw[i], null);
        }
        return id.matches(l, l >= 0 && l <= 8 ? c.cid[i] : 0, c.big == null ? null : c.big[2 * i + 1]);
    }

    /** The hostname as the column keeps it: its bytes when it is ASCII, else the String. */
    private static Object ascii(String host) {
        int n = host.length();
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            char ch = host.charAt(k);
            if (ch >= 0x80) {
                return host;
            }
            b[k] = (byte) ch;
        }
        return b;
    }

    private static String text(Object host) {
        return host instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : (String) host;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** mix(lower-case hostname's hashCode), without building the String for an ASCII one. */
    private static int hostHash(Object host) {
        if (host instanceof byte[] b) {
            int h = 0;
            for (byte x : b) {
                h = 31 * h + lower(x);
            }
            return mix(h);
        }
        return mix(((String) host).toLowerCase(Locale.ROOT).hashCode());
    }

    /** Whether the stored hostname, lower-cased, is {@code lower}. */
    private static boolean hostIs(Object host, String lower) {
        if (host instanceof byte[] b) {
            if (b.length != lower.length()) {
                return false;
            }
            for (int k = 0; k < b.length; k++) {
                if (lower(b[k]) != lower.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
        return ((String) host).toLowerCase(Locale.ROOT).equals(lower);
    }

    static int mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return (int) x;
    }

    /**
     * (expire, address) packed so that the set orders by expiry then address, or -1 when the
     * lease is in no expiry queue (infinite, or a state reclamation does not process).
     */
    private long expiryKey(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        long cltt;
        long valid;
        int state;
        if ((c.flags[i] & WIDE) != 0) {
            long[] w = wide.get(s);
            cltt = w[0];
            valid = w[1];
            state = (int) w[4];
        } else {
            cltt = Integer.toUnsignedLong(c.cltt[i]);
            valid = Integer.toUnsignedLong(c.valid[i]);
            state = c.flags[i] & STATE;
        }
        boolean queued = state == LeaseState.DEFAULT || state == LeaseState.DECLINED || state == LeaseState.RELEASED
                || state == LeaseState.EXPIRED_RECLAIMED;
        if (valid == Lease.INFINITE || !queued) {
            return -1;
        }
        long expire = Math.max(0, Math.min(cltt + valid, 0x7FFF_FFFFL));
        return (expire << 32) | Integer.toUnsignedLong(c.address[i]);
    }

    /** (cltt, address) packed so that the set orders by cltt then address. */
    private long clttKey(int s) {
        Chunk c = chunks[s >>> SHIFT];
        int i = s & MASK;
        long cltt = (c.flags[i] & WIDE) != 0 ? wide.get(s)[0] : Integer.toUnsignedLong(c.cltt[i]);
        return (clamp(cltt) << 32) | Integer.toUnsignedLong(c.address[i]);
    }

    // ---------------------------------------------------------------- identifiers

    /**
     * An identifier as the columns keep it: {@code len} -1 for null, 0 to 8 for colon hex of that
     * many bytes packed in {@code bits}, {@link #ID_BIG} for longer colon hex (a byte[] in
     * {@code big}) or for text that is not lower-case colon hex (the String itself, kept as given).
     */
    private record Id(byte len, long bits, Object big) {
        static final Id NULL = new Id(ID_NULL, 0, null);
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        static Id of(String s) {
            if (s == null) {
                return NULL;
            }
            int n = s.length();
            if (n == 0) {
                return new Id((byte) 0, 0, null);
            }
            if (n % 3 != 2) {
                return new Id(ID_BIG, 0, s);
            }
            int count = (n + 1) / 3;
            byte[] bytes = count > 8 ? new byte[count] : null;
            long bits = 0;
            for (int k = 0; k < count; k++) {
                int p = 3 * k;
                if (k > 0 && s.charAt(p - 1) != ':') {
                    return new Id(ID_BIG, 0, s);
                }
                int hi = digit(s.charAt(p));
                int lo = digit(s.charAt(p + 1));
                if ((hi | lo) < 0) {
                    return new Id(ID_BIG, 0, s);
                }
                int b = hi << 4 | lo;
                if (bytes != null) {
                    bytes[k] = (byte) b;
                } else {
                    bits = bits << 8 | b;
                }
            }
            return bytes != null ? new Id(ID_BIG, 0, bytes) : new Id((byte) count, bits, null);
        }

        private static int digit(char ch) {
            if (ch >= '0' && ch <= '9') {
                return ch - '0';
            }
            if (ch >= 'a' && ch <= 'f') {
                return ch - 'a' + 10;
            }
            return -1;
        }

        int hash() {
            return hash(len, bits, big);
        }

        static int hash(int len, long bits, Object big) {
            if (len != ID_BIG) {
                return mix(bits * 31 + len);
            }
            return mix(big instanceof byte[] b ? Arrays.hashCode(b) : 0x5bd1_e995L * big.hashCode());
        }

        boolean matches(int otherLen, long otherBits, Object otherBig) {
            if (otherLen != len) {
                return false;
            }
            if (len != ID_BIG) {
                return bits == otherBits;
            }
            if (big instanceof byte[] b) {
                return otherBig instanceof byte[] o && Arrays.equals(b, o);
            }
            return big.equals(otherBig);
        }

        static String text(byte len, long bits, Object big) {
            if (len == ID_NULL) {
                return null;
            }
            if (len == ID_BIG) {
                return big instanceof byte[] b ? format(b, b.length, 0) : (String) big;
            }
            return format(null, len, bits);
        }

        private static String format(byte[] b, int count, long bits) {
            if (count == 0) {
                return "";
            }
            byte[] out = new byte[3 * count - 1];
            for (int k = 0; k < count; k++) {
                int v = b != null ? b[k] & 0xFF : (int) (bits >>> (8 * (count - 1 - k))) & 0xFF;
                int p = 3 * k;
                if (k > 0) {
                    out[p - 1] = ':';
                }
                out[p] = HEX[v >>> 4];
                out[p + 1] = HEX[v & 15];
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        }
    }

    // ---------------------------------------------------------------- iteration

    /** Walks the leases in address order, a batch of slots at a time; a change meanwhile fails it. */
    private final class Walk implements Iterator<Lease> {
        private final int[] buf = new int[256];
        private final int expected = modCount;
        private int n;
        private int pos;
        private long next;

        @Override
        public boolean hasNext() {
            check();
            if (pos < n) {
                return true;
            }
            if (next > 0xFFFF_FFFFL) {
                return false;
            }
            n = byAddress.slotsFrom(next, buf);
            pos = 0;
            if (n == 0) {
                next = 1L << 32;
                return false;
            }
            next = Integer.toUnsignedLong(address(buf[n - 1])) + 1;
            return true;
        }

        @Override
        public Lease next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return lease(buf[pos++]);
        }

        private void check() {
            if (modCount != expected) {
                throw new ConcurrentModificationException("lease index changed during iteration");
            }
        }
    }
}
