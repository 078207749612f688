package io.dhcpsuite.config;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A loaded Kea-format configuration file: the parsed {@code Dhcp4} and {@code Dhcp6} sections, the
 * raw document (other sections and hook parameters for the services that use them), and the
 * warnings for valid Kea keys that the suite accepts but does not implement.
 *
 * @param source   the file it came from, or null when parsed from text
 * @param raw      the whole document, comments removed
 * @param dhcp4    the Dhcp4 section, or null when the file has none
 * @param warnings one per accepted-but-unimplemented key, naming its path
 * @param dhcp6    the Dhcp6 section, or null when the file has none
 */
public record SuiteConfig(Path source, JsonNode raw, Dhcp4Config dhcp4, List<ConfigWarning> warnings,
                          Dhcp6Config dhcp6) {

    /** A configuration without a Dhcp6 model (the form before Dhcp6 was parsed). */
    public SuiteConfig(Path source, JsonNode raw, Dhcp4Config dhcp4, List<ConfigWarning> warnings) {
        this(source, raw, dhcp4, warnings, null);
    }
}
