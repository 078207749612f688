package io.dhcpsuite.config;

import java.util.List;

/**
 * A {@code loggers} entry.
 *
 * @param name      e.g. {@code kea-dhcp4}, {@code kea-dhcp4.leases}
 * @param severity  FATAL, ERROR, WARN, INFO (default), DEBUG, NONE
 * @param debugLevel 0..99
 * @param outputs   each {@code output_options[].output} / {@code output-options[].output}:
 *                  stdout, stderr, syslog[:name], or a file path
 */
public record LoggerConfig(String name, String severity, int debugLevel, List<String> outputs) {
}
