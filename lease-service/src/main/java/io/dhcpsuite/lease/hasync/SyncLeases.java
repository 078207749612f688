package io.dhcpsuite.lease.hasync;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.lease.memfile.LeaseCsv;
import io.dhcpsuite.lease.store.Lease;
import tools.jackson.databind.JsonNode;

/**
 * A lease as a partner's {@code lease4-get-page} or {@code ha-sync-page} lists it (Kea's lease
 * JSON, with {@code cltt}) into a {@link Lease}, as it is: Kea's sync stores the partner's lease
 * without the checks of {@code lease4-add}, so a subnet only the partner has is kept too.
 */
final class SyncLeases {
    private SyncLeases() {
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    static Lease parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a lease must be a map");
        }
        Integer address = n.path("ip-address").isString() ? Ipv4.tryParse(n.get("ip-address").asString()) : null;
        if (address == null) {
            throw new IllegalArgumentException("'ip-address' must be an IPv4 address");
        }
        String hw = hex(n, "hw-address", LeaseCsv.MAX_HWADDR);
        String cid = hex(n, "client-id", LeaseCsv.MAX_CLIENT_ID);
        long valid = number(n, "valid-lft", true);
        long cltt = number(n, "cltt", true);
        long subnet = number(n, "subnet-id", true);
        long pool = number(n, "pool-id", false);
        int state = (int) number(n, "state", false);
        if (state > 4) {
            throw new IllegalArgumentException("'state' " + state + " is not a lease state");
        }
        String host = n.path("hostname").isString() ? n.get("hostname").asString() : "";
        JsonNode ctx = n.get("user-context");
        if (ctx != null && !ctx.isNull() && !ctx.isObject()) {
            throw new IllegalArgumentException("'user-context' must be a map");
        }
        return new Lease(address, hw == null ? "" : hw, cid, valid, cltt, subnet, pool,
                n.path("fqdn-fwd").asBoolean(false), n.path("fqdn-rev").asBoolean(false), host, state,
                ctx == null || ctx.isNull() ? null : ctx.toString());
    }

    private static long number(JsonNode n, String key, boolean mandatory) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (mandatory) {
                throw new IllegalArgumentException("'" + key + "' is missing");
            }
            return 0;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("'" + key + "' must be an integer from 0 to 4294967295");
        }
        return v.asLong();
    }

    private static String hex(JsonNode n, String key, int max) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull() || (v.isString() && v.asString().isEmpty())) {
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        String h = Lease.hexId(v.asString());
        if (h != null && (h.length() + 1) / 3 > max) {
            throw new IllegalArgumentException("'" + key + "' is longer than " + max + " octets");
        }
        return h;
    }
}
