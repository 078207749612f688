/**
 * The PostgreSQL backend ({@code lease-database.type: postgresql}): schema by Flyway, the
 * connection from the Kea config's host/port/name/user/password, group commits as one transaction
 * of multi-row upserts and deletes. PostgreSQL is the durable copy; memory serves reads.
 */
package io.dhcpsuite.lease.postgres;
