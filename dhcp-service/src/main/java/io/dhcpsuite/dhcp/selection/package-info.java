/**
 * Subnet selection in Kea's order (CfgSubnets4::selectSubnet): relay link-selection or option 118,
 * giaddr against {@code relay.ip-addresses}, then giaddr, ciaddr, source address in a prefix,
 * then the receiving interface's {@code interface} setting and addresses. Class guards filter the
 * candidates, and a subnet inside a shared network brings the whole network as candidates. Used by
 * the packet chain and by the {@code subnet4-select-test} command.
 */
package io.dhcpsuite.dhcp.selection;
