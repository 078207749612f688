package io.dhcpsuite.lease.hosts;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dhcpsuite.config.LeaseDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One {@code hosts-database}: its own connection pool, schema (Flyway, {@code db/hosts}, history in
 * {@code flyway_hosts_history} so it may share a database with the leases), and a Spring Data
 * repository over a JPA persistence unit of its own. The lease side deliberately runs without JPA
 * (see {@code LeaseDatabaseEnvironment}); hosts are few writes and varied queries, where it fits.
 */
final class HostDatabase implements AutoCloseable {
    private final LeaseDatabase config;
    private final HikariDataSource dataSource;
    private final EntityManagerFactory emf;
    private final HostRepository repository;
    private final HostRepository6 repository6;
    private final TransactionTemplate tx;

    private HostDatabase(LeaseDatabase config, HikariDataSource dataSource, EntityManagerFactory emf) {
        this.config = config;
        this.dataSource = dataSource;
        this.emf = emf;
        EntityManager shared = SharedEntityManagerCreator.createSharedEntityManager(emf);
        JpaRepositoryFactory factory = new JpaRepositoryFactory(shared);
        this.repository = factory.getRepository(HostRepository.class);
        this.repository6 = factory.getRepository(HostRepository6.class);
        this.tx = new TransactionTemplate(new JpaTransactionManager(emf));
    }

    /** Connects, migrates the schema and builds the persistence unit; {@code password} may come from the environment. */
    static HostDatabase open(LeaseDatabase db, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name());
        if (db.user() != null) {
            hc.setUsername(db.user());
        }
        if (password != null) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(4);
        hc.setPoolName("hosts-" + db.name());
        hc.setConnectionTimeout(Math.max(1, db.connectTimeout()) * 1000L);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            migrate(ds);
            return new HostDatabase(db, ds, entityManagerFactory(ds));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/hosts").table("flyway_hosts_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    private static EntityManagerFactory entityManagerFactory(DataSource ds) {
        LocalContainerEntityManagerFactoryBean f = new LocalContainerEntityManagerFactoryBean();
        f.setDataSource(ds);
        f.setPersistenceUnitName("hosts");
        f.setPackagesToScan(HostDatabase.class.getPackageName());
        f.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        Map<String, Object> props = new HashMap<>();
        props.put("hibernate.hbm2ddl.auto", "validate");
        props.put("hibernate.jdbc.batch_size", 500);
        props.put("hibernate.order_inserts", true);
        f.setJpaPropertyMap(props);
        f.afterPropertiesSet();
        return f.getObject();
    }

    LeaseDatabase config() {
        return config;
    }

    boolean readonly() {
        return !config.persist();
    }

    HostRepository repository() {
        return repository;
    }

    HostRepository6 repository6() {
        return repository6;
    }

    /** Runs {@code work} in one transaction. */
    <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    @Override
    public void close() {
        emf.close();
        dataSource.close();
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
