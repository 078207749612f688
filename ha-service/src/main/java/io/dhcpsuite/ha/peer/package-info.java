/**
 * HTTP to the HA partner (Kea's wire: a POST of a control command to the peer URL, answered by a
 * result map or Kea's one-element list) and to this suite's own dhcp-service and lease-service.
 */
package io.dhcpsuite.ha.peer;
