/**
 * Kea-format configuration: {@link io.dhcpsuite.config.KeaConfigLoader} reads the JSON file (with
 * Kea's comments), refuses what Kea refuses with the offending key's path, warns about valid Kea
 * keys the suite does not implement, and builds the immutable model that dhcp-service and
 * lease-service share; {@link io.dhcpsuite.config.ConfigCheck} is the suite's
 * {@code kea-dhcp4 -t}, {@code kea-dhcp-ddns -t} and {@code kea-ctrl-agent -t} in one. The
 * {@code Dhcp4} parser is split by section (options, classes, reservations, subnets and pools,
 * DDNS, the small global sections), all reading through {@link io.dhcpsuite.config.KeaJson}.
 */
package io.dhcpsuite.config;
