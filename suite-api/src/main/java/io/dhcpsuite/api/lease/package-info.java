/**
 * The lease records shared by dhcp-service and lease-service: Kea's lease JSON and states, and the
 * batched lease protocol of the hot path (many packets' operations per HTTP request, answered after
 * one group commit).
 */
package io.dhcpsuite.api.lease;
