/**
 * Kea's high-availability hook configuration ({@code libdhcp_ha.so} parameters) and the pieces of
 * HA that the packet path needs without Spring: the model of one or more relationships, its strict
 * parser, the HA state names, and the load-balancing hash with scope classification that
 * dhcp-service applies to every query and ha-service uses for leases.
 */
package io.dhcpsuite.config.ha;
