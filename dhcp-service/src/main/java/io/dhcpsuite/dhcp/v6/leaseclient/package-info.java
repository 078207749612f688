/**
 * The DHCPv6 hot-path client of lease-service: the design of the DHCPv4
 * {@link io.dhcpsuite.dhcp.leaseclient.BatchingLeaseClient} (no timer, the ops of one socket drain
 * in one request, a few requests in flight per lane, ADVERTISE apart from the durable writes, a
 * bounded queue) for {@link io.dhcpsuite.api.lease.LeaseBatch6}: over the lease wire on the DHCPv4
 * transport's connections ({@link io.dhcpsuite.dhcp.v6.leaseclient.TcpLease6Transport}), or as JSON
 * over HTTP ({@link io.dhcpsuite.dhcp.v6.leaseclient.HttpLease6Transport}).
 */
package io.dhcpsuite.dhcp.v6.leaseclient;
