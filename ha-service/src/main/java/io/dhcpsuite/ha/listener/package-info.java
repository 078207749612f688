/**
 * The HA listener: an HTTP endpoint at this server's own peer URL (Kea's dedicated HA listener)
 * answering what a partner sends, in Kea's envelope.
 */
package io.dhcpsuite.ha.listener;
