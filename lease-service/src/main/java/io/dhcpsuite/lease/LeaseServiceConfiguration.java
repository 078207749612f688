package io.dhcpsuite.lease;

import io.dhcpsuite.api.time.Ticker;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.Shutdown;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.lease.config.RunningConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.allocation.ReclaimListener;
import io.dhcpsuite.lease.store.LeaseChangeListener;
import io.dhcpsuite.lease.batch.GroupCommitter;
import io.dhcpsuite.lease.batch.LeaseBatchService;
import io.dhcpsuite.lease.command.LeaseCommands;
import io.dhcpsuite.lease.hosts.HostCommands;
import io.dhcpsuite.lease.hosts.HostStore;
import io.dhcpsuite.api.stats.StatisticCommands;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.config.DhcpDdnsClient;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.lease.v6.Allocation6Engine;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6BatchService;
import io.dhcpsuite.lease.v6.Lease6Ddns;
import io.dhcpsuite.lease.v6.Reclaimer6;
import io.dhcpsuite.lease.v6.command.Lease6Commands;
import io.dhcpsuite.lease.v6.command.ServiceDispatcher;
import io.dhcpsuite.lease.v6.Lease6Stats;
import io.dhcpsuite.lease.v6.memfile.Memfile6Backend;
import io.dhcpsuite.lease.ddns.LeaseDdns;
import java.net.InetSocketAddress;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.LeaseDatabase;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.SuiteConfigBootstrap;
import io.dhcpsuite.lease.config.ConfigFile;
import io.dhcpsuite.lease.config.LeaseServiceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.dhcpsuite.lease.hasync.HaSyncCommands;
import io.dhcpsuite.lease.hasync.SyncCursors;
import io.dhcpsuite.lease.memfile.MemfileBackend;
import io.dhcpsuite.lease.postgres.DatabaseRecovery;
import io.dhcpsuite.lease.postgres.PostgresBackend;
import io.dhcpsuite.lease.reclamation.Reclaimer;
import io.dhcpsuite.lease.stats.LeaseStats;
import io.dhcpsuite.lease.stats.StatsMeters;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import io.dhcpsuite.api.command.BasicCommands;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the lease store: configuration, backend, engine, group commit, reclamation, commands. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeaseServiceProperties.class)
class LeaseServiceConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LeaseServiceConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The file named by {@code suite.config}, loaded as every service loads it: a refused file stops
     * the process with the key's path ({@link SuiteConfigBootstrap} exits with status 2).
     */
    @Bean
    SuiteConfig suiteConfig(LeaseServiceProperties props) {
        String file = ConfigFile.location(props.config());
        if (file.isBlank()) {
            log.warn("no --suite.config given and no {}: serving no subnets", ConfigFile.EXAMPLE);
        }
        return SuiteConfigBootstrap.load(file);
    }

    @Bean
    Dhcp4Config dhcp4Config(SuiteConfig suite) {
        Dhcp4Config cfg = suite.dhcp4();
        if (cfg == null) {
            log.warn("configuration {} has no Dhcp4 section: serving no subnets", suite.source());
            cfg = KeaConfigLoader.parse("{\"Dhcp4\": {}}", null).dhcp4();
        }
        log.info("configuration {}: {} subnet(s), lease database {}", suite.source(), cfg.subnets().size(), cfg.leaseDatabase());
        return cfg;
    }

    /**
     * The Dhcp6 section (kea-dhcp6's part of the file), or an empty one: v6 leases are served beside
     * v4 ones by the same process, in a store of their own.
     */
    @Bean
    Dhcp6Config dhcp6Config(SuiteConfig suite) {
        Dhcp6Config cfg = suite.dhcp6();
        if (cfg == null) {
            return KeaConfigLoader.parse("{\"Dhcp6\": {}}", null).dhcp6();
        }
        log.info("configuration {}: {} DHCPv6 subnet(s), lease database {}", suite.source(), cfg.subnets().size(),
                cfg.leaseDatabase());
        return cfg;
    }

    /**
     * The v6 lease store's durable copy: Dhcp6's {@code lease-database}, by default kea-leases6.csv
     * beside kea-leases4.csv (Kea's names). Without a Dhcp6 section nothing is written to disk.
     */
    @Bean(destroyMethod = "close")
    Lease6Backend lease6Backend(SuiteConfig suite, Dhcp6Config config, Dhcp4Config config4, LeaseServiceProperties props,
                                ObjectProvider<DataSource> dataSource, ObjectProvider<FlywayMigrationInitializer> flyway,
                                org.springframework.core.env.Environment env, ConfigurableApplicationContext context) {
        LeaseDatabase db = config.leaseDatabase();
        if (db.isPostgresql()) {
            LeaseDatabase db4 = config4.leaseDatabase();
            DataSource ds;
            if (db4.isPostgresql() && db4.host().equals(db.host()) && db4.port() == db.port()
                    && java.util.Objects.equals(db4.name(), db.name())) {
                // Kea's usual layout: lease4 and lease6 tables in one database; Flyway made both
                flyway.getIfAvailable();
                ds = dataSource.getObject();
            } else {
                String password = db.password() != null ? db.password() : env.getProperty("spring.datasource.password");
                com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
                hc.setJdbcUrl("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name()
                        + "?reWriteBatchedInserts=true");
                hc.setUsername(db.user() == null ? "" : db.user());
                hc.setPassword(password == null ? "" : password);
                hc.setMaximumPoolSize(4);
                hc.setPoolName("lease6-db");
                hc.setConnectionTimeout(Math.max(1, db.connectTimeout()) * 1000);
                com.zaxxer.hikari.HikariDataSource own = new com.zaxxer.hikari.HikariDataSource(hc);
                org.flywaydb.core.Flyway.configure().dataSource(own).locations("classpath:db/migration").load().migrate();
                ds = own;
            }
            log.info("DHCPv6 leases in PostgreSQL {}", db);
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // Dhcp6's own on-fail and reconnect keys, as Kea's kea-dhcp6 applies them to its lease6 store
            ScheduledExecutorService reconnectTimer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("lease6-db-reconnect").daemon(true).factory());
            return new io.dhcpsuite.lease.v6.postgres.Database6Recovery(
                    new io.dhcpsuite.lease.v6.postgres.Postgres6Backend(jdbc,
                            new TransactionTemplate(new DataSourceTransactionManager(ds))),
                    db.reconnect(), () -> {
                        jdbc.queryForObject("SELECT 1", Integer.class);
                        return true;
                    }, reconnectTimer, status ->
                            Thread.ofPlatform().start(() -> System.exit(SpringApplication.exit(context, () -> status))));
        }
        if (suite.dhcp6() == null) {
            return new Memfile6Backend(props.runDir().resolve("kea-leases6.csv"), false, 0);
        }
        Path file = db.name() != null && !db.name().isBlank()
                ? Path.of(db.name())
                : props.runDir().resolve("kea-leases6.csv");
        return new Memfile6Backend(file, db.persist(), ConfigFile.maxRowErrors6(suite));
    }

    @Bean
    Lease6Stats lease6Stats(Dhcp6Config config, Clock clock) {
        return new Lease6Stats(new Statistics(clock), config);
    }

    @Bean
    Allocation6Engine allocation6Engine(Dhcp6Config config, Lease6Stats stats, Clock clock, Lease6Backend backend,
                                        GroupCommitter committer, Lease6Ddns ddns,
                                        @org.springframework.beans.factory.annotation.Qualifier("haLeaseUpdates6")
                                        io.dhcpsuite.lease.ha.HaLeaseUpdates haUpdates6) {
        committer.backend6(backend);
        // with HA for DHCPv6, each transaction's replies wait for its changes to be durable and at the peers
        io.dhcpsuite.lease.v6.Lease6Writer writer = !haUpdates6.active() ? committer::submit6
                : io.dhcpsuite.lease.v6.Lease6Writer.gated(committer::submit6, haUpdates6::changed6);
        Allocation6Engine engine = new Allocation6Engine(config, stats, clock, writer, ddns::reclaimed);
        long t0 = System.nanoTime();
        int leases = engine.load(backend);
        log.info("DHCPSRV_{}_LEASES6_LOADED {} DHCPv6 lease(s) loaded from {} in {} ms", backend.type().toUpperCase(),
                leases, backend.type(), (System.nanoTime() - t0) / 1_000_000);
        return engine;
    }

    @Bean
    Lease6BatchService lease6BatchService(Allocation6Engine engine, LeaseServiceProperties props, Lease6Backend backend) {
        java.util.function.BooleanSupplier stopped = backend instanceof io.dhcpsuite.lease.v6.postgres.Database6Recovery r
                ? r::serviceStopped : () -> false;
        return new Lease6BatchService(engine, props.lease().commitTimeout(), stopped);
    }

    @Bean
    Statistics statistics(Clock clock) {
        return new Statistics(clock);
    }

    @Bean
    LeaseStats leaseStats(Statistics statistics, Dhcp4Config config) {
        return new LeaseStats(statistics, config);
    }

    @Bean(destroyMethod = "close")
    LeaseBackend leaseBackend(SuiteConfig suite, Dhcp4Config config, LeaseServiceProperties props,
                              ObjectProvider<DataSource> dataSource, ConfigurableApplicationContext context,
                              ObjectProvider<FlywayMigrationInitializer> flyway) {
        LeaseDatabase db = config.leaseDatabase();
        if (db.isPostgresql()) {
            flyway.getIfAvailable(); // the schema must exist before the start-up load
            DataSource ds = dataSource.getObject();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            PostgresBackend pg = new PostgresBackend(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)));
            ScheduledExecutorService reconnectTimer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("lease-db-reconnect").daemon(true).factory());
            return new DatabaseRecovery(pg, db.reconnect(), () -> {
                jdbc.queryForObject("SELECT 1", Integer.class);
                return true;
            }, reconnectTimer, status -> {
                // Kea exits when recovery failed; a supervisor (systemd, Kubernetes) starts it again
                Thread.ofPlatform().start(() -> System.exit(SpringApplication.exit(context, () -> status)));
            });
        }
        // a relative name resolves against the working directory, as kea-dhcp4 resolves it
        Path file = db.name() != null && !db.name().isBlank()
                ? Path.of(db.name())
                : props.runDir().resolve("kea-leases4.csv");
        return new MemfileBackend(file, db.persist(), ConfigFile.maxRowErrors(suite));
    }

    @Bean(destroyMethod = "close")
    GroupCommitter groupCommitter(LeaseBackend backend, ObjectProvider<MeterRegistry> meters) {
        return new GroupCommitter(backend, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The engine over the stored leases, loaded before anything can use it. Its lease change
     * listeners and reclaim listeners are every bean of those types (HA's lease updates subscribe
     * by declaring a {@link LeaseChangeListener} bean), in {@code @Order}.
     */
    @Bean
    AllocationEngine allocationEngine(Dhcp4Config config, LeaseStats stats, Clock clock, LeaseBackend backend,
                                      GroupCommitter committer, ObjectProvider<LeaseChangeListener> listeners,
                                      ObjectProvider<ReclaimListener> reclaimListeners) {
        AllocationEngine engine = new AllocationEngine(config, stats, clock, committer,
                listeners.orderedStream().toList(), reclaimListeners.orderedStream().toList());
        long t0 = System.nanoTime();
        int leases = engine.load(backend);
        log.info("DHCPSRV_{}_LEASES_LOADED {} lease(s) loaded from {} in {} ms", backend.type().toUpperCase(),
                leases, backend.type(), (System.nanoTime() - t0) / 1_000_000);
        return engine;
    }

    /**
     * The hosts databases ({@code hosts-database}/{@code hosts-databases}), opened, migrated and
     * loaded into memory before the first packet; without one, a store that refuses changes. A
     * password missing from the file comes from {@code spring.datasource.password}, as for leases.
     */
    @Bean(destroyMethod = "close")
    HostStore hostStore(Dhcp4Config config, AllocationEngine engine,
                        org.springframework.core.env.Environment env) {
        if (config.hostsDatabases().isEmpty()) {
            return HostStore.none(engine);
        }
        return HostStore.open(config.hostsDatabases(), env.getProperty("spring.datasource.password"), engine);
    }

    @Bean
    LeaseBatchService leaseBatchService(AllocationEngine engine, LeaseServiceProperties props, LeaseBackend backend) {
        java.util.function.BooleanSupplier stopped = backend instanceof DatabaseRecovery r ? r::serviceStopped : () -> false;
        return new LeaseBatchService(engine, props.lease().commitTimeout(), Ticker.SYSTEM, stopped);
    }

    /** The v6 NCRs (reclaimed and deleted leases, lease6-resend-ddns), per Dhcp6's {@code dhcp-ddns}. */
    @Bean(destroyMethod = "close")
    Lease6Ddns lease6Ddns(Dhcp6Config config, Statistics statistics) {
        DhcpDdnsClient c = config.dhcpDdnsClient();
        if (!c.enableUpdates()) {
            return Lease6Ddns.disabled(config);
        }
        InetSocketAddress bind = c.senderIp().isEmpty() ? null : new InetSocketAddress(c.senderIp(), 0);
        NcrSender sender = new NcrSender(new InetSocketAddress(c.serverIp(), c.serverPort()), bind, c.maxQueueSize(),
                statistics, "lease6-ncr-");
        log.info("DHCP_DDNS_SENDER_STARTED NCRs for reclaimed and deleted DHCPv6 leases go to {}:{}", c.serverIp(),
                c.serverPort());
        return new Lease6Ddns(config, sender);
    }

    /** Sends NCRs to ddns-service when {@code dhcp-ddns.enable-updates}; from an ephemeral port, as dhcp-service may hold sender-port. */
    @Bean(destroyMethod = "close")
    LeaseDdns leaseDdns(Dhcp4Config config, Statistics statistics) {
        DhcpDdnsClient c = config.dhcpDdnsClient();
        if (!c.enableUpdates()) {
            return LeaseDdns.disabled(config);
        }
        InetSocketAddress bind = c.senderIp().isEmpty() ? null : new InetSocketAddress(c.senderIp(), 0);
        NcrSender sender = new NcrSender(new InetSocketAddress(c.serverIp(), c.serverPort()), bind, c.maxQueueSize(),
                statistics, "lease-ncr-");
        LeaseDdns ddns = new LeaseDdns(config, sender);
        log.info("DHCP_DDNS_SENDER_STARTED NCRs for reclaimed and deleted leases go to {}:{}", c.serverIp(), c.serverPort());
        return ddns;
    }

    @Bean
    Reclaimer6 reclaimer6(Allocation6Engine engine, Lease6Ddns ddns) {
        return new Reclaimer6(engine, ddns);
    }

    @Bean
    Reclaimer reclaimer(AllocationEngine engine) {
        return new Reclaimer(engine);
    }

    /** Ticks reclamation and runs memfile LFC on lfc-interval. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService leaseTimers(Reclaimer reclaimer, LeaseBackend backend, AllocationEngine engine, Dhcp4Config config,
                                         Lease6Backend backend6, Allocation6Engine engine6, Dhcp6Config config6,
                                         Reclaimer6 reclaimer6) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lease-timers").daemon(true).factory());
        timers.scheduleWithFixedDelay(() -> {
            try {
                reclaimer.tick();
            } catch (RuntimeException e) {
                log.warn("reclamation failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> {
            try {
                reclaimer6.tick();
            } catch (RuntimeException e) {
                log.warn("DHCPv6 reclamation failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        long lfc = config.leaseDatabase().lfcInterval();
        if (backend instanceof MemfileBackend m && m.persist() && lfc > 0) {
            timers.scheduleWithFixedDelay(() -> {
                try {
                    m.compact(engine::leasesByPage);
                } catch (Exception e) {
                    log.error("DHCPSRV_MEMFILE_LFC_EXECUTE_FAIL lease file compaction failed: {}", e.toString());
                }
            }, lfc, lfc, TimeUnit.SECONDS);
        }
        long lfc6 = config6.leaseDatabase().lfcInterval();
        if (backend6 instanceof Memfile6Backend m && m.persist() && lfc6 > 0) {
            timers.scheduleWithFixedDelay(() -> {
                try {
                    m.compact(() -> engine6.store().read(i -> i.all()));
                } catch (Exception e) {
                    log.error("DHCPSRV_MEMFILE_LFC_EXECUTE_FAIL DHCPv6 lease file compaction failed: {}", e.toString());
                }
            }, lfc6, lfc6, TimeUnit.SECONDS);
        }
        return timers;
    }

    /** What config-get shows and config-set/config-reload replace; starts as the file's configuration. */
    @Bean
    RunningConfig runningConfig(SuiteConfig suite, Dhcp4Config config, AllocationEngine engine, LeaseDdns ddns,
                                Allocation6Engine engine6, Lease6Ddns ddns6) {
        SuiteConfig initial = suite.dhcp4() != null ? suite
                : new SuiteConfig(suite.source(), suite.raw(), config, suite.warnings(), suite.dhcp6());
        return new RunningConfig(initial, engine, ddns, cfg6 -> {
            // the v6 lease database and reclamation timers stay as started, as for v4
            engine6.reconfigure(cfg6);
            ddns6.reconfigure(cfg6);
        });
    }

    /** HA lease updates to the partner of each relationship; idle unless the file has a libdhcp_ha.so entry and ha-service turns it on. */
    @Bean
    io.dhcpsuite.lease.ha.HaLeaseUpdateRelationships haLeaseUpdates(Dhcp4Config config, LeaseServiceProperties props,
                                                                    ObjectProvider<MeterRegistry> meters) {
        LeaseServiceProperties.HaUpdates h = props.leaseService().haUpdates();
        return io.dhcpsuite.lease.ha.HaLeaseUpdateRelationships.of(config,
                new io.dhcpsuite.lease.ha.HaLeaseUpdates.Transport(h.connections(), h.queueLimit(), h.timeout(),
                        h.maxBatch(), h.bulkConnections()),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * HA lease updates of the DHCPv6 service (the {@code Dhcp6} section's {@code libdhcp_ha.so},
     * one relationship), with the same transport settings; idle without one.
     */
    @Bean
    io.dhcpsuite.lease.ha.HaLeaseUpdates haLeaseUpdates6(Dhcp6Config config, LeaseServiceProperties props,
                                                         ObjectProvider<MeterRegistry> meters) {
        LeaseServiceProperties.HaUpdates h = props.leaseService().haUpdates();
        io.dhcpsuite.config.ha.HaConfig ha = io.dhcpsuite.config.ha.HaConfigParser.fromDhcp6Hooks(config.hooksLibraries());
        return io.dhcpsuite.lease.ha.HaLeaseUpdates.of6(ha == null ? null : ha.relationships().getFirst(),
                new io.dhcpsuite.lease.ha.HaLeaseUpdates.Transport(h.connections(), h.queueLimit(), h.timeout(),
                        h.maxBatch(), h.bulkConnections()),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The HA lease updates as a lease change listener, only with HA configured: without one the
     * engine has no listener and the hot path builds no change lists (a null bean is left out of
     * the listener stream).
     */
    @Bean
    LeaseChangeListener haLeaseUpdateListener(io.dhcpsuite.lease.ha.HaLeaseUpdateRelationships updates) {
        return updates.active() ? updates::changed : null;
    }

    /**
     * Where each HA partner's incremental sync got to, beside the leases; created after the
     * engine loaded them, so a memfile that was not there drops the cursors of the store it replaced.
     */
    @Bean
    SyncCursors syncCursors(AllocationEngine engine, LeaseBackend backend) {
        if (backend instanceof io.dhcpsuite.lease.postgres.DatabaseRecovery guarded) {
            backend = guarded.delegate();
        }
        if (backend instanceof PostgresBackend p) {
            return SyncCursors.postgres(p.jdbc());
        }
        if (backend instanceof MemfileBackend m && m.persist()) {
            return SyncCursors.file(m.file(), m.loadedExistingFile());
        }
        return SyncCursors.inMemory();
    }

    /**
     * The Dhcp6 section's hosts databases (the same database may serve Dhcp4 too), opened,
     * migrated and loaded before the first packet; without one, a store that refuses changes.
     */
    @Bean(destroyMethod = "close")
    io.dhcpsuite.lease.hosts.HostStore6 hostStore6(Dhcp6Config config, Allocation6Engine engine6,
                                                   org.springframework.core.env.Environment env) {
        if (config.hostsDatabases() == null || config.hostsDatabases().isEmpty()) {
            return io.dhcpsuite.lease.hosts.HostStore6.none(engine6::config);
        }
        io.dhcpsuite.lease.hosts.HostStore6 store = io.dhcpsuite.lease.hosts.HostStore6.open(config.hostsDatabases(),
                env.getProperty("spring.datasource.password"), engine6::config);
        // database-reserved addresses and prefixes are kept from other clients, as the file's are
        engine6.useHostDatabases(store.memory()::reservedAt);
        return store;
    }

    @Bean
    CommandDispatcher commandDispatcher(AllocationEngine engine, Reclaimer reclaimer, LeaseBackend backend,
                                        Statistics statistics, Clock clock, LeaseDdns ddns, RunningConfig running,
                                        ConfigurableApplicationContext context,
                                        io.dhcpsuite.lease.ha.HaLeaseUpdateRelationships haLeaseUpdates, SyncCursors syncCursors,
                                        HostStore hostStore, Allocation6Engine engine6, Lease6Backend backend6,
                                        Lease6Ddns ddns6, Reclaimer6 reclaimer6,
                                        io.dhcpsuite.lease.hosts.HostStore6 hostStore6,
                                        @org.springframework.beans.factory.annotation.Qualifier("haLeaseUpdates6")
                                        io.dhcpsuite.lease.ha.HaLeaseUpdates haLeaseUpdates6) {
        ServiceDispatcher d = new ServiceDispatcher();
        // list-commands here lets the gateway's merged dhcp4 list show the lease commands.
        BasicCommands.register(d, "lease-service", clock, null);
        StatisticCommands.register(d, statistics);
        LeaseCommands.register(d, engine, reclaimer, backend, ddns, syncCursors::clear);
        // kea-dhcp6's commands answer requests for service dhcp6; for dhcp4 they stay unsupported, as in Kea
        Lease6Commands.register(d.dhcp6(), engine6, backend6, ddns6);
        io.dhcpsuite.lease.hosts.HostCommands6.register(d.dhcp6(), engine6::config, hostStore6);
        io.dhcpsuite.lease.v6.command.StatLeaseCommands.register4(d, statistics,
                () -> engine.config().subnets().stream().map(s -> s.id()).toList());
        io.dhcpsuite.lease.v6.command.StatLeaseCommands.register6(d.dhcp6(), engine6.stats().statistics(),
                () -> engine6.config().subnets().stream().map(s -> s.id()).toList());
        StatisticCommands.register(d.dhcp6(), engine6.stats().statistics());
        d.dhcp6().register("leases-reclaim", a -> {
            tools.jackson.databind.JsonNode remove = a.get("remove");
            if (remove == null) {
                throw io.dhcpsuite.api.command.CommandException.badArgument("Missing mandatory 'remove' parameter.");
            }
            if (!remove.isBoolean()) {
                throw io.dhcpsuite.api.command.CommandException.badArgument("'remove' parameter expected to be a boolean.");
            }
            reclaimer6.reclaim(0, 0, remove.asBoolean()).durable().join();
            return io.dhcpsuite.api.command.CommandResponse.success("Reclamation of expired leases is complete.");
        });
        HaSyncCommands.register(d, engine, syncCursors);
        HostCommands.register(d, engine, hostStore);
        io.dhcpsuite.lease.ha.HaLeaseUpdateCommands.register(d, haLeaseUpdates);
        // kea-dhcp6's HA: its lease updates and its sync's page apply, for ha-service's dhcp6 relationship
        io.dhcpsuite.lease.ha.HaLeaseUpdateCommands.register(d.dhcp6(), haLeaseUpdates6);
        io.dhcpsuite.lease.hasync.HaSyncCommands6.register(d.dhcp6(), engine6);
        ConfigPhases.registerGet(d, running::dhcp4);
        ConfigPhases.register(d, running, running::dhcp4);
        // kea-dhcp6's configuration commands, for "service": ["dhcp6"]: the same document, its Dhcp6 section
        ConfigPhases.registerGet(d.dhcp6(), ConfigPhases.DHCP6, running::dhcp6);
        ConfigPhases.register(d.dhcp6(), running, running::dhcp6, ConfigPhases.DHCP6);
        // the context's close stops the timers and drains the group commit before the process ends
        Shutdown.register(d, exitValue -> {
            log.info("DHCP4_SHUTDOWN_REQUEST shutdown of the lease side requested");
            System.exit(SpringApplication.exit(context, () -> exitValue));
        });
        return d;
    }

    @Bean
    io.dhcpsuite.lease.v6.Stats6Meters stats6Meters(Lease6Stats stats, Dhcp6Config config) {
        return new io.dhcpsuite.lease.v6.Stats6Meters(stats, config);
    }

    @Bean
    StatsMeters statsMeters(LeaseStats stats) {
        return new StatsMeters(stats);
    }
}
