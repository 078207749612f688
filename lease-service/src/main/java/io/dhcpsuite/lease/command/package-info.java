/**
 * Kea's control commands that lease-service answers on {@code POST /internal/v1/command}:
 * the statistic-* commands, leases-reclaim and the lease_cmds hook's lease4-* commands, with Kea's
 * texts and result codes. A command lease-service does not implement answers result 2.
 */
package io.dhcpsuite.lease.command;
