package io.dhcpsuite.api.lease;

import java.util.List;

/**
 * The hot-path call: dhcp-service sends the lease operations of many packets in one request to
 * {@value #PATH}; lease-service answers every op in one {@link LeaseBatch4Result}, after all the
 * leases it committed are durable (one journal fsync or one PostgreSQL transaction per batch).
 */
public record LeaseBatch4(List<LeaseOp4> ops) {
    public static final String PATH = "/internal/v1/lease4/batch";
}
