/**
 * DNS removals that only lease-service can see: leases reclaimed on expiry (or reused on the spot)
 * and leases deleted by {@code lease4-del} with {@code update-ddns}, plus {@code lease4-resend-ddns}.
 * NCRs leave through the shared {@link io.dhcpsuite.api.ddns.NcrSender}, never blocking a caller.
 */
package io.dhcpsuite.lease.ddns;
