package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.Reservation6;
import io.dhcpsuite.lease.v6.Lease6Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every DHCPv6 host of the hosts databases, in memory, numbered by change as {@link DatabaseHosts}
 * numbers the v4 ones: dhcp-service's copy asks for the changes after the version it holds
 * ({@link #changesSince}, served at {@code /internal/v1/hosts6}); the epoch, new at each start,
 * tells it when to start over.
 */
public final class DatabaseHosts6 {
    /** A stored host: {@code key} is "source-index:host-id". */
    public record Entry(String key, long subnetId, Reservation6 reservation) {
    }

    private final String epoch = UUID.randomUUID().toString();
    private final Map<String, Entry> byKey = new HashMap<>();
    /** Every reserved address (NA key) and prefix (PD key, its network) to the hosts reserving it. */
    private final Map<Lease6Key, List<Reservation6>> byResource = new ConcurrentHashMap<>();
    private final TreeMap<Long, String> changes = new TreeMap<>();
    private final Map<String, Long> versionOf = new HashMap<>();
    private long version;

    public String epoch() {
        return epoch;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized int size() {
        return byKey.size();
    }

    synchronized void put(Entry e) {
        Entry old = byKey.put(e.key(), e);
        if (old != null) {
            unindex(old);
        }
        for (Lease6Key k : keys(e.reservation())) {
            byResource.compute(k, (x, list) -> {
                List<Reservation6> next = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
                next.add(e.reservation());
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
        for (Lease6Key k : keys(old.reservation())) {
            byResource.computeIfPresent(k, (x, list) -> {
                List<Reservation6> next = new ArrayList<>(list);
                next.remove(old.reservation());
                return next.isEmpty() ? null : List.copyOf(next);
            });
        }
    }

    private static List<Lease6Key> keys(Reservation6 r) {
        List<Lease6Key> out = new ArrayList<>();
        r.ipAddresses().forEach(a -> out.add(new Lease6Key(a, Lease6Key.NA)));
        r.prefixes().forEach(p -> out.add(new Lease6Key(p.network(), Lease6Key.PD)));
        return out;
    }

    /** The database hosts reserving {@code k} (for the allocation engine; a hash read). */
    public List<Reservation6> reservedAt(Lease6Key k) {
        return byResource.getOrDefault(k, List.of());
    }

    private void bump(String key) {
        Long prev = versionOf.put(key, ++version);
        if (prev != null) {
            changes.remove(prev);
        }
        changes.put(version, key);
    }

    /** As {@link DatabaseHosts#changesSince}, with the hosts as Kea's dhcp6 host_cmds print them. */
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
                ObjectNode h = HostJson6.toJson(e.reservation(), e.subnetId());
                h.put("key", key);
                hosts.add(h);
            } else if (!reset) {
                deleted.add(key);
            }
        }
        return out;
    }
}
