package io.dhcpsuite.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Kea-format configuration file and refuses what {@code kea-dhcp4 -t} refuses, with the
 * path of the offending key. Kea's comment styles ({@code //}, {@code #}, C-style), trailing
 * commas and reals without a leading zero ({@code .5}, as in Kea's all-keys.json) are accepted and a key repeated in one map is refused, all as Kea 2.2 does.
 *
 * <p>The {@code Dhcp4} and {@code Dhcp6} sections are modelled here ({@code Dhcp6} is checked as
 * {@code kea-dhcp6 -t} does); {@code DhcpDdns} and
 * {@code Control-agent} are kept in {@link SuiteConfig#raw()} for their services, which parse them
 * with {@link io.dhcpsuite.config.d2.D2ConfigParser} and
 * {@link io.dhcpsuite.config.agent.AgentConfigParser} ({@link ConfigCheck} runs them all);
 * {@code Netconf} is kept unchecked.
 */
public final class KeaConfigLoader {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private KeaConfigLoader() {
    }

    /** Loads {@code file}; a missing or unreadable file is a {@link ConfigException} too. */
    public static SuiteConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** Parses configuration text; {@code sourceOrNull} is only recorded in the result. */
    public static SuiteConfig parse(String text, Path sourceOrNull) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String file = sourceOrNull == null ? "" : sourceOrNull.toString();
            throw new ConfigException(file, "syntax error" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new ConfigException("", "the configuration must be a JSON map with a 'Dhcp4' entry");
        }
        List<ConfigWarning> warnings = new ArrayList<>();
        SchemaCheck.check(root, KeaSchema.TOP, "", warnings, true);
        JsonNode dhcp4 = root.get("Dhcp4");
        Dhcp4Config model = dhcp4 == null ? null : new Dhcp4Parser(warnings).parse(dhcp4);
        JsonNode dhcp6 = root.get("Dhcp6");
        Dhcp6Config model6 = dhcp6 == null || dhcp6.isNull() ? null : new Dhcp6Parser(warnings).parse(dhcp6);
        return new SuiteConfig(sourceOrNull, root, model, List.copyOf(warnings), model6);
    }

    /**
     * The Kea keys the suite accepts but does not implement, as paths of the form
     * {@code Dhcp4/subnet4/ddns-send-updates} (one per scope kind), for the README.
     */
    public static List<String> unimplementedKeys() {
        return KeaSchema.unimplementedKeys();
    }

    /** Walks the document against {@link KeaSchema}: unknown keys are errors, unimplemented ones warnings. */
    static final class SchemaCheck {
        private SchemaCheck() {
        }

        static void check(JsonNode node, KeaSchema.Scope scope, String path, List<ConfigWarning> warnings,
                          boolean warn) {
            if (!node.isObject()) {
                throw new ConfigException(path, "expected map, got " + KeaJson.typeName(node));
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                String p = path.isEmpty() ? key : path + "/" + key;
                if (!path.isEmpty() && ("comment".equals(key) || "user-context".equals(key))) {
                    if ("comment".equals(key) && !value.isString()) {
                        throw new ConfigException(p, "expected string, got " + KeaJson.typeName(value));
                    }
                    if ("user-context".equals(key) && !value.isObject()) {
                        throw new ConfigException(p, "expected map, got " + KeaJson.typeName(value));
                    }
                    continue;
                }
                KeaSchema.Entry entry = scope.get(key);
                if (entry == null) {
                    if (scope.free) {
                        continue;
                    }
                    if (path.isEmpty() && "Logging".equals(key)) {
                        throw new ConfigException(p, "unknown parameter (Kea 2.0 removed the top-level Logging"
                                + " section: put its loggers in Dhcp4/loggers)");
                    }
                    String hint = KeaSchema.suggest(scope, key);
                    throw new ConfigException(p, "unknown parameter" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
                }
                boolean warnHere = warn;
                if (entry.status() == KeaSchema.Status.UNIMPLEMENTED && warn) {
                    warnings.add(new ConfigWarning(p, "accepted but not implemented"));
                    warnHere = false;
                }
                if (entry.child() == null) {
                    continue;
                }
                if (entry.list()) {
                    if (!value.isArray()) {
                        throw new ConfigException(p, "expected list, got " + KeaJson.typeName(value));
                    }
                    for (int i = 0; i < value.size(); i++) {
                        check(value.get(i), entry.child(), p + "[" + i + "]", warnings, warnHere);
                    }
                } else {
                    check(value, entry.child(), p, warnings, warnHere);
                }
            }
        }
    }
}
