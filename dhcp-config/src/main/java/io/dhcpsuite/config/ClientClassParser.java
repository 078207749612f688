package io.dhcpsuite.config;

import io.dhcpsuite.config.expr.ClassExpression;
import io.dhcpsuite.config.expr.ClassExpressions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code client-classes}: names unique, tests compiled at load (a class may only name classes
 * defined before it, as in Kea), and which names count as known for class guards: the defined
 * ones and Kea's built-ins.
 */
final class ClientClassParser {

    private static final Set<String> BUILT_IN_NO_TEST = Set.of("ALL", "KNOWN", "UNKNOWN", "BOOTP");
    private static final List<String> BUILT_IN_PREFIXES = List.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_");

    private final OptionParser options;
    private final Set<String> classNames = new LinkedHashSet<>();

    ClientClassParser(OptionParser options) {
        this.options = options;
    }

    boolean known(String name) {
        if (classNames.contains(name) || BUILT_IN_NO_TEST.contains(name) || "DROP".equals(name)) {
            return true;
        }
        for (String prefix : BUILT_IN_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    List<ClientClassDef> parse(KeaJson list) {
        List<ClientClassDef> out = new ArrayList<>();
        for (KeaJson c : list.elements()) {
            String name = c.string("name", null);
            if (name == null || name.isBlank()) {
                throw c.error("missing parameter 'name'");
            }
            if (classNames.contains(name)) {
                throw c.error("name", "client class '" + name + "' is already defined");
            }
            String test = c.string("test", null);
            if (test != null && test.isBlank()) {
                test = null;
            }
            if (test != null && BUILT_IN_NO_TEST.contains(name)) {
                throw c.error("test", "built-in class '" + name + "' test expression must be empty");
            }
            ClassExpression expression = null;
            if (test != null) {
                try {
                    expression = ClassExpressions.compile(test, options::optionCode, this::known);
                } catch (IllegalArgumentException e) {
                    throw c.error("test", "expression [" + test + "]: " + e.getMessage());
                }
            }
            // only-if-required before Kea 2.7.4, only-in-additional-list since
            boolean additional = c.bool("only-if-required", false) || c.bool("only-in-additional-list", false);
            List<OptionData> opts = options.parseData(c.at("option-data"));
            int next = c.has("next-server") ? c.ipv4("next-server") : 0;
            Long valid = lifetime(c, "valid-lifetime");
            Long min = lifetime(c, "min-valid-lifetime");
            Long max = lifetime(c, "max-valid-lifetime");
            if (valid != null && min != null && min > valid) {
                throw c.error("min-valid-lifetime", "the value of min-valid-lifetime (" + min
                        + ") is not less than valid-lifetime (" + valid + ")");
            }
            if (valid != null && max != null && valid > max) {
                throw c.error("max-valid-lifetime", "the value of max-valid-lifetime (" + max
                        + ") is not more than valid-lifetime (" + valid + ")");
            }
            classNames.add(name);
            out.add(new ClientClassDef(name, test, expression, additional, opts, next,
                    c.string("server-hostname", ""), c.string("boot-file-name", ""), valid, min, max));
        }
        return List.copyOf(out);
    }

    private static Long lifetime(KeaJson c, String key) {
        return c.has(key) ? c.integer(key, 0, 0, Inherited.UINT32_MAX) : null;
    }
}
