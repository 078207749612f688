/**
 * The configuration the DHCPv4 service runs with, and how it changes while running: the
 * prepare/commit phases of config-set and config-reload (driven by the gateway across
 * dhcp-service and lease-service), config-test, and config-write inside the config's directory.
 */
package io.dhcpsuite.dhcp.reconfig;
