package io.dhcpsuite.config;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A DHCPv6 host as Kea's host_cmds read and print it when sent to {@code dhcp6}: the keys of a
 * Dhcp6 file reservation ({@code duid}, {@code hw-address} or {@code flex-id}; {@code ip-addresses},
 * {@code prefixes}, {@code hostname}, {@code option-data}, {@code client-classes}) plus
 * {@code subnet-id}, the subnet6 id (0 for a global reservation). Parsing applies the file's rules
 * with the configuration's DHCPv6 option definitions, so a host from the database and one from the
 * file are the same {@link Reservation6}.
 */
public final class HostJson6 {
    private static final Set<String> KEYS = Set.of("duid", "hw-address", "flex-id", "ip-addresses", "prefixes",
            "hostname", "option-data", "client-classes", "subnet-id", "metadata", "user-context", "comment");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A reservation and its scope ({@code subnet-id}; 0 global, null when not given). */
    public record Host(Long subnetId, Reservation6 reservation) {
    }

    private final ReservationParser parser;

    public HostJson6(Dhcp6Config config) {
        OptionParser options = new OptionParser(new java.util.ArrayList<>(), Family.V6);
        if (config != null) {
            options.register(config.optionDefs());
        }
        this.parser = new ReservationParser(options, true);
    }

    /** Parses one host map; errors name the key's path under {@code path}. */
    public Host parse(JsonNode reservation, String path) {
        KeaJson r = KeaJson.of(reservation, path).requireMap();
        for (var it = reservation.propertyNames().iterator(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw r.error(key, "unsupported parameter '" + key + "'");
            }
        }
        Long subnetId = r.has("subnet-id") ? r.integer("subnet-id", 0, 0, Inherited.UINT32_MAX) : null;
        return new Host(subnetId, parser.parseOne6(r));
    }

    /** Kea's DHCPv6 identifier type names, in Kea's order for the v6 server. */
    public static List<String> identifierTypes() {
        return ReservationParser.IDENTIFIER_TYPES6;
    }

    /** {@code duid}, {@code hw-address} or {@code flex-id}. */
    public static String identifierType(Reservation6 r) {
        return r.duid() != null ? "duid" : r.hwAddress() != null ? "hw-address" : "flex-id";
    }

    /** The identifier, lower-case colon hex. */
    public static String identifierValue(Reservation6 r) {
        return r.duid() != null ? r.duid() : r.hwAddress() != null ? r.hwAddress() : r.flexId();
    }

    /** The host map Kea prints for a v6 host, with {@code subnet-id} when {@code subnetId} is not null. */
    public static ObjectNode toJson(Reservation6 r, Long subnetId) {
        ObjectNode o = NODES.objectNode();
        ArrayNode classes = o.putArray("client-classes");
        if (r.clientClasses() != null) {
            r.clientClasses().forEach(classes::add);
        }
        String type = identifierType(r);
        String value = identifierValue(r);
        o.put(type, type.equals("flex-id") ? value.replace(":", "").toUpperCase() : value);
        o.put("hostname", r.hostname() == null ? "" : r.hostname());
        ArrayNode addresses = o.putArray("ip-addresses");
        r.ipAddresses().forEach(a -> addresses.add(Prefix6.format(a)));
        HostJson.optionDataJson(o.putArray("option-data"), r.optionData());
        ArrayNode prefixes = o.putArray("prefixes");
        r.prefixes().forEach(p -> prefixes.add(p.text()));
        if (subnetId != null) {
            o.put("subnet-id", subnetId);
        }
        return o;
    }
}
