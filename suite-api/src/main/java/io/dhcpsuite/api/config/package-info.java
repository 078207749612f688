/**
 * How the services that together play Kea's {@code dhcp4} change their configuration as one:
 * the gateway asks each to prepare a new configuration (parse it and build every runtime structure
 * without installing it), and only when all agreed asks each to commit (an atomic swap), so a
 * refused configuration leaves every service as it was. Also Kea's texts and config hash.
 */
package io.dhcpsuite.api.config;
