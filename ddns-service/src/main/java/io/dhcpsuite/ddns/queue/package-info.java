/**
 * Kea's D2QueueMgr and D2UpdateMgr in one: the bounded queue of received NCRs and the scheduler
 * that runs many transactions in parallel but never two for the same DHCID.
 */
package io.dhcpsuite.ddns.queue;
