package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.Reservation6;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * dhcp-service's copy of the hosts databases' DHCPv6 reservations, fed as the v4 replica is (the
 * changes after the version held here: {@code epoch}, {@code version}, {@code reset}, {@code hosts}
 * each with its feed {@code key}, {@code deleted} keys). Lookups by subnet, identifier type and
 * identifier are hash-map reads, so a database host costs a SOLICIT what a file one does, and a
 * change is visible to the next lookup. Hosts are parsed with the running Dhcp6 configuration's
 * option definitions, again when it changes ({@link #reparse}).
 */
public final class HostReplica6 {
    private static final Logger log = LoggerFactory.getLogger(HostReplica6.class);

    private record Key(long subnetId, String type, String id) {
    }

    private record Held(Key key, JsonNode json) {
    }

    private final Map<String, Held> byFeedKey = new HashMap<>();
    private final Map<Key, Reservation6> byIdentifier = new ConcurrentHashMap<>();
    private String epoch = "";
    private long version;
    private HostJson6 parser;

    public HostReplica6(Dhcp6Config config) {
        this.parser = config == null ? null : new HostJson6(config);
    }

    public synchronized String epoch() {
        return epoch;
    }

    public synchronized long version() {
        return version;
    }

    public int size() {
        return byIdentifier.size();
    }

    public boolean isEmpty() {
        return byIdentifier.isEmpty();
    }

    /** Applies one answer of lease-service's v6 hosts feed. */
    public synchronized void apply(JsonNode feed) {
        if (feed.path("reset").asBoolean(false)) {
            byFeedKey.clear();
            byIdentifier.clear();
        }
        for (JsonNode k : feed.path("deleted")) {
            Held old = byFeedKey.remove(k.asString());
            if (old != null) {
                byIdentifier.remove(old.key());
            }
        }
        for (JsonNode h : feed.path("hosts")) {
            put(h);
        }
        epoch = feed.path("epoch").asString("");
        version = feed.path("version").asLong(0);
    }

    private void put(JsonNode h) {
        String feedKey = h.path("key").asString();
        ObjectNode host = ((ObjectNode) h).deepCopy();
        host.remove("key");
        Held old = byFeedKey.remove(feedKey);
        if (old != null) {
            byIdentifier.remove(old.key());
        }
        if (parser == null) {
            return;
        }
        try {
            HostJson6.Host parsed = parser.parse(host, "hosts6[" + feedKey + "]");
            Reservation6 r = parsed.reservation();
            Key key = new Key(parsed.subnetId() == null ? 0 : parsed.subnetId(), HostJson6.identifierType(r),
                    HostJson6.identifierValue(r));
            byFeedKey.put(feedKey, new Held(key, host));
            byIdentifier.put(key, r);
        } catch (ConfigException e) {
            log.warn("HOSTS6_REPLICA_SKIPPED database host {} does not parse with the running configuration: {}",
                    feedKey, e.getMessage());
        }
    }

    /** Parses every host again with {@code config}'s option definitions. */
    public synchronized void reparse(Dhcp6Config config) {
        parser = config == null ? null : new HostJson6(config);
        Map<String, Held> held = new HashMap<>(byFeedKey);
        byFeedKey.clear();
        byIdentifier.clear();
        held.forEach((k, h) -> {
            ObjectNode again = ((ObjectNode) h.json()).deepCopy();
            again.put("key", k);
            put(again);
        });
    }

    /** The host of identifier {@code type}/{@code id} (lower-case colon hex) in {@code subnetId} (0: global), or null. */
    Reservation6 find(long subnetId, String type, String id) {
        return id == null || byIdentifier.isEmpty() ? null : byIdentifier.get(new Key(subnetId, type, id));
    }
}
