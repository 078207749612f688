/**
 * One NameChangeRequest carried out as Kea's D2 does it: the zone chosen by longest-suffix match,
 * forward before reverse, each step's prerequisites and updates per conflict-resolution mode
 * (RFC 4703 section 5 and Kea's NameAdd/NameRemove, CheckExists*, Simple* and
 * Simple*WithoutDHCID transactions), up to three tries per server, then the next server.
 */
package io.dhcpsuite.ddns.transaction;
