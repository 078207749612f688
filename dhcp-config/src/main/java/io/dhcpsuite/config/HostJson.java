package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv4;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A host reservation as Kea's host_cmds read and print it: the {@code reservation} map of
 * {@code reservation-add} (the keys of a file reservation plus {@code subnet-id}) and the host map
 * of {@code reservation-get}. Parsing applies the rules of a file reservation, with the option
 * definitions of the configuration it is built with, so a host from the API and one from the file
 * are the same {@link Reservation4}.
 */
public final class HostJson {
    /** The keys a reservation map may have (a file reservation's, and where it belongs). */
    private static final Set<String> KEYS = Set.of("hw-address", "client-id", "circuit-id", "flex-id", "duid",
            "ip-address", "hostname", "client-classes", "next-server", "server-hostname", "boot-file-name",
            "option-data", "subnet-id", "metadata", "user-context", "comment");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A reservation and the scope it belongs to ({@code subnet-id}; 0 for a global one, null when not given). */
    public record Host(Long subnetId, Reservation4 reservation) {
    }

    private final ReservationParser parser;

    public HostJson(Dhcp4Config config) {
        OptionParser options = new OptionParser(new java.util.ArrayList<>());
        options.register(config.optionDefs());
        this.parser = new ReservationParser(options, true);
    }

    /**
     * Parses one reservation map. {@code subnetPrefix} = {network, length} checks that the address
     * lies in the subnet, or null. Errors name the key's path under {@code path}.
     */
    public Host parse(JsonNode reservation, String path) {
        KeaJson r = KeaJson.of(reservation, path).requireMap();
        for (var it = reservation.propertyNames().iterator(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw r.error(key, "unsupported parameter '" + key + "'");
            }
        }
        Long subnetId = r.has("subnet-id") ? r.integer("subnet-id", 0, 0, Inherited.UINT32_MAX) : null;
        return new Host(subnetId, parser.parseOne(r, null));
    }

    /**
     * Normalises an identifier as the file does (lower-case colon hex; a quoted text for all types
     * but hw-address). Throws {@link ConfigException} for a value it cannot read.
     */
    public static String identifier(String text, String type) {
        return ReservationParser.identifier(text, type, type);
    }

    /** Kea's identifier type names, in Kea's order for the v4 server. */
    public static List<String> identifierTypes() {
        return ReservationParser.IDENTIFIER_TYPES;
    }

    public static String identifierType(Reservation4 r) {
        return ReservationParser.identifierType(r);
    }

    public static String identifierValue(Reservation4 r) {
        return ReservationParser.identifierValue(r);
    }

    /**
     * The host map Kea's reservation-get prints: every field, {@code 0.0.0.0} and empty strings for
     * what is not set, the identifier under its type's name (hw-address and duid as colon hex, the
     * others as plain hex, as Kea prints them), and {@code subnet-id} when {@code subnetId} is not null.
     */
    public static ObjectNode toJson(Reservation4 r, Long subnetId) {
        ObjectNode o = NODES.objectNode();
        o.put("boot-file-name", r.bootFileName() == null ? "" : r.bootFileName());
        ArrayNode classes = o.putArray("client-classes");
        if (r.clientClasses() != null) {
            r.clientClasses().forEach(classes::add);
        }
        o.put("hostname", r.hostname() == null ? "" : r.hostname());
        String type = identifierType(r);
        String value = identifierValue(r);
        o.put(type, type.equals("hw-address") || type.equals("duid") ? value : value.replace(":", "").toUpperCase());
        o.put("ip-address", Ipv4.format(r.ipAddress() == null ? 0 : r.ipAddress()));
        o.put("next-server", Ipv4.format(r.nextServer()));
        optionDataJson(o.putArray("option-data"), r.optionData());
        o.put("server-hostname", r.serverHostname() == null ? "" : r.serverHostname());
        if (subnetId != null) {
            o.put("subnet-id", subnetId);
        }
        return o;
    }

    /** {@code option-data} as Kea's host commands print it. */
    static void optionDataJson(ArrayNode opts, List<OptionData> data) {
        if (data == null) {
            return;
        }
        for (OptionData d : data) {
            ObjectNode od = opts.addObject();
            od.put("always-send", d.alwaysSend());
            od.put("code", d.code());
            od.put("csv-format", d.csvFormat());
            od.put("data", d.csvFormat() ? d.data() : HexFormat.of().withUpperCase().formatHex(d.encoded()));
            if (!d.name().isEmpty()) {
                od.put("name", d.name());
            }
            od.put("never-send", d.neverSend());
            od.put("space", d.space());
        }
    }
}
