package io.dhcpsuite.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The local PostgreSQL the end-to-end tests share with every other test run (127.0.0.1:5432, user
 * postgres, {@code -Dtest.pg.url}): a test creates its databases here and drops them when it is
 * done, so the server is left as it was found.
 */
final class LocalPostgres {
    static final String ADMIN_URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    /** The Debian cluster version, for pg_ctlcluster. */
    static final String CLUSTER_VERSION = System.getProperty("test.pg.cluster", "15");

    private LocalPostgres() {
    }

    static String url(String database) {
        return ADMIN_URL.replace("/postgres", "/" + database);
    }

    /** A new, empty database {@code name} (one left by an earlier, interrupted run is dropped first). */
    static void create(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
    }

    /** Drops {@code name}, closing the connections still on it (a suite that was just stopped). */
    static void drop(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Whether a database {@code name} exists. */
    static boolean exists(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }

    /** The addresses of every row of {@code lease4} in {@code database}, dotted. */
    static Set<String> leaseRows(String database) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url(database), "postgres", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT address FROM lease4")) {
            while (rs.next()) {
                long a = rs.getLong(1);
                out.add((a >>> 24) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255));
            }
        }
        return out;
    }

    /** Waits until the server accepts connections again; fails the test if it does not within {@code within}. */
    static void awaitUp(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("PostgreSQL is not accepting connections again at " + ADMIN_URL + ": "
                + (last == null ? "timed out" : last.getMessage()));
    }

    /**
     * {@code pg_ctlcluster VERSION main stop -m fast} or {@code start}; a start waits until the
     * server accepts connections, so that nothing after the caller finds it down.
     */
    static void pgCtl(String action) throws Exception {
        ProcessBuilder pb = action.equals("stop")
                ? new ProcessBuilder("pg_ctlcluster", CLUSTER_VERSION, "main", action, "-m", "fast")
                : new ProcessBuilder("pg_ctlcluster", CLUSTER_VERSION, "main", action);
        Suite.Result r = Suite.exec(pb.redirectErrorStream(true), Duration.ofSeconds(60));
        if (action.equals("start")) {
            awaitUp(Duration.ofSeconds(60));
            return;
        }
        org.assertj.core.api.Assertions.assertThat(r.exitCode()).as("pg_ctlcluster " + action + ": " + r.output()).isZero();
    }
}
