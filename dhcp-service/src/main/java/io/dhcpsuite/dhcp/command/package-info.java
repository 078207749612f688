/**
 * Kea's control commands for the DHCPv4 service on {@code POST /internal/v1/command} (the gateway
 * routes {@code "service": ["dhcp4"]} here): statistics, dhcp-enable/dhcp-disable, status-get,
 * version-get, config-get/config-hash-get, server-tag-get and subnet4-select-test.
 */
package io.dhcpsuite.dhcp.command;
