package io.dhcpsuite.lease.hasync;

import io.dhcpsuite.codec.Ipv4;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where an incremental sync from one partner got to, in the partner's (cltt, address) order.
 * Every partner lease whose key is at most ({@code cltt}, {@code address}) is here, as the
 * partner held it when the sync read it. {@code floor} is set while a sync is unfinished: a lease
 * the partner changed after that sync began has a cltt of at least {@code floor}, so its final
 * catch-up reads from there as well; a finished sync leaves it null.
 *
 * @param address the address of the last lease read (unsigned), or null for "before the first
 *                lease of {@code cltt}"
 */
public record SyncCursor(long cltt, Integer address, Long floor) {

    /** The beginning: every lease comes after it. */
    public static final SyncCursor START = new SyncCursor(0, null, null);

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("cltt", cltt);
        if (address != null) {
            n.put("ip-address", Ipv4.format(address));
        }
        if (floor != null) {
            n.put("floor", floor);
        }
        return n;
    }

    /**
     * Reads {@code {"cltt", "ip-address"?, "floor"?}}.
     *
     * @throws IllegalArgumentException naming the key that is wrong
     */
    public static SyncCursor fromJson(JsonNode n, String name) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("'" + name + "' must be a map");
        }
        JsonNode cltt = n.get("cltt");
        if (cltt == null || !cltt.isIntegralNumber() || cltt.asLong() < 0) {
            throw new IllegalArgumentException("'" + name + "/cltt' must be a non-negative integer");
        }
        Integer address = null;
        JsonNode a = n.get("ip-address");
        if (a != null && !a.isNull()) {
            address = a.isString() ? Ipv4.tryParse(a.asString()) : null;
            if (address == null) {
                throw new IllegalArgumentException("'" + name + "/ip-address' must be an IPv4 address");
            }
        }
        Long floor = null;
        JsonNode f = n.get("floor");
        if (f != null && !f.isNull()) {
            if (!f.isIntegralNumber() || f.asLong() < 0) {
                throw new IllegalArgumentException("'" + name + "/floor' must be a non-negative integer");
            }
            floor = f.asLong();
        }
        return new SyncCursor(cltt.asLong(), address, floor);
    }
}
