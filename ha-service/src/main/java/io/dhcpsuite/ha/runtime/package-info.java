/**
 * The running HA service of one relationship: one thread ticks the state machine, heartbeats the
 * partner, runs syncs and keeps the local dhcp-service enabled or disabled as the state demands;
 * command handlers read published snapshots or hand work to that thread.
 */
package io.dhcpsuite.ha.runtime;
