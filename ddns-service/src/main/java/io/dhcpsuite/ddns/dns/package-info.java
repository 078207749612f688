/**
 * Sending one RFC 2136 UPDATE to one DNS server through dnsjava, TSIG-signed when a key applies
 * and the answer's signature verified, and counting it under D2's statistic names.
 */
package io.dhcpsuite.ddns.dns;
