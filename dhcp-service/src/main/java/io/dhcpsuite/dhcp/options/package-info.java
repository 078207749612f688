/**
 * What goes into a reply besides the address: lease lifetime and T1/T2 by Kea's rules, configured
 * option-data with Kea's precedence (reservation, pool, subnet, shared network, class, global) and
 * option 55 filtering, and the client's name (options 12 and 81) as Kea answers it.
 */
package io.dhcpsuite.dhcp.options;
