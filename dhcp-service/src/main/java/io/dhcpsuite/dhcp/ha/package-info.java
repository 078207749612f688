/**
 * The HA side of the packet path: the scope filter ha-service drives (which scopes this server
 * answers, every query classed {@code HA_<scope owner>}) and the sample of partner-scope clients
 * that ha-service's unacked-clients analysis reads while communication is interrupted.
 */
package io.dhcpsuite.dhcp.ha;
