/**
 * DHCPv6 leases on PostgreSQL: Kea's lease6 table (Flyway migration V3), written by the group
 * commit with one transaction per group, as the v4 lease4 table is.
 */
package io.dhcpsuite.lease.v6.postgres;
