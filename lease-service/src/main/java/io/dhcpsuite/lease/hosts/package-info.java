/**
 * Host reservations in hosts databases (Kea's {@code hosts-database}/{@code hosts-databases} of
 * type postgresql) and Kea's host_cmds {@code reservation-*} commands. The rows are JPA entities
 * behind a Spring Data repository with a Flyway schema per database; all hosts are also kept in
 * memory ({@link io.dhcpsuite.lease.hosts.DatabaseHosts}), changed in step with the database by the
 * commands, so neither the allocation engine nor dhcp-service's packet path ever waits for the
 * database. The configuration file's reservations come first, as in Kea.
 */
package io.dhcpsuite.lease.hosts;
