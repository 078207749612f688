package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.lease.allocation.HostReservations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hosts of every hosts database, in memory: the cache that keeps the packet path off the
 * database. Loaded whole at start-up and changed in the same step as the database by the
 * reservation commands (the only writer), so it is never stale and needs no expiry; a miss (a
 * client without a reservation, the common case) is answered from memory too.
 *
 * <p>Every change gets a version. dhcp-service keeps a copy of its own and asks for the changes
 * after the version it has ({@link #changesSince}); the epoch, new at each start, tells it when to
 * start over.
 */
public final class DatabaseHosts implements HostReservations {
    /** A stored host: {@code key} is "source-index:host-id", unique over the databases. */
    public record Entry(String key, int source, long id, long subnetId, Reservation4 reservation) {
    }

    private final String epoch = UUID.randomUUID().toString();
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private final Map<Integer, List<Entry>> byAddress = new ConcurrentHashMap<>();
    private final TreeMap<Long, String> changes = new TreeMap<>();
    private final Map<String, Long> versionOf = new java.util.HashMap<>();
    private long version;

    static String key(int source, long id) {
        return source + ":" + id;
    }

    public String epoch() {
        return epoch;
    }

    public synchronized long version() {
        return version;
    }

    public int size() {
        return byKey.size();
    }

    synchronized void put(Entry e) {
        Entry old = byKey.put(e.key(), e);
        if (old != null) {
            unindex(old);
        }
        if (e.reservation().ipAddress() != null) {
            byAddress.compute(e.reservation().ipAddress(), (a, list) -> {
                List<Entry> next = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
                next.add(e);
                return List.copyOf(next);
            });
        }
        bump(e.key());
    }

    synchronized Entry remove(String key) {
        Entry old = byKey.remove(key);
        if (old != null) {
            unindex(old);
            bump(key);
        }
        return old;
    }

    private void unindex(Entry old) {
        Integer a = old.reservation().ipAddress();
        if (a != null) {
            byAddress.computeIfPresent(a, (k, list) -> {
                List<Entry> next = new ArrayList<>(list);
                next.removeIf(x -> x.key().equals(old.key()));
                return next.isEmpty() ? null : List.copyOf(next);
            });
        }
    }

    private void bump(String key) {
        Long prev = versionOf.put(key, ++version);
        if (prev != null) {
            changes.remove(prev);
        }
        changes.put(version, key);
    }

    @Override
    public Reservation4 byAddress(int address) {
        List<Entry> list = byAddress.get(address);
        return list == null ? null : list.get(0).reservation();
    }

    @Override
    public Iterable<Integer> addresses() {
        return List.copyOf(byAddress.keySet());
    }

    /** The hosts reserving {@code address} (commands, tests). */
    public List<Entry> atAddress(int address) {
        return byAddress.getOrDefault(address, List.of());
    }

    Entry get(String key) {
        return byKey.get(key);
    }

    /**
     * What changed after {@code since} for a copy of epoch {@code clientEpoch}: the hosts as Kea
     * prints them (with {@code subnet-id} and their {@code key}) and the keys deleted. A copy of
     * another epoch gets everything, marked {@code reset}.
     */
    public synchronized ObjectNode changesSince(String clientEpoch, long since) {
        boolean reset = !epoch.equals(clientEpoch) || since > version;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("epoch", epoch);
        out.put("version", version);
        out.put("reset", reset);
        ArrayNode hosts = out.putArray("hosts");
        ArrayNode deleted = out.putArray("deleted");
        for (String key : (reset ? changes : changes.tailMap(since, false)).values()) {
            Entry e = byKey.get(key);
            if (e != null) {
                ObjectNode h = HostJson.toJson(e.reservation(), e.subnetId());
                h.put("key", key);
                hosts.add(h);
            } else if (!reset) {
                deleted.add(key);
            }
        }
        return out;
    }
}
