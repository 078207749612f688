package io.dhcpsuite.lease.config;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.SuiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.env.PropertyResolver;
import tools.jackson.databind.JsonNode;

/** Where lease-service finds its Kea-format file, and the one memfile key dhcp-config does not model. */
public final class ConfigFile {
    /** Used when {@code suite.config} is blank and the file exists (running from the repository). */
    public static final Path EXAMPLE = Path.of("examples/kea-dhcp4.json");

    private ConfigFile() {
    }

    /** {@code suite.config}, else the example file when present, else "" (no subnets). */
    public static String location(PropertyResolver env) {
        return location(env.getProperty("suite.config", ""));
    }

    /** {@code configured}, else the example file when present, else "" (no subnets). */
    public static String location(String configured) {
        String file = configured == null ? "" : configured;
        if (file.isBlank() && Files.exists(EXAMPLE)) {
            return EXAMPLE.toString();
        }
        return file;
    }

    /**
     * memfile {@code max-row-errors} (Kea 2.2+, 0 = unlimited). dhcp-config accepts the key with an
     * "accepted but not implemented" warning, as the other services ignore it; lease-service honours
     * it, so it reads it from the raw document.
     */
    public static long maxRowErrors(SuiteConfig config) {
        return maxRowErrors(config, "Dhcp4");
    }

    /** The same key of the Dhcp6 section's {@code lease-database}. */
    public static long maxRowErrors6(SuiteConfig config) {
        return maxRowErrors(config, "Dhcp6");
    }

    private static long maxRowErrors(SuiteConfig config, String section) {
        JsonNode n = config.raw().path(section).path("lease-database").path("max-row-errors");
        if (n.isMissingNode() || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
            throw new ConfigException(section + "/lease-database/max-row-errors", "expected a non-negative integer, got " + n);
        }
        return n.asLong();
    }
}
