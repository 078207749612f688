package io.dhcpsuite.config;

import io.dhcpsuite.config.ha.HaConfigParser;

import java.util.List;
import java.util.Map;

/**
 * The {@code parameters} of the hook libraries the suite implements itself, checked by library
 * file name in whatever directory the file is named (Kea's hooks directory differs per install).
 * A library not in the table keeps its parameters unchecked: the suite does not load Kea's
 * libraries, so it cannot know their keys.
 */
final class HookParameters {

    /** Checks one library's parameters (a map, possibly missing), adding warnings as it goes. */
    @FunctionalInterface
    interface Checker {
        void check(KeaJson parameters, List<ConfigWarning> warnings);
    }

    private static final Map<String, Checker> BY_FILE = Map.of(
            "libdhcp_lease_cmds.so", HookParameters::leaseCmds,
            "libdhcp_ha.so", (parameters, warnings) -> HaConfigParser.parse(parameters));

    private HookParameters() {
    }

    static void check(String library, KeaJson parameters, List<ConfigWarning> warnings) {
        Checker c = BY_FILE.get(new HookLibrary(library, null).fileName());
        if (c != null) {
            c.check(parameters, warnings);
        }
    }

    /**
     * Kea's lease_cmds reads no parameters before 2.7.7 and since then only
     * {@code binding-variables} (a list; anything else is refused with "'binding-variables' must
     * be a list"); every other key is ignored without a word. The suite accepts what Kea accepts
     * but says which keys have no effect, so a misplaced HA parameter does not pass unseen.
     */
    private static void leaseCmds(KeaJson parameters, List<ConfigWarning> warnings) {
        for (String key : parameters.keys()) {
            if (key.equals("binding-variables")) {
                parameters.list(key);
                warnings.add(new ConfigWarning(parameters.pathOf(key), "accepted but not implemented"));
            } else if (!key.equals("comment") && !key.equals("user-context")) {
                warnings.add(new ConfigWarning(parameters.pathOf(key), "ignored: libdhcp_lease_cmds.so takes no"
                        + " parameter '" + key + "' (Kea ignores it too)"));
            }
        }
    }
}
