package io.dhcpsuite.config;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A loaded Kea-format configuration file: the parsed {@code Dhcp4} section, the raw document
 * (other sections and hook parameters for the services that use them), and the warnings for valid
 * Kea keys that the suite accepts but does not implement.
 *
 * @param source   the file it came from, or null when parsed from text
 * @param raw      the whole document, comments removed
 * @param dhcp4    the Dhcp4 section, or null when the file has none
 * @param warnings one per accepted-but-unimplemented key, naming its path
 */
public record SuiteConfig(Path source, JsonNode raw, Dhcp4Config dhcp4, List<ConfigWarning> warnings) {
}
