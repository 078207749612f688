package io.dhcpsuite.config;

import io.dhcpsuite.config.expr.ClassExpression;
import io.dhcpsuite.config.expr.ClassExpression6;
import io.dhcpsuite.config.expr.ClassExpressions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code client-classes} of {@code Dhcp4} or {@code Dhcp6}: names unique, tests compiled at load
 * for the family (a class may only name classes defined before it, as in Kea), and which names
 * count as known for class guards: the defined ones and Kea's built-ins. DHCPv4 classes carry the
 * boot fields, DHCPv6 classes a preferred lifetime.
 */
final class ClientClassParser {

    private static final Set<String> BUILT_IN_NO_TEST = Set.of("ALL", "KNOWN", "UNKNOWN", "BOOTP");
    private static final List<String> BUILT_IN_PREFIXES = List.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_");

    private final OptionParser options;
    private final Family family;
    private final Set<String> classNames = new LinkedHashSet<>();

    ClientClassParser(OptionParser options) {
        this(options, Family.V4);
    }

    ClientClassParser(OptionParser options, Family family) {
        this.options = options;
        this.family = family;
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
            ClassExpression6 expression6 = null;
            if (test != null) {
                try {
                    if (family == Family.V4) {
                        expression = ClassExpressions.compile(test, options::optionCode, this::known);
                    } else {
                        expression6 = ClassExpressions.compile6(test, options::optionCode, this::known);
                    }
                } catch (IllegalArgumentException e) {
                    throw c.error("test", "expression [" + test + "]: " + e.getMessage());
                }
            }
            // only-if-required before Kea 2.7.4, only-in-additional-list since
            boolean additional = c.bool("only-if-required", false) || c.bool("only-in-additional-list", false);
            List<OptionData> opts = options.parseData(c.at("option-data"));
            Long[] valid = lifetimes(c, "valid-lifetime");
            classNames.add(name);
            if (family == Family.V4) {
                int next = c.has("next-server") ? c.ipv4("next-server") : 0;
                out.add(new ClientClassDef(name, test, expression, additional, opts, next,
                        c.string("server-hostname", ""), c.string("boot-file-name", ""), valid[0], valid[1], valid[2]));
            } else {
                Long[] preferred = lifetimes(c, "preferred-lifetime");
                out.add(new ClientClassDef(name, test, null, additional, opts, 0, "", "", valid[0], valid[1],
                        valid[2], expression6, preferred[0], preferred[1], preferred[2]));
            }
        }
        return List.copyOf(out);
    }

    /** A class's {@code key}, {@code min-key}, {@code max-key} (each null when unset), checked against each other. */
    private static Long[] lifetimes(KeaJson c, String key) {
        Long value = lifetime(c, key);
        Long min = lifetime(c, "min-" + key);
        Long max = lifetime(c, "max-" + key);
        if (value != null && min != null && min > value) {
            throw c.error("min-" + key, "the value of min-" + key + " (" + min
                    + ") is not less than " + key + " (" + value + ")");
        }
        if (value != null && max != null && value > max) {
            throw c.error("max-" + key, "the value of max-" + key + " (" + max
                    + ") is not more than " + key + " (" + value + ")");
        }
        return new Long[] {value, min, max};
    }

    private static Long lifetime(KeaJson c, String key) {
        return c.has(key) ? c.integer(key, 0, 0, Inherited.UINT32_MAX) : null;
    }
}
