package io.dhcpsuite.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.dhcpsuite.codec.Ipv4;
import tools.jackson.databind.JsonNode;

/**
 * A node of a Kea-format JSON document together with its path ({@code Dhcp4/subnet4[0]/pools[1]}),
 * and the typed accessors every section parser shares. Every refusal is a {@link ConfigException}
 * whose message starts with the offending key's full path and uses one wording across the suite:
 * {@code expected string, got integer}, {@code value 70000 is out of range 0..65535},
 * {@code missing parameter 'name'}, {@code unknown parameter}.
 *
 * <p>A JSON {@code null} counts as absent, as in Kea's parsers. A missing child is a node too
 * ({@link #isMissing()}), so optional maps can be walked without null checks.
 */
public final class KeaJson {

    private final JsonNode node;
    private final String path;

    private KeaJson(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The root of a section, e.g. {@code of(document.get("Dhcp4"), "Dhcp4")}. */
    public static KeaJson of(JsonNode node, String path) {
        return new KeaJson(node, path);
    }

    public JsonNode node() {
        return node;
    }

    public String path() {
        return path;
    }

    /** The path of a key below this node. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    public boolean isMissing() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Present and not {@code null}. */
    public boolean has(String key) {
        return !isMissing() && present(node.get(key));
    }

    /** The child under {@code key}; missing if absent. */
    public KeaJson at(String key) {
        return new KeaJson(isMissing() ? null : node.get(key), pathOf(key));
    }

    /** The names of this map's keys, in document order (none if missing). */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        if (!isMissing() && node.isObject()) {
            node.propertyNames().forEach(out::add);
        }
        return out;
    }

    /** A refusal at this node's path. */
    public ConfigException error(String message) {
        return new ConfigException(path, message);
    }

    /** A refusal at the path of {@code key} below this node. */
    public ConfigException error(String key, String message) {
        return new ConfigException(pathOf(key), message);
    }

    /** This node as a map: missing stays missing, anything else but a map is refused. */
    public KeaJson requireMap() {
        if (!isMissing() && !node.isObject()) {
            throw error("expected map, got " + typeName(node));
        }
        return this;
    }

    /** The map under {@code key}; a missing node if absent. */
    public KeaJson map(String key) {
        return at(key).requireMap();
    }

    /** Refuses the first key of this map that is not in {@code allowed}. */
    public KeaJson allowOnly(Collection<String> allowed) {
        for (String key : keys()) {
            if (!allowed.contains(key)) {
                throw error(key, "unknown parameter");
            }
        }
        return this;
    }

    /** The list's elements, each with its indexed path; empty if absent. */
    public List<KeaJson> list(String key) {
        KeaJson l = at(key);
        if (l.isMissing()) {
            return List.of();
        }
        return l.elements();
    }

    /** This node's elements, each with its indexed path; this node must be a list. */
    public List<KeaJson> elements() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("expected list, got " + typeName(node));
        }
        List<KeaJson> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new KeaJson(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    public String string(String key, String def) {
        JsonNode v = value(key);
        if (v == null) {
            return def;
        }
        if (!v.isString()) {
            throw error(key, "expected string, got " + typeName(v));
        }
        return v.stringValue();
    }

    public String requiredString(String key) {
        String s = string(key, null);
        if (s == null) {
            throw error("missing parameter '" + key + "'");
        }
        return s;
    }

    /** This node's own value as a string. */
    public String asString() {
        if (isMissing() || !node.isString()) {
            throw error("expected string, got " + typeName(node));
        }
        return node.stringValue();
    }

    public boolean bool(String key, boolean def) {
        JsonNode v = value(key);
        if (v == null) {
            return def;
        }
        if (!v.isBoolean()) {
            throw error(key, "expected boolean, got " + typeName(v));
        }
        return v.booleanValue();
    }

    public long integer(String key, long def, long min, long max) {
        JsonNode v = value(key);
        if (v == null) {
            return def;
        }
        if (!v.isIntegralNumber()) {
            throw error(key, "expected integer, got " + typeName(v));
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw error(key, "value " + v + " is out of range " + min + ".." + max);
        }
        return v.longValue();
    }

    public double real(String key, double def) {
        JsonNode v = value(key);
        if (v == null) {
            return def;
        }
        if (!v.isNumber()) {
            throw error(key, "expected real, got " + typeName(v));
        }
        return v.doubleValue();
    }

    /** A list of strings under {@code key}; empty if absent. */
    public List<String> stringList(String key) {
        List<String> out = new ArrayList<>();
        for (KeaJson e : list(key)) {
            out.add(e.asString());
        }
        return List.copyOf(out);
    }

    /** An IPv4 address literal under {@code key}, as from {@code Ipv4.parse}; the key must be present. */
    public int ipv4(String key) {
        return at(key).asIpv4();
    }

    /** This node's own value as an IPv4 address literal. */
    public int asIpv4() {
        String s = asString();
        try {
            return Ipv4.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** Kea's name for a JSON value's type, as its error messages use it. */
    public static String typeName(JsonNode n) {
        if (!present(n)) {
            return "null";
        }
        if (n.isObject()) {
            return "map";
        }
        if (n.isArray()) {
            return "list";
        }
        if (n.isString()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "real";
        }
        return n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private JsonNode value(String key) {
        if (isMissing()) {
            return null;
        }
        JsonNode v = node.get(key);
        return present(v) ? v : null;
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull() && !v.isMissingNode();
    }
}
