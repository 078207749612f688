/**
 * The DHCPv6 memfile: Kea's kea-leases6.csv as an append-only journal (the v6 columns of Kea's
 * CSVLeaseFile6), loaded at start-up, fsynced by the group commit, compacted every lfc-interval.
 */
package io.dhcpsuite.lease.v6.memfile;
