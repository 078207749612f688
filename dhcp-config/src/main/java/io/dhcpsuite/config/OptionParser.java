package io.dhcpsuite.config;

import io.dhcpsuite.codec.OptionDataCodec;
import io.dhcpsuite.codec.OptionDefinition;
import io.dhcpsuite.codec.OptionType;
import io.dhcpsuite.codec.StandardOptions4;
import io.dhcpsuite.codec.StandardOptions6;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code option-def} and {@code option-data} at every level of {@code Dhcp4} or {@code Dhcp6}:
 * definitions are looked up custom first, then Kea's standard spaces of the family, and each
 * option's data is encoded to its wire bytes here, so a bad value is refused at load with its
 * path and the packet path only copies bytes.
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

    /** Kea's DOCSIS3_V6_OPTION_DEFINITIONS: the CableLabs (vendor 4491) DHCPv6 sub-options. */
    private static final List<OptionDefinition> DOCSIS3_V6 = List.of(
            OptionDefinition.of("oro", 1, "vendor-4491", OptionType.UINT16, true),
            OptionDefinition.of("device-type", 2, "vendor-4491", OptionType.STRING, false),
            OptionDefinition.of("vendor-type", 10, "vendor-4491", OptionType.STRING, false),
            OptionDefinition.of("tftp-servers", 32, "vendor-4491", OptionType.IPV6_ADDRESS, true),
            OptionDefinition.of("config-file", 33, "vendor-4491", OptionType.STRING, false),
            OptionDefinition.of("syslog-servers", 34, "vendor-4491", OptionType.IPV6_ADDRESS, true),
            OptionDefinition.of("device-id", 36, "vendor-4491", OptionType.BINARY, false),
            OptionDefinition.of("time-servers", 37, "vendor-4491", OptionType.IPV6_ADDRESS, true),
            OptionDefinition.of("time-offset", 38, "vendor-4491", OptionType.INT32, false),
            OptionDefinition.of("cmts-cm-mac", 1026, "vendor-4491", OptionType.BINARY, false));

    /**
     * dhcp4 codes an option-def may redefine: those not in Kea 2.2's STANDARD_V4_OPTION_DEFINITIONS,
     * which is what Kea's CfgOptionDef::add checks. 43 is only a last-resort definition there (Kea's
     * advanced.json redefines it as binary); the others became standard after 2.2.
     */
    private static final Set<Integer> REDEFINABLE = Set.of(43, 121, 143, 151, 152, 153, 154, 155, 156, 157, 162);

    /**
     * The dhcp6 codes of Kea 2.2's STANDARD_V6_OPTION_DEFINITIONS: an option-def may not redefine
     * them (Kea's CfgOptionDef::add); a dhcp6 code that became standard later may be.
     */
    private static final Set<Integer> KEA22_STANDARD_V6 = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 36, 37, 38, 39, 40, 41, 42, 43,
            44, 45, 46, 47, 48, 51, 52, 53, 57, 58, 59, 60, 61, 62, 64, 65, 66, 67, 74, 79, 80, 82, 83, 87, 88, 94,
            95, 96, 103, 135, 143);

    private final List<ConfigWarning> warnings;
    private final Family family;
    /** Custom definitions by space then code, and by space then name. */
    private final Map<String, Map<Integer, OptionDefinition>> defsByCode = new HashMap<>();
    private final Map<String, Map<String, OptionDefinition>> defsByName = new HashMap<>();

    OptionParser(List<ConfigWarning> warnings) {
        this(warnings, Family.V4);
    }

    OptionParser(List<ConfigWarning> warnings, Family family) {
        this.warnings = warnings;
        this.family = family;
    }

    /** The highest option code of {@code space}: 254 in dhcp4, 255 in other v4 spaces, 65535 in DHCPv6. */
    private int maxCode(String space) {
        if (family == Family.V6) {
            return 65535;
        }
        return StandardOptions4.SPACE.equals(space) ? 254 : 255;
    }

    /** Kea's own definition of {@code space} that {@code match} accepts, or null. */
    private OptionDefinition standard(String space, Predicate<OptionDefinition> match) {
        List<OptionDefinition> defs = family == Family.V4 ? KEA_SPACES.getOrDefault(space, List.of())
                : "docsis3-v6".equals(space) || "vendor-4491".equals(space) ? DOCSIS3_V6
                : StandardOptions6.definitions(space);
        for (OptionDefinition std : defs) {
            if (match.test(std)) {
                return std;
            }
        }
        return null;
    }

    /** Refuses an option-def that would replace one of Kea 2.2's standard options of the family. */
    private void checkNotStandard(KeaJson d, String space, long code, String name) {
        if (!family.optionSpace.equals(space)) {
            return;
        }
        Predicate<OptionDefinition> fixed = std -> family == Family.V4 ? !REDEFINABLE.contains(std.code())
                : KEA22_STANDARD_V6.contains(std.code());
        OptionDefinition std = standard(space, o -> o.code() == code);
        if ((std != null && fixed.test(std)) || (family == Family.V6 && KEA22_STANDARD_V6.contains((int) code))) {
            throw d.error("code", "unable to override definition of option '" + code
                    + "' in standard option space '" + space + "'");
        }
        std = standard(space, o -> o.name().equals(name));
        if (std != null && fixed.test(std)) {
            throw d.error("name", "unable to override definition of option '" + name
                    + "' in standard option space '" + space + "'");
        }
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
            String space = d.string("space", family.optionSpace);
            long code = d.integer("code", 0, 1, maxCode(space));
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
            checkNotStandard(d, space, code, name);
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
    private OptionDefinition definition(String space, Map<?, OptionDefinition> custom,
                                        Predicate<OptionDefinition> match, Object key) {
        OptionDefinition d = custom == null ? null : custom.get(key);
        return d != null ? d : standard(space, match);
    }

    private OptionDefinition definitionByCode(String space, int code) {
        return definition(space, defsByCode.get(space), d -> d.code() == code, code);
    }

    private OptionDefinition definitionByName(String space, String name) {
        return definition(space, defsByName.get(space), d -> d.name().equals(name), name);
    }

    /** The code of a dhcp4 (dhcp6) option name, standard or from option-def, for {@code option[name]} in tests. */
    Integer optionCode(String name) {
        OptionDefinition d = definitionByName(family.optionSpace, name);
        return d == null ? null : d.code();
    }

    List<OptionData> parseData(KeaJson list) {
        List<OptionData> out = new ArrayList<>();
        for (KeaJson o : list.elements()) {
            o.requireMap();
            String space = o.string("space", family.optionSpace);
            String name = o.string("name", null);
            Integer code = null;
            if (family == Family.V6 && o.has("code")) {
                // Kea's OptionDataParser: a DHCPv6 code is 16 bits, 0 reserved
                code = (int) o.integer("code", 0, 0, 65535);
                if (code == 0) {
                    throw o.error("code", "invalid option code '0': reserved value");
                }
            } else if (o.has("code")) {
                long max = maxCode(space);
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
                        encoded = OptionDataCodec.encode(def, family == Family.V6 ? recordFields(def, data, o) : data,
                                true);
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

    /**
     * Kea's OptionDefinition::optionFactory writes one value per field of a record that is not an
     * array and ignores any further values (all-options.json gives geoconf-civic four); the suite
     * does the same for DHCPv6, with a warning. A comma written as "\," is not a separator.
     */
    private String recordFields(OptionDefinition def, String data, KeaJson o) {
        if (def.type() != OptionType.RECORD || def.array()) {
            return data;
        }
        int fields = def.recordTypes().size();
        int seen = 0;
        for (int i = 0; i < data.length(); i++) {
            char ch = data.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == ',' && ++seen == fields) {
                warnings.add(new ConfigWarning(o.pathOf("data"), "option " + def.name() + " has " + fields
                        + " fields; the values after the " + fields + "th are ignored, as Kea ignores them"));
                return data.substring(0, i);
            }
        }
        return data;
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
