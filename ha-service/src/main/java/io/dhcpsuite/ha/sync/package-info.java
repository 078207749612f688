/** Lease database synchronisation from the partner with Kea's page protocol. */
package io.dhcpsuite.ha.sync;
