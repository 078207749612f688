package io.dhcpsuite.config;

import io.dhcpsuite.codec.OptionDataCodec;
import io.dhcpsuite.codec.OptionDefinition;
import io.dhcpsuite.codec.OptionType;
import io.dhcpsuite.codec.StandardOptions4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code option-def} and {@code option-data} at every level: definitions are looked up custom
 * first, then Kea's standard spaces, and each option's data is encoded to its wire bytes here, so
 * a bad value is refused at load with its path and the packet path only copies bytes.
 */
final class OptionParser {

    /** Kea's DOCSIS3_V4_OPTION_DEFINITIONS: the CableLabs (vendor 4491) sub-options. */
    private static final List<OptionDefinition> DOCSIS3_V4 = List.of(
            OptionDefinition.of("oro", 1, "vendor-4491", OptionType.UINT8, true),
            OptionDefinition.of("tftp-servers", 2, "vendor-4491", OptionType.IPV4_ADDRESS, true));

    /**
     * The v4 option spaces Kea defines itself (libdhcp++ initOptionSpace), usable in option-data
     * without an option-def: {@code docsis3-v4} by that name and as vendor space
     * {@code vendor-4491} (Kea resolves CableLabs vendor options to it).
     * {@code vendor-encapsulated-options-space} exists too but holds no definitions.
     */
    private static final Map<String, List<OptionDefinition>> KEA_SPACES = Map.of(
            StandardOptions4.SPACE, StandardOptions4.all(),
            StandardOptions4.AGENT_SPACE, StandardOptions4.agentOptions(),
            "docsis3-v4", DOCSIS3_V4,
            "vendor-4491", DOCSIS3_V4);

    /**
     * dhcp4 codes an option-def may redefine: those not in Kea 2.2's STANDARD_V4_OPTION_DEFINITIONS,
     * which is what Kea's CfgOptionDef::add checks. 43 is only a last-resort definition there (Kea's
     * advanced.json redefines it as binary); the others became standard after 2.2.
     */
    private static final Set<Integer> REDEFINABLE = Set.of(43, 121, 143, 151, 152, 153, 154, 155, 156, 157, 162);

    private final List<ConfigWarning> warnings;
    /** Custom definitions by space then code, and by space then name. */
    private final Map<String, Map<Integer, OptionDefinition>> defsByCode = new HashMap<>();
    private final Map<String, Map<String, OptionDefinition>> defsByName = new HashMap<>();

    OptionParser(List<ConfigWarning> warnings) {
        this.warnings = warnings;
    }

    /** Makes already parsed custom definitions known, as {@link #parseDefs} would have. */
    void register(List<OptionDefinition> defs) {
        for (OptionDefinition def : defs) {
            defsByCode.computeIfAbsent(def.space(), k -> new HashMap<>()).put(def.code(), def);
            defsByName.computeIfAbsent(def.space(), k -> new HashMap<>()).put(def.name(), def);
        }
    }

    List<OptionDefinition> parseDefs(KeaJson list) {
        List<OptionDefinition> out = new ArrayList<>();
        for (KeaJson d : list.elements()) {
            String name = d.string("name", null);
            if (name == null || name.isBlank()) {
                throw d.error("missing parameter 'name'");
            }
            if (!d.has("code")) {
                throw d.error("missing parameter 'code'");
            }
            String space = d.string("space", StandardOptions4.SPACE);
            long code = d.integer("code", 0, 1, StandardOptions4.SPACE.equals(space) ? 254 : 255);
            String typeName = d.string("type", null);
            if (typeName == null) {
                throw d.error("missing parameter 'type'");
            }
            OptionType type = OptionType.fromKeaName(typeName);
            if (type == null || type == OptionType.INTERNAL) {
                throw d.error("type", "unknown option type '" + typeName + "'");
            }
            List<OptionType> recordTypes = new ArrayList<>();
            String rt = d.string("record-types", "");
            if (!rt.isBlank()) {
                for (String part : rt.split(",")) {
                    OptionType t = OptionType.fromKeaName(part.trim());
                    if (t == null || t == OptionType.RECORD || t == OptionType.INTERNAL) {
                        throw d.error("record-types", "invalid record type '" + part.trim() + "'");
                    }
                    recordTypes.add(t);
                }
            }
            if (type == OptionType.RECORD && recordTypes.isEmpty()) {
                throw d.error("record-types", "a record option needs record-types");
            }
            if (type != OptionType.RECORD && !recordTypes.isEmpty()) {
                throw d.error("record-types", "record-types is only valid with type 'record'");
            }
            boolean array = d.bool("array", false);
            String encapsulate = d.string("encapsulate", "");
            if (StandardOptions4.SPACE.equals(space)) {
                OptionDefinition std = StandardOptions4.byCode((int) code);
                if (std != null && !REDEFINABLE.contains(std.code())) {
                    throw d.error("code", "unable to override definition of option '" + code
                            + "' in standard option space 'dhcp4'");
                }
                std = StandardOptions4.byName(name);
                if (std != null && !REDEFINABLE.contains(std.code())) {
                    throw d.error("name", "unable to override definition of option '" + name
                            + "' in standard option space 'dhcp4'");
                }
            }
            Map<Integer, OptionDefinition> byCode = defsByCode.computeIfAbsent(space, k -> new HashMap<>());
            Map<String, OptionDefinition> byName = defsByName.computeIfAbsent(space, k -> new HashMap<>());
            if (byCode.containsKey((int) code)) {
                throw d.error("code", "option code " + code + " is already defined in space '" + space + "'");
            }
            if (byName.containsKey(name)) {
                throw d.error("name", "option '" + name + "' is already defined in space '" + space + "'");
            }
            OptionDefinition def;
            try {
                def = new OptionDefinition(name, (int) code, space, type, array, recordTypes, encapsulate);
            } catch (IllegalArgumentException e) {
                throw d.error(e.getMessage());
            }
            byCode.put((int) code, def);
            byName.put(name, def);
            out.add(def);
        }
        return List.copyOf(out);
    }

