/**
 * The lease wire: the hot path's binary protocol between dhcp-service and lease-service, in one
 * place. {@link io.dhcpsuite.api.lease.wire.LeaseWire} is the codec (hello with the protocol
 * version, frames, payloads, stable enum codes) and the default port;
 * {@link io.dhcpsuite.api.lease.wire.LeaseWireServer} serves it in lease-service and
 * {@link io.dhcpsuite.api.lease.wire.LeaseWireClient} speaks it in dhcp-service. Both sides carry
 * the same {@link io.dhcpsuite.api.lease.LeaseBatch4} records as the JSON endpoint. Why binary TCP
 * here and REST for control, the frame layout and the rollout rule: docs/lease-wire.md.
 */
package io.dhcpsuite.api.lease.wire;
