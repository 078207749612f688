/**
 * Kea-format configuration: {@link io.dhcpsuite.config.KeaConfigLoader} reads the JSON file (with
 * Kea's comments), refuses what Kea refuses with the offending key's path, warns about valid Kea
 * keys the suite does not implement, and builds the immutable model that dhcp-service and
 * lease-service share; {@link io.dhcpsuite.config.ConfigCheck} is the suite's
 * {@code kea-dhcp4 -t}.
 */
package io.dhcpsuite.config;
