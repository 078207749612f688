/**
 * The lease records shared by dhcp-service and lease-service: Kea's lease JSON and states, and the
 * batched lease protocol of the hot path (many packets' operations per request, answered after one
 * group commit), as JSON over HTTP here and as binary frames in {@link io.dhcpsuite.api.lease.wire}.
 */
package io.dhcpsuite.api.lease;
