/**
 * Expired-lease processing per {@code expired-leases-processing}: periodic reclamation of expired
 * leases (bounded by max-reclaim-leases and max-reclaim-time), the flush of reclaimed leases past
 * hold-reclaimed-time, and the return of declined addresses after probation. Driven by an injected
 * {@link java.time.Clock}, so tests advance time instead of sleeping.
 */
package io.dhcpsuite.lease.reclamation;
