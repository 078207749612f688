package io.dhcpsuite.dhcp.classification;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.Reservation4;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * dhcp-service's copy of the hosts databases' reservations, fed by lease-service (which owns them)
 * with the changes after the version held here. Lookups are hash-map reads, so a database
 * reservation costs the packet path what a file one does; a change is visible to the next lookup.
 * Hosts are parsed with the running configuration's option definitions and parsed again when it
 * changes ({@link #reparse}).
 */
public final class HostReplica {
    private static final Logger log = LoggerFactory.getLogger(HostReplica.class);

    /** What an identifier lookup is keyed by. */
    private record Key(long subnetId, String type, String id) {
    }

    /** A host as received: the feed's key, the Kea host map, its parsed form. */
    private record Held(Key key, JsonNode json, Reservation4 reservation) {
    }

    private final Map<String, Held> byFeedKey = new HashMap<>();
    private final Map<Key, Reservation4> byIdentifier = new ConcurrentHashMap<>();
    private String epoch = "";
    private long version;
    private HostJson parser;

    public HostReplica(Dhcp4Config config) {
        this.parser = config == null ? null : new HostJson(config);
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

    /** Applies one answer of lease-service's feed ({@code epoch}, {@code version}, {@code reset}, {@code hosts}, {@code deleted}). */
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
            HostJson.Host parsed = parser.parse(host, "hosts4[" + feedKey + "]");
            Reservation4 r = parsed.reservation();
            Key key = new Key(parsed.subnetId() == null ? 0 : parsed.subnetId(), HostJson.identifierType(r),
                    HostJson.identifierValue(r));
            byFeedKey.put(feedKey, new Held(key, host, r));
            byIdentifier.put(key, r);
        } catch (ConfigException e) {
            log.warn("HOSTS_REPLICA_SKIPPED database host {} does not parse with the running configuration: {}",
                    feedKey, e.getMessage());
        }
    }

    /** Parses every host again with {@code config}'s option definitions (a config-set changed them). */
    public synchronized void reparse(Dhcp4Config config) {
        parser = config == null ? null : new HostJson(config);
        Map<String, Held> held = new HashMap<>(byFeedKey);
        byFeedKey.clear();
        byIdentifier.clear();
        held.forEach((k, h) -> {
            ObjectNode again = ((ObjectNode) h.json()).deepCopy();
            again.put("key", k);
            put(again);
        });
    }

    /** The reservation of identifier {@code type}/{@code id} (lower-case colon hex) in {@code subnetId} (0: global), or null. */
    Reservation4 find(long subnetId, String type, String id) {
        return id == null || byIdentifier.isEmpty() ? null : byIdentifier.get(new Key(subnetId, type, id));
    }
}
