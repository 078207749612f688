package io.dhcpsuite.e2e;

/**
 * {@link PostgresqlEndToEndIT} with lease-service and dhcp-service in one JVM
 * ({@code ./dhcpctl start --one-process}): lease-service's context has the database, dhcp-service's,
 * which then sees the same libraries, none; DORAs, rows in the table and a restart.
 */
class OneProcessPostgresqlEndToEndIT extends PostgresqlEndToEndIT {

    @Override
    String database() {
        return "dhcp_e2e_one_process";
    }

    @Override
    String[] startOptions() {
        return new String[] {"--one-process"};
    }
}
