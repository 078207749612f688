package io.dhcpsuite.dhcp.hosts;

import io.dhcpsuite.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * dhcp-service's copy of one family's hosts database reservations
 * ({@link io.dhcpsuite.dhcp.classification.HostReplica}, {@link io.dhcpsuite.dhcp.v6.HostReplica6}),
 * fed by lease-service (which owns them) with the changes after the version held here:
 * {@code epoch}, {@code version}, {@code reset}, {@code hosts} each with its feed {@code key},
 * {@code deleted} keys. Lookups by subnet, identifier type and identifier are hash-map reads, so a
 * database reservation costs the packet path what a file one does; a change is visible to the next
 * lookup. Hosts are parsed with the running configuration's option definitions and parsed again
 * when it changes ({@link #reparseWith}).
 *
 * @param <R> the reservation ({@code Reservation4} or {@code Reservation6})
 */
public abstract class HostReplicaBase<R> {

    /** A host map read: its scope (0 global), identifier and reservation. */
    public record Parsed<R>(long subnetId, String type, String id, R reservation) {
    }

    /** Reads one host map with a configuration's option definitions; throws {@link ConfigException}. */
    @FunctionalInterface
    public interface Parser<R> {
        Parsed<R> parse(JsonNode host, String path);
    }

    /** What an identifier lookup is keyed by. */
    private record Key(long subnetId, String type, String id) {
    }

    /** A host as received: its lookup key and the Kea host map. */
    private record Held(Key key, JsonNode json) {
    }

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String table;
    private final String logTag;
    private final Map<String, Held> byFeedKey = new HashMap<>();
    private final Map<Key, R> byIdentifier = new ConcurrentHashMap<>();
    private String epoch = "";
    private long version;
    private Parser<R> parser;

    /**
     * @param parser null without a configuration (hosts are then dropped)
     * @param table  {@code hosts4} or {@code hosts6}: the feed's name at lease-service and a host's path in warnings
     * @param logTag the prefix of the replica's log ids ({@code HOSTS}, {@code HOSTS6})
     */
    protected HostReplicaBase(Parser<R> parser, String table, String logTag) {
        this.parser = parser;
        this.table = table;
        this.logTag = logTag;
    }

    /** lease-service's feed of this family's hosts. */
    String feedPath() {
        return "/internal/v1/" + table;
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
            Parsed<R> parsed = parser.parse(host, table + "[" + feedKey + "]");
            Key key = new Key(parsed.subnetId(), parsed.type(), parsed.id());
            byFeedKey.put(feedKey, new Held(key, host));
            byIdentifier.put(key, parsed.reservation());
        } catch (ConfigException e) {
            log.warn("{}_REPLICA_SKIPPED database host {} does not parse with the running configuration: {}",
                    logTag, feedKey, e.getMessage());
        }
    }

    /** Parses every host again with {@code parser} (a config-set changed the option definitions). */
    protected final synchronized void reparseWith(Parser<R> parser) {
        this.parser = parser;
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
    protected final R lookup(long subnetId, String type, String id) {
        return id == null || byIdentifier.isEmpty() ? null : byIdentifier.get(new Key(subnetId, type, id));
    }
}
