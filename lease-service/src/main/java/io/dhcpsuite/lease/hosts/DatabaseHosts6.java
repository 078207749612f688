package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.Reservation6;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
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
        byKey.put(e.key(), e);
        bump(e.key());
    }

    synchronized Entry remove(String key) {
        Entry old = byKey.remove(key);
        if (old != null) {
            bump(key);
        }
        return old;
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
