/**
 * Start-up and wiring: reads {@code suite.*} properties, loads the Kea configuration (warnings as
 * WARN lines, a refused file stops the process with its one-line reason), applies the config's
 * {@code loggers}, builds the packet path and opens the sockets, logging Kea's DHCP4_STARTED and
 * DHCP4_SHUTDOWN.
 */
package io.dhcpsuite.dhcp.bootstrap;
