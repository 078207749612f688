package io.dhcpsuite.api.lease;

import java.util.List;

/**
 * The DHCPv6 hot-path call: dhcp-service sends the lease operations of many packets in one request
 * to {@value #PATH}; lease-service answers every op in one {@link LeaseBatch6Result}, after all the
 * leases it committed are durable, as for {@link LeaseBatch4}.
 */
public record LeaseBatch6(List<LeaseOp6> ops) {
    public static final String PATH = "/internal/v1/lease6/batch";
}
