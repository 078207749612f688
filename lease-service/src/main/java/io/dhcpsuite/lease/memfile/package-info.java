/**
 * The memfile backend: Kea's lease file, an append-only CSV journal in Kea's v4 columns, so a file
 * written by Kea 2.2 or 2.7 loads and a file written here loads in Kea. Every group commit appends
 * its rows and syncs once; compaction (Kea's LFC) rewrites the live leases to a new file and swaps
 * it in atomically without losing rows written meanwhile.
 */
package io.dhcpsuite.lease.memfile;
