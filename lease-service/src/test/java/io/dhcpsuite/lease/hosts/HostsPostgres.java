package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.config.LeaseDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the hosts database tests find PostgreSQL: a Testcontainers PostgreSQL when a container
 * engine answers (a laptop, a hosted CI), else the local server of {@code -Dtest.pg.url} (default
 * 127.0.0.1:5432, user postgres, trust). Every test class gets a database of its own, so runs
 * never see each other's hosts, and drops it afterwards ({@link #drop}), so a run leaves no
 * database behind on a shared server. {@code -Dtest.pg.container=false} skips the engine check.
 */
final class HostsPostgres {
    private static final String LOCAL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static PostgreSQLContainer container;

    private HostsPostgres() {
    }

    /** Which PostgreSQL the tests run on, for the test report. */
    static synchronized String where() {
        return container != null ? "Testcontainers " + container.getDockerImageName() : "local " + LOCAL;
    }

    /** A new, empty database as a {@code hosts-database} entry. */
    static synchronized LeaseDatabase freshDatabase() {
        String name = "hosts_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String host;
        int port;
        String user;
        String password;
        if (useContainer()) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:16-alpine");
                container.start();
            }
            host = container.getHost();
            port = container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
            user = container.getUsername();
            password = container.getPassword();
        } else {
            URI u = URI.create(LOCAL.substring("jdbc:".length()));
            host = u.getHost();
            port = u.getPort() < 0 ? 5432 : u.getPort();
            user = "postgres";
            password = null;
        }
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + admin + ": " + e.getMessage(), e);
        }
        return new LeaseDatabase("postgresql", true, name, 0, host, port, user, password, 5);
    }

    /** Drops a database {@link #freshDatabase} made; call it once its store is closed. */
    static synchronized void drop(LeaseDatabase db) {
        String admin = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + db.name() + " on " + admin + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean useContainer() {
        if (!Boolean.parseBoolean(System.getProperty("test.pg.container", "true"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
