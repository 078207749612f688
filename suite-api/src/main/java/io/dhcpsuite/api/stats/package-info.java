/** Statistics under Kea's names with Kea's sample semantics, cheap to update on the packet path. */
package io.dhcpsuite.api.stats;