    /** A definition of {@code space} that {@code match} accepts: custom first, then Kea's own. */
    private static OptionDefinition definition(String space, Map<?, OptionDefinition> custom,
                                               Predicate<OptionDefinition> match, Object key) {
        OptionDefinition d = custom == null ? null : custom.get(key);
        if (d != null) {
            return d;
        }
        for (OptionDefinition std : KEA_SPACES.getOrDefault(space, List.of())) {
            if (match.test(std)) {
                return std;
            }
        }
        return null;
    }

    private OptionDefinition definitionByCode(String space, int code) {
        return definition(space, defsByCode.get(space), d -> d.code() == code, code);
    }

    private OptionDefinition definitionByName(String space, String name) {
        return definition(space, defsByName.get(space), d -> d.name().equals(name), name);
    }

    /** The code of a dhcp4 option name, standard or from option-def, for {@code option[name]} in tests. */
    Integer optionCode(String name) {
        OptionDefinition d = definitionByName(StandardOptions4.SPACE, name);
        return d == null ? null : d.code();
    }

    List<OptionData> parseData(KeaJson list) {
        List<OptionData> out = new ArrayList<>();
        for (KeaJson o : list.elements()) {
            o.requireMap();
            String space = o.string("space", StandardOptions4.SPACE);
            String name = o.string("name", null);
            Integer code = null;
            if (o.has("code")) {
                long max = StandardOptions4.SPACE.equals(space) ? 254 : 255;
                long c = o.integer("code", 0, 0, 255);
                if (c == 0 || c > max) {
                    throw o.error("code", "invalid option code '" + c + "': reserved for "
                            + (c == 0 ? "PAD" : "END"));
                }
                code = (int) c;
            }
            if (name == null && code == null) {
                throw o.error("option data configuration must contain 'name' or 'code'");
            }
            String data = o.string("data", "");
            boolean csv = o.bool("csv-format", true);
            boolean always = o.bool("always-send", false);
            boolean never = o.bool("never-send", false);
            List<String> classes = o.stringList("client-classes");
            OptionDefinition def = null;
            if (name != null) {
                def = definitionByName(space, name);
                if (def == null) {
                    if (code == null) {
                        throw o.error("name", "definition for the option '" + space + "." + name
                                + "' does not exist; add an option-def or give its code with csv-format false");
                    }
                } else if (code != null && def.code() != code) {
                    throw o.error("code", "option '" + name + "' has code " + def.code() + ", not " + code);
                }
            }
            if (def == null && code != null) {
                def = definitionByCode(space, code);
            }
            byte[] encoded;
            if (def == null) {
                if (csv) {
                    throw o.error("definition for the option '" + space + "." + (name == null ? "" : name)
                            + "' having code '" + code + "' does not exist; set csv-format false to give its data as hex");
                }
                encoded = hexData(data, o.pathOf("data"));
            } else {
                if (!def.configurable()) {
                    // Kea lets option-data set these, but the suite derives them from the exchange
                    warnings.add(new ConfigWarning(o.path(), "option '" + def.name() + "' (" + def.code()
                            + ") is set by the server from the exchange; this option-data entry is ignored"));
                    continue;
                }
                if (!csv) {
                    encoded = hexData(data, o.pathOf("data"));
                } else {
                    try {
                        encoded = OptionDataCodec.encode(def, data, true);
                    } catch (IllegalArgumentException e) {
                        throw o.error("data", e.getMessage());
                    }
                }
                name = def.name();
                code = def.code();
            }
            out.add(new OptionData(name == null ? "" : name, code, space, data, csv, always, never, classes, encoded));
        }
        return List.copyOf(out);
    }

    /** csv-format false: hex digits, optionally with ':' or ' ' separators or a 0x prefix (Kea). */
    private static byte[] hexData(String data, String path) {
        byte[] b = ReservationParser.hexBytes(data.trim());
        if (b == null) {
            throw new ConfigException(path, "'" + data + "' is not valid hex data");
        }
        return b;
    }
}
