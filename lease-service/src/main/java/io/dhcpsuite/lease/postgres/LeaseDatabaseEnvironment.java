package io.dhcpsuite.lease.postgres;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.LeaseDatabase;
import io.dhcpsuite.lease.config.ConfigFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the Kea config's {@code lease-database} onto {@code spring.datasource.*} when it is
 * PostgreSQL, and creates the database when it does not exist yet. JPA auto-configuration is
 * always off ({@link #EXCLUDE_JPA}); for memfile the DataSource and Flyway are off too.
 */
public class LeaseDatabaseEnvironment implements EnvironmentPostProcessor {
    /**
     * Hibernate and Spring Data JPA, off for every backend. lease-service serves every read from
     * memory, and PostgreSQL is touched twice: one streaming read of lease4 at start-up and the
     * group commit's multi-row upserts, both plain JDBC. Measured on PostgreSQL with 100k leases
     * (5 runs each, CPU seconds until "Started"): without JPA 13.8 s, Hibernate with no entity
     * 16.3 s, the start-up load through a Lease4Entity and a Spring Data stream 20.1 s, the entity
     * load itself no faster than the JdbcTemplate row mapper. JPA has no use here that pays for it.
     */
    static final String EXCLUDE_JPA = String.join(",",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.metrics.HibernateMetricsAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");
    /** Everything a database brings, off for memfile, which needs no database at all. */
    static final String EXCLUDE = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
    private final Log log;

    public LeaseDatabaseEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(LeaseDatabaseEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        LeaseDatabase db = null;
        java.util.List<LeaseDatabase> hostsDbs = java.util.List.of();
        String file = ConfigFile.location(env);
        if (!file.isBlank()) {
            try {
                Dhcp4Config cfg = KeaConfigLoader.load(Path.of(file)).dhcp4();
                db = cfg == null ? null : cfg.leaseDatabase();
                hostsDbs = cfg == null ? java.util.List.of() : cfg.hostsDatabases();
            } catch (ConfigException e) {
                // the configuration bean reports it and stops start-up; without a database here,
                // no DataSource failure can come first and hide the configuration's message
                db = null;
            }
        }
        Map<String, Object> props = new HashMap<>();
        String existing = env.getProperty("spring.autoconfigure.exclude", "");
        String exclude = db == null || !db.isPostgresql() ? EXCLUDE_JPA + "," + EXCLUDE : EXCLUDE_JPA;
        props.put("spring.autoconfigure.exclude", existing.isBlank() ? exclude : existing + "," + exclude);
        if (db != null && db.isPostgresql()) {
            String url = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name();
            props.put("spring.datasource.url", url + "?reWriteBatchedInserts=true");
            props.put("spring.datasource.username", db.user() == null ? "" : db.user());
            // A password in the Kea file wins; without one, the environment's
            // spring.datasource.password (SPRING_DATASOURCE_PASSWORD, a mounted secret) is used, so
            // deployments keep the secret out of the config file.
            String password = db.password() != null ? db.password() : env.getProperty("spring.datasource.password");
            if (db.password() != null) {
                props.put("spring.datasource.password", db.password());
            }
            props.put("spring.flyway.locations", "classpath:db/migration");
            awaitOnStartup(db, password);
            createIfMissing(db, password);
        }
        for (LeaseDatabase h : hostsDbs) {
            createIfMissing(h, h.password() != null ? h.password() : env.getProperty("spring.datasource.password"));
        }
        env.getPropertySources().addFirst(new MapPropertySource("lease-database", props));
    }

    /**
     * Kea's {@code retry-on-startup}: with it, a database that is not there yet is waited for,
     * {@code max-reconnect-tries} times {@code reconnect-wait-time} at most, before the start-up
     * goes on (and fails with the server's message if it is still away). Kea starts its other parts
     * meanwhile; lease-service has nothing to serve without its leases, so it waits instead.
     */
    void awaitOnStartup(LeaseDatabase db, String password) {
        LeaseDatabase.Reconnect r = db.reconnect();
        if (!r.retryOnStartup() || r.maxTries() == 0) {
            return;
        }
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        String admin = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres";
        for (long attempt = 1; attempt <= r.maxTries(); attempt++) {
            try (Connection c = DriverManager.getConnection(admin, p)) {
                if (attempt > 1) {
                    log.info("DHCP4_DB_RECONNECT_SUCCEEDED database reachable after " + attempt + " attempt(s)");
                }
                return;
            } catch (SQLException e) {
                log.warn("DHCP4_DB_RECONNECT_ATTEMPT_SCHEDULE database unreachable at start-up (" + e.getMessage()
                        + "): attempt " + attempt + " of " + r.maxTries() + ", next in " + r.waitMillis() + " ms");
            }
            try {
                Thread.sleep(r.waitMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The benchmark creates the database itself; a user trying the suite appreciates this. */
    void createIfMissing(LeaseDatabase db, String password) {
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        String admin = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, p);
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, db.name());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + db.name().replace("\"", "\"\"") + "\"");
            }
            log.info("created PostgreSQL database '" + db.name() + "' on " + db.host() + ":" + db.port());
        } catch (SQLException e) {
            // if it really is missing, the connection pool reports it with the server's message
            log.warn("could not check or create database '" + db.name() + "': " + e.getMessage());
        }
    }
}
