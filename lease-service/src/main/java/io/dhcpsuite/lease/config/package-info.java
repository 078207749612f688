/**
 * How lease-service reads the shared configuration model: dhcp-config's {@code KeaConfigLoader}
 * parses and validates the file (through {@code SuiteConfigBootstrap}, which stops start-up with
 * the key's path), and allocation works on the resolved {@code Dhcp4Config} records directly. This
 * package only adds the questions lease-service asks of them (which subnet holds an address, a
 * pool's class guard, whether reclaimed leases are kept) and the file's location.
 */
package io.dhcpsuite.lease.config;
