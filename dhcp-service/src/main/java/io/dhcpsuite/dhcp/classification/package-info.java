/**
 * Client classification and host reservation lookup: the built-in classes (ALL,
 * VENDOR_CLASS_&lt;option 60&gt;, KNOWN/UNKNOWN, DROP), the configured class tests in configuration
 * order over a {@link io.dhcpsuite.config.expr.PacketView} of the query, and the reservation of
 * the client found by Kea's {@code host-reservation-identifiers}.
 */
package io.dhcpsuite.dhcp.classification;
