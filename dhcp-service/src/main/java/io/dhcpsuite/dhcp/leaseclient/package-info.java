/**
 * The hot-path client of lease-service. Packet threads hand a {@link io.dhcpsuite.api.lease.LeaseOp4}
 * to a {@link io.dhcpsuite.dhcp.leaseclient.LeaseClient} and return at once; a batcher sends many
 * packets' ops in one {@link io.dhcpsuite.api.lease.LeaseBatch4} through a
 * {@link io.dhcpsuite.dhcp.leaseclient.LeaseTransport} (binary frames pipelined on one kept-alive
 * TCP connection by default, or JSON over HTTP/1.1), with a few batches in flight, and completes each packet's continuation when its
 * result arrives. The queue is bounded: when lease-service is down or slow, packets are refused at
 * the door (the caller counts {@code pkt4-receive-drop}) instead of piling up.
 */
package io.dhcpsuite.dhcp.leaseclient;
