package io.dhcpsuite.config;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How a service loads the file named by its {@code suite.config} property at start-up: warnings
 * are logged one per line, and a refused configuration stops the process with the one-line reason
 * (the key's path first) instead of a stack trace, as {@code kea-dhcp4} does.
 */
public final class SuiteConfigBootstrap {
    private static final Logger log = LoggerFactory.getLogger(SuiteConfigBootstrap.class);

    private SuiteConfigBootstrap() {
    }

    /** Loads {@code location}; a blank location gives an empty configuration. */
    public static SuiteConfig load(String location) {
        if (location == null || location.isBlank()) {
            return new SuiteConfig(null, JsonNodeFactory.instance.objectNode(), null, List.of());
        }
        try {
            SuiteConfig config = KeaConfigLoader.load(Path.of(location));
            config.warnings().forEach(w -> log.warn("DHCP4_CONFIG_WARNING {}", w));
            return config;
        } catch (ConfigException e) {
            log.error("DHCP4_CONFIG_LOAD_FAIL configuration {} refused: {}", location, e.getMessage());
            System.err.println("ERROR configuration " + location + " refused: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }
}
