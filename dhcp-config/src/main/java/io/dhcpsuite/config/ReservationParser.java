package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv4;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Host {@code reservations} of {@code Dhcp4} or {@code Dhcp6}, global or in a subnet: one
 * identifier each (Kea's {@code host-reservation-identifiers} types of the family), normalised to
 * colon hex so lookups compare bytes; duplicates refused as Kea refuses them, and with
 * {@code ip-reservations-unique} (the default) one reservation per address (and, for DHCPv6,
 * per prefix).
 */
final class ReservationParser {

    static final List<String> IDENTIFIER_TYPES = List.of("hw-address", "duid", "circuit-id", "client-id", "flex-id");
    /** Kea's HostReservationParser6 identifiers. */
    static final List<String> IDENTIFIER_TYPES6 = List.of("hw-address", "duid", "flex-id");

    private final OptionParser options;
    private final boolean ipReservationsUnique;

    ReservationParser(OptionParser options, boolean ipReservationsUnique) {
        this.options = options;
        this.ipReservationsUnique = ipReservationsUnique;
    }

    /** {@code subnet} = {network, length} for subnet reservations, null for global ones. */
    List<Reservation4> parse(KeaJson list, int[] subnet) {
        List<Reservation4> out = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        Map<Integer, Integer> seenIps = new HashMap<>();
        List<KeaJson> entries = list.elements();
        for (int i = 0; i < entries.size(); i++) {
            KeaJson r = entries.get(i).requireMap();
            Reservation4 res = parseOne(r, subnet);
            String idType = identifierType(res);
            Integer prev = seenIds.putIfAbsent(idType + "=" + identifierValue(res), i);
            if (prev != null) {
                throw r.error(idType, "a reservation for " + idType + " '" + identifierValue(res)
                        + "' already exists at " + list.path() + "[" + prev + "]");
            }
            Integer ip = res.ipAddress();
            if (ip != null && ipReservationsUnique) {
                prev = seenIps.putIfAbsent(ip, i);
                if (prev != null) {
                    throw r.error("ip-address", "there is already a reservation for "
                            + Ipv4.format(ip) + " at " + list.path() + "[" + prev + "] (ip-reservations-unique is true)");
                }
            }
            out.add(res);
        }
        return List.copyOf(out);
    }

    /** One reservation map, checked on its own (duplicates are the caller's concern). */
    Reservation4 parseOne(KeaJson r, int[] subnet) {
        String idType = null;
        String idValue = null;
        for (String t : IDENTIFIER_TYPES) {
            if (r.has(t)) {
                if (idType != null) {
                    throw r.error(t, "the '" + idType + "' and '" + t + "' are mutually exclusive");
                }
                idType = t;
                idValue = identifier(r.string(t, ""), t, r.pathOf(t));
            }
        }
        if (idType == null) {
            throw r.error("one of the supported identifiers must be specified for host reservation:"
                    + " circuit-id, client-id, duid, flex-id, hw-address");
        }
        Integer ip = null;
        if (r.has("ip-address")) {
            ip = r.ipv4("ip-address");
            if (ip == 0) {
                ip = null; // Kea's "0.0.0.0": no address reserved (how it prints such a host)
            } else if (subnet != null && !Ipv4.inPrefix(ip, subnet[0], subnet[1])) {
                throw r.error("ip-address", "specified reservation '" + Ipv4.format(ip)
                        + "' is not within the IPv4 subnet '" + Ipv4.format(subnet[0]) + "/" + subnet[1] + "'");
            }
        }
        String hostname = r.string("hostname", null);
        if (hostname != null && hostname.isEmpty()) {
            hostname = null;
        }
        List<OptionData> opts = options.parseData(r.at("option-data"));
        List<String> classes = r.stringList("client-classes");
        int next = r.has("next-server") ? r.ipv4("next-server") : 0;
        return new Reservation4(
                "hw-address".equals(idType) ? idValue : null,
                "client-id".equals(idType) ? idValue : null,
                "circuit-id".equals(idType) ? idValue : null,
                "flex-id".equals(idType) ? idValue : null,
                ip, hostname, opts, classes, next,
                r.string("server-hostname", ""), r.string("boot-file-name", ""),
                "duid".equals(idType) ? idValue : null);
    }

    /** The reservation's identifier type (Kea's name). */
    static String identifierType(Reservation4 r) {
        if (r.hwAddress() != null) {
            return "hw-address";
        }
        if (r.clientId() != null) {
            return "client-id";
        }
        if (r.circuitId() != null) {
            return "circuit-id";
        }
        if (r.flexId() != null) {
            return "flex-id";
        }
        return "duid";
    }

    /** The reservation's identifier, normalised colon hex. */
    static String identifierValue(Reservation4 r) {
        return switch (identifierType(r)) {
            case "hw-address" -> r.hwAddress();
            case "client-id" -> r.clientId();
            case "circuit-id" -> r.circuitId();
            case "flex-id" -> r.flexId();
            default -> r.duid();
        };
    }

    /**
     * DHCPv6 reservations: {@code ip-addresses} inside the subnet ({@code subnet} null for global
     * ones), as Kea's Subnet6ConfigParser checks; {@code prefixes} anywhere.
     */
    List<Reservation6> parse6(KeaJson list, Prefix6 subnet) {
        List<Reservation6> out = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        Map<Object, Integer> seenResources = new HashMap<>();
        List<KeaJson> entries = list.elements();
        for (int i = 0; i < entries.size(); i++) {
            out.add(parseOne6(entries.get(i).requireMap(), subnet, list, seenIds, seenResources, i));
        }
        return List.copyOf(out);
    }

    /** One DHCPv6 reservation map on its own (a host of the API or a database). */
    Reservation6 parseOne6(KeaJson r) {
        return parseOne6(r, null, r, new HashMap<>(), new HashMap<>(), 0);
    }

    private Reservation6 parseOne6(KeaJson r, Prefix6 subnet, KeaJson list, Map<String, Integer> seenIds,
                                   Map<Object, Integer> seenResources, int i) {
        String[] id = identify(r, IDENTIFIER_TYPES6, list, seenIds, i);
        List<BigInteger> addresses = new ArrayList<>();
        for (KeaJson a : r.list("ip-addresses")) {
            BigInteger addr = NetworkParser.address6(a);
            if (subnet != null && !subnet.contains(addr)) {
                throw a.error("specified reservation '" + Prefix6.format(addr)
                        + "' is not within the IPv6 subnet '" + subnet.text() + "'");
            }
            unique(a, addr, Prefix6.format(addr), seenResources, list, i);
            addresses.add(addr);
        }
        List<Prefix6> prefixes = new ArrayList<>();
        for (KeaJson p : r.list("prefixes")) {
            Prefix6 prefix = Prefix6.parse(p.asString(), p.path());
            unique(p, prefix, prefix.text(), seenResources, list, i);
            prefixes.add(prefix);
        }
        String hostname = r.string("hostname", null);
        List<OptionData> opts = options.parseData(r.at("option-data"));
        List<String> classes = r.stringList("client-classes");
        return new Reservation6("duid".equals(id[0]) ? id[1] : null, "hw-address".equals(id[0]) ? id[1] : null,
                "flex-id".equals(id[0]) ? id[1] : null, List.copyOf(addresses), List.copyOf(prefixes),
                hostname, opts, classes);
    }

    /** With ip-reservations-unique, one reservation per address or prefix in a list. */
    private void unique(KeaJson at, Object resource, String text, Map<Object, Integer> seen, KeaJson list, int i) {
        Integer prev = seen.putIfAbsent(resource, i);
        if (ipReservationsUnique && prev != null && prev != i) {
            throw at.error("there is already a reservation for " + text + " at " + list.path() + "[" + prev
                    + "] (ip-reservations-unique is true)");
        }
    }

    /**
     * The one identifier of reservation {@code r} among {@code types} as {type, normalised value},
     * refused when there is none, more than one, or the same as an earlier entry of {@code list}.
     */
    private static String[] identify(KeaJson r, List<String> types, KeaJson list, Map<String, Integer> seenIds, int i) {
        String idType = null;
        String idValue = null;
        for (String t : types) {
            if (r.has(t)) {
                if (idType != null) {
                    throw r.error(t, "the '" + idType + "' and '" + t + "' are mutually exclusive");
                }
                idType = t;
                idValue = identifier(r.string(t, ""), t, r.pathOf(t));
            }
        }
        if (idType == null) {
            throw r.error("one of the supported identifiers must be specified for host reservation: "
                    + String.join(", ", types.stream().sorted().toList()));
        }
        Integer prev = seenIds.putIfAbsent(idType + "=" + idValue, i);
        if (prev != null) {
            throw r.error(idType, "a reservation for " + idType + " '" + idValue
                    + "' already exists at " + list.path() + "[" + prev + "]");
        }
        return new String[] {idType, idValue};
    }

    /**
     * Normalises a host identifier to lower-case colon hex. Accepts "aa:bb", "aa-bb", "aa bb",
     * "aabb", "0xaabb" and, except for hw-address, a quoted text {@code 'text'} (Kea's forms).
     */
    static String identifier(String text, String type, String path) {
        String t = text.trim();
        byte[] bytes;
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'") && !"hw-address".equals(type)) {
            bytes = t.substring(1, t.length() - 1).getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = hexBytes(t);
            if (bytes == null) {
                throw new ConfigException(path, "invalid host identifier value '" + text + "'");
            }
        }
        if (bytes.length == 0) {
            throw new ConfigException(path, "invalid host identifier value '" + text + "': empty");
        }
        if ("hw-address".equals(type) && bytes.length > 20) {
            throw new ConfigException(path, "hw-address '" + text + "' is longer than 20 bytes");
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (!sb.isEmpty()) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Hex with optional ':', '-' or ' ' separators (1–2 digits per group) or contiguous hex; null if invalid. */
    static byte[] hexBytes(String t) {
        String s = t;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (s.indexOf(':') >= 0 || s.indexOf('-') >= 0 || s.indexOf(' ') >= 0) {
            for (String g : s.split("[:\\- ]", -1)) {
                if (g.isEmpty() || g.length() > 2) {
                    return null;
                }
                int v = parseHex(g);
                if (v < 0) {
                    return null;
                }
                out.write(v);
            }
        } else {
            if (s.length() % 2 == 1) {
                s = "0" + s;
            }
            for (int i = 0; i < s.length(); i += 2) {
                int v = parseHex(s.substring(i, i + 2));
                if (v < 0) {
                    return null;
                }
                out.write(v);
            }
        }
        return out.toByteArray();
    }

    private static int parseHex(String g) {
        int v = 0;
        for (int i = 0; i < g.length(); i++) {
            int d = Character.digit(g.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
