package io.dhcpsuite.dhcp.bootstrap;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.HostsSync;
import io.dhcpsuite.dhcp.classification.HostReplica;
import io.dhcpsuite.dhcp.hosts.HostSync;
import io.dhcpsuite.api.command.Shutdown;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.dhcp.reconfig.ConfigWrite;
import io.dhcpsuite.dhcp.reconfig.RunningConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.config.DhcpDdnsClient;
import java.net.InetSocketAddress;
import org.slf4j.LoggerFactory;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.SuiteConfigBootstrap;
import io.dhcpsuite.dhcp.command.DhcpCommands;
import io.dhcpsuite.dhcp.leaseclient.BatchingLeaseClient;
import io.dhcpsuite.dhcp.leaseclient.LeaseClientSettings;
import io.dhcpsuite.dhcp.processing.DhcpState;
import io.dhcpsuite.dhcp.processing.PacketProcessor;
import io.dhcpsuite.dhcp.processing.ServerSettings;
import io.dhcpsuite.dhcp.stats.PacketMetrics;
import io.dhcpsuite.dhcp.stats.PacketStats;
import io.dhcpsuite.dhcp.transport.DhcpSockets;
import io.dhcpsuite.dhcp.transport.LocalAddresses;
import io.dhcpsuite.dhcp.transport.SocketPlan;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Wires the packet path. The sockets are opened here and started by {@link DhcpLifecycle}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DhcpServiceProperties.class)
class DhcpServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    SuiteConfig suiteConfig(DhcpServiceProperties props) {
        SuiteConfig early = ConfigStartup.loaded();
        if (early != null) {
            return early;
        }
        SuiteConfig config = SuiteConfigBootstrap.load(props.config());
        KeaLoggers.apply(config);
        return config;
    }

    @Bean
    Statistics statistics(Clock clock) {
        return new Statistics(clock);
    }

    @Bean
    PacketStats packetStats(Statistics statistics, ObjectProvider<MeterRegistry> registry) {
        PacketStats stats = new PacketStats(statistics);
        registry.ifAvailable(r -> PacketMetrics.bind(stats, r));
        return stats;
    }

    @Bean
    DhcpState dhcpState(Clock clock) {
        return new DhcpState(clock);
    }

    @Bean(destroyMethod = "close")
    DhcpSockets dhcpSockets(SuiteConfig config, DhcpServiceProperties props) {
        List<SocketPlan.Endpoint> plan = SocketPlan.of(config.dhcp4() == null ? null : config.dhcp4().interfacesConfig());
        return DhcpSockets.bind(plan, props.dhcpPort());
    }

    /** dhcp-service's copy of the hosts databases' reservations (empty without hosts-database). */
    @Bean
    HostReplica hostReplica(SuiteConfig config) {
        return new HostReplica(config.dhcp4());
    }

    /** Feeds the copy from lease-service, only when the file names a hosts database (a null bean otherwise). */
    @Bean(destroyMethod = "close")
    HostSync hostSync(SuiteConfig config, HostReplica replica, DhcpServiceProperties props) {
        if (config.dhcp4() == null || config.dhcp4().hostsDatabases().isEmpty()) {
            return null;
        }
        return new HostSync(replica, props.leaseServiceUrl(), props.hosts().syncInterval(), props.hosts().timeout());
    }

    /** dhcp-service's copy of the Dhcp6 hosts databases' reservations (empty without one). */
    @Bean
    io.dhcpsuite.dhcp.v6.HostReplica6 hostReplica6(SuiteConfig config) {
        return new io.dhcpsuite.dhcp.v6.HostReplica6(config.dhcp6());
    }

    /** The DHCPv6 hosts' feed, a bean of its own type so the v4 {@link HostSync} stays unique. */
    public record HostSync6(HostSync sync) implements AutoCloseable {
        @Override
        public void close() {
            sync.close();
        }
    }

    /** Feeds the v6 copy, only when the Dhcp6 section names a hosts database (a null bean otherwise). */
    @Bean(destroyMethod = "close")
    HostSync6 hostSync6(SuiteConfig config, io.dhcpsuite.dhcp.v6.HostReplica6 replica, DhcpServiceProperties props) {
        if (config.dhcp6() == null || config.dhcp6().hostsDatabases().isEmpty()) {
            return null;
        }
        return new HostSync6(new HostSync(replica, props.leaseServiceUrl(), props.hosts().syncInterval(),
                props.hosts().timeout()));
    }

    @Bean
    ServerSettings serverSettings(SuiteConfig config, DhcpServiceProperties props, DhcpSockets sockets,
                                  HostReplica hostReplica) {
        Set<Integer> own = new HashSet<>(LocalAddresses.all());
        sockets.sockets().forEach(b -> {
            if (b.ingress().serverId() != 0) {
                own.add(b.ingress().serverId());
            }
        });
        return ServerSettings.of(config.dhcp4(), props.dhcpPort(), props.clientPort(), own, hostReplica);
    }

    @Bean(destroyMethod = "close")
    BatchingLeaseClient leaseClient(DhcpServiceProperties props) {
        DhcpServiceProperties.LeaseClient lc = props.leaseClient();
        LeaseClientSettings settings = new LeaseClientSettings(props.leaseServiceUrl(), lc.batchSize(),
                lc.maxInFlight(), lc.queueCapacity(), lc.timeout());
        if ("tcp".equals(lc.transport())) {
            // The host of suite.lease-service-url, lease-service's TCP port.
            String host = java.net.URI.create(props.leaseServiceUrl()).getHost();
            int port = props.leaseService().tcpPort();
            return new BatchingLeaseClient(settings, new io.dhcpsuite.dhcp.leaseclient.TcpLeaseTransport(
                    host, port, lc.timeout(), true));
        }
        if ("in-process".equals(lc.transport())) {
            return new BatchingLeaseClient(settings, new io.dhcpsuite.dhcp.leaseclient.InProcessLeaseTransport());
        }
        return new BatchingLeaseClient(settings, JsonMapper.builder().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
    }

    /**
     * The NCR sender to ddns-service, when the file's {@code dhcp-ddns.enable-updates} is true; a
     * null bean otherwise. Its counters are {@code ncr-sent}, {@code ncr-queue-full} and
     * {@code ncr-send-failed}.
     */
    @Bean(destroyMethod = "close")
    NcrSender ncrSender(SuiteConfig config, Statistics statistics) {
        DhcpDdnsClient c = config.dhcp4() == null ? null : config.dhcp4().dhcpDdnsClient();
        if (c == null || !c.enableUpdates()) {
            return null;
        }
        return newNcrSender(c, statistics, "kea-dhcp4.ddns", "DHCP4");
    }

    private static NcrSender newNcrSender(DhcpDdnsClient c, Statistics statistics, String logger, String family) {
        InetSocketAddress from = c.senderIp().isEmpty() && c.senderPort() == 0 ? null
                : c.senderIp().isEmpty() ? new InetSocketAddress(c.senderPort())
                : new InetSocketAddress(c.senderIp(), c.senderPort());
        LoggerFactory.getLogger(logger).info("{}_DDNS_SENDER_STARTED NCRs go to {}:{} over UDP, queue {}",
                family, c.serverIp(), c.serverPort(), c.maxQueueSize());
        return new NcrSender(new InetSocketAddress(c.serverIp(), c.serverPort()), from, c.maxQueueSize(), statistics, "ncr-");
    }

    /**
     * The HA scope filter; with HA configured, DHCP starts disabled (Kea's waiting state, local
     * origin 1000) until ha-service enables it.
     */
    @Bean
    io.dhcpsuite.dhcp.ha.HaScopes haScopes(SuiteConfig config, DhcpState state) {
        io.dhcpsuite.dhcp.ha.HaScopes ha;
        try {
            ha = io.dhcpsuite.dhcp.ha.HaScopes.of(config.dhcp4());
        } catch (io.dhcpsuite.config.ConfigException e) {
            // the HA parameters sit inside a hook entry the Dhcp4 loader keeps raw; refuse them the same way
            LoggerFactory.getLogger("kea-dhcp4.dhcp4").error("DHCP4_CONFIG_LOAD_FAIL configuration refused: {}", e.getMessage());
            System.err.println("ERROR configuration refused: " + e.getMessage());
            System.exit(2);
            throw e;
        }
        if (ha.active()) {
            for (int origin : ha.localOrigins()) {
                state.disable(origin, 0);
            }
            LoggerFactory.getLogger("kea-dhcp4.ha-hooks").info(
                    "HA_LOCAL_DHCP_DISABLE local DHCP service is disabled until ha-service enables it");
        }
        return ha;
    }

    /**
     * The DHCPv6 service's network state and HA scopes (kea-dhcp6's own, apart from DHCPv4's):
     * with a {@code libdhcp_ha.so} entry in {@code Dhcp6} it starts disabled until ha-service
     * enables it, as the DHCPv4 service does.
     */
    @Bean
    io.dhcpsuite.dhcp.v6.HaGate6 haGate6(SuiteConfig config, Clock clock) {
        io.dhcpsuite.dhcp.ha.HaScopes scopes;
        try {
            scopes = io.dhcpsuite.dhcp.ha.HaScopes.of6(config.dhcp6());
        } catch (io.dhcpsuite.config.ConfigException e) {
            LoggerFactory.getLogger("kea-dhcp6.dhcp6").error("DHCP6_CONFIG_LOAD_FAIL configuration refused: {}", e.getMessage());
            System.err.println("ERROR configuration refused: " + e.getMessage());
            System.exit(2);
            throw e;
        }
        DhcpState state = new DhcpState(clock);
        if (scopes.active()) {
            for (int origin : scopes.localOrigins()) {
                state.disable(origin, 0);
            }
            LoggerFactory.getLogger("kea-dhcp6.ha-hooks").info(
                    "HA_LOCAL_DHCP_DISABLE local DHCPv6 service is disabled until ha-service enables it");
        }
        return new io.dhcpsuite.dhcp.v6.HaGate6(state, scopes);
    }

    @Bean
    PacketProcessor packetProcessor(ServerSettings settings, DhcpState state, BatchingLeaseClient leases,
                                    PacketStats stats, ObjectProvider<NcrSender> ncrSender,
                                    io.dhcpsuite.dhcp.ha.HaScopes haScopes) {
        PacketProcessor p = new PacketProcessor(settings, state, leases, stats, ncrSender.getIfAvailable());
        p.useHa(haScopes);
        return p;
    }

    /** The running configuration: what config-get shows and what config-set/config-reload replace. */
    @Bean
    RunningConfig runningConfig(SuiteConfig config, PacketProcessor processor, Clock clock,
                                ObjectProvider<Dhcp6Server> dhcp6, io.dhcpsuite.dhcp.v6.HostReplica6 hostReplica6) {
        return new RunningConfig(config, processor, clock, KeaLoggers::apply, (now, next) -> {
            Dhcp6Server v6 = dhcp6.getIfAvailable();
            if (v6 == null || next.dhcp6() == null) {
                return null;
            }
            // the sockets and the server DUID stay; subnets, classes, reservations and options change
            io.dhcpsuite.config.Dhcp6Config before = now.dhcp6();
            io.dhcpsuite.config.Dhcp6Config after = next.dhcp6();
            if (before != null && !java.util.Objects.equals(before.interfacesConfig(), after.interfacesConfig())) {
                throw new io.dhcpsuite.config.ConfigException("Dhcp6/interfaces-config",
                        "changing the listening sockets needs a restart");
            }
            if (before != null && (!java.util.Objects.equals(before.serverId(), after.serverId())
                    || !java.util.Objects.equals(before.dataDirectory(), after.dataDirectory()))) {
                throw new io.dhcpsuite.config.ConfigException("Dhcp6/server-id",
                        "changing the server DUID (server-id, data-directory) needs a restart");
            }
            io.dhcpsuite.dhcp.v6.Dhcp6Settings old = v6.processor().settings();
            io.dhcpsuite.dhcp.v6.Dhcp6Settings settings = io.dhcpsuite.dhcp.v6.Dhcp6Settings.of(after,
                    old.serverDuid(), old.serverPort(), old.clientPort(), hostReplica6);
            return () -> {
                hostReplica6.reparse(after);
                v6.processor().reconfigure(settings);
                LoggerFactory.getLogger("kea-dhcp6.dhcp6").info(
                        "DHCP6_CONFIG_COMPLETE DHCPv6 server has completed configuration: {} subnet(s), hash {}",
                        after.subnets().size(), ConfigPhases.hash(ConfigPhases.DHCP6, next.raw().get(ConfigPhases.DHCP6)));
            };
        });
    }

    @Bean
    CommandDispatcher commandDispatcher(Clock clock, Statistics statistics, DhcpState state, RunningConfig running,
                                        PacketProcessor processor, DhcpSockets sockets,
                                        ConfigurableApplicationContext context,
                                        io.dhcpsuite.dhcp.ha.HaScopes haScopes, io.dhcpsuite.dhcp.v6.HaGate6 haGate6,
                                        ObjectProvider<HostSync> hostSync, ObjectProvider<HostSync6> hostSync6) {
        io.dhcpsuite.api.command.ServiceDispatcher d = new io.dhcpsuite.api.command.ServiceDispatcher();
        // kea-dhcp6's network state and its HA scopes, for commands sent with "service": ["dhcp6"]
        DhcpCommands.registerNetworkState(d.dhcp6(), haGate6.state(), "DHCPv6");
        io.dhcpsuite.dhcp.ha.HaInternalCommands.register(d.dhcp6(), haGate6.scopes());
        DhcpCommands.register(d, clock, statistics, state,
                running::current, () -> processor.settings().selector(), running::configuredAt,
                status -> socketsStatus(status, sockets));
        DhcpCommands.registerStatus6(d, haGate6.state());
        io.dhcpsuite.dhcp.ha.HaInternalCommands.register(d, haScopes);
        ConfigPhases.register(d, running,
                () -> running.current().raw() == null ? null : running.current().raw().get("Dhcp4"));
        ConfigWrite.register(d, running::current);
        // kea-dhcp6's configuration commands, for "service": ["dhcp6"]: the same document, its Dhcp6 section
        ConfigPhases.registerGet(d.dhcp6(), ConfigPhases.DHCP6, running::dhcp6);
        ConfigPhases.register(d.dhcp6(), running, running::dhcp6, ConfigPhases.DHCP6);
        ConfigWrite.register(d.dhcp6(), running::current);
        HostSync sync = hostSync.getIfAvailable();
        HostSync6 sync6 = hostSync6.getIfAvailable();
        // one hosts-sync pulls both families' changes: the gateway sends it after a dhcp4 or a dhcp6 change
        HostsSync.register(d, sync == null && sync6 == null ? null
                : () -> (sync == null ? 0 : sync.pull()) + (sync6 == null ? 0 : sync6.sync().pull()));
        Shutdown.register(d, exitValue -> {
            LoggerFactory.getLogger("kea-dhcp4.dhcp4").info("DHCP4_SHUTDOWN_REQUEST shutdown of server requested");
            System.exit(SpringApplication.exit(context, () -> exitValue));
        });
        return d;
    }

    private static void socketsStatus(ObjectNode status, DhcpSockets sockets) {
        ObjectNode s = status.putObject("sockets");
        boolean ok = sockets.sockets().stream().allMatch(b -> b.channel().isOpen());
        s.put("status", ok ? "ready" : "failed");
        if (!ok) {
            ArrayNode errors = s.putArray("errors");
            sockets.sockets().stream().filter(b -> !b.channel().isOpen())
                    .forEach(b -> errors.add("socket on port " + b.port() + " is closed"));
        }
    }

    /**
     * The DHCPv6 server when the file has a Dhcp6 section (a null bean otherwise): the server DUID
     * from the data directory, the sockets of Dhcp6/interfaces-config, the chain, and its batching
     * client of lease-service: over the DHCPv4 client's lease wire connections when
     * {@code suite.lease-client.transport} is tcp, method calls when it is in-process, JSON over HTTP to the lease6 batch endpoint otherwise.
     */
    @Bean(destroyMethod = "close")
    Dhcp6Server dhcp6Server(SuiteConfig config, DhcpServiceProperties props, Statistics statistics,
                            ObjectProvider<MeterRegistry> registry, Clock clock,
                            io.dhcpsuite.dhcp.v6.HostReplica6 hostReplica6, ObjectProvider<NcrSender> ncrSender4,
                            io.dhcpsuite.dhcp.v6.HaGate6 haGate6, BatchingLeaseClient leaseClient) {
        io.dhcpsuite.config.Dhcp6Config d6 = config.dhcp6();
        if (d6 == null) {
            return null;
        }
        java.nio.file.Path dataDir = java.nio.file.Path.of(d6.dataDirectory() != null ? d6.dataDirectory() : props.runDir());
        io.dhcpsuite.codec.Duid duid = io.dhcpsuite.dhcp.v6.ServerDuid.load(d6.serverId(), dataDir, clock);
        io.dhcpsuite.dhcp.stats.Packet6Stats stats = new io.dhcpsuite.dhcp.stats.Packet6Stats(statistics);
        registry.ifAvailable(r -> PacketMetrics.bind(stats, r));
        DhcpServiceProperties.LeaseClient lc = props.leaseClient();
        io.dhcpsuite.dhcp.v6.leaseclient.Lease6Transport transport =
                leaseClient.transport() instanceof io.dhcpsuite.dhcp.leaseclient.TcpLeaseTransport tcp
                        ? new io.dhcpsuite.dhcp.v6.leaseclient.TcpLease6Transport(tcp)
                        : leaseClient.transport() instanceof io.dhcpsuite.dhcp.leaseclient.InProcessLeaseTransport
                        ? new io.dhcpsuite.dhcp.v6.leaseclient.InProcessLease6Transport()
                        : new io.dhcpsuite.dhcp.v6.leaseclient.HttpLease6Transport(props.leaseServiceUrl(), lc.timeout(),
                                JsonMapper.builder().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        io.dhcpsuite.dhcp.v6.leaseclient.BatchingLease6Client leases = new io.dhcpsuite.dhcp.v6.leaseclient.BatchingLease6Client(
                lc.batchSize(), lc.maxInFlight(), lc.queueCapacity(), lc.timeout(), transport);
        io.dhcpsuite.dhcp.v6.transport.Dhcp6Sockets sockets;
        try {
            sockets = io.dhcpsuite.dhcp.v6.transport.Dhcp6Sockets.bind(d6.interfacesConfig(), props.dhcp6Port());
        } catch (RuntimeException e) {
            leases.close();
            throw e;
        }
        // the Dhcp6 dhcp-ddns section: the DHCPv4 sender serves it too when both name the same D2
        // and sender (one socket, one queue, as one sender-port can be bound only once)
        DhcpDdnsClient c6 = d6.dhcpDdnsClient();
        NcrSender ncrs = null;
        NcrSender own = null;
        if (c6.enableUpdates()) {
            DhcpDdnsClient c4 = config.dhcp4() == null ? null : config.dhcp4().dhcpDdnsClient();
            NcrSender shared = ncrSender4.getIfAvailable();
            if (shared != null && c4 != null && c4.serverIp().equals(c6.serverIp()) && c4.serverPort() == c6.serverPort()
                    && c4.senderIp().equals(c6.senderIp()) && c4.senderPort() == c6.senderPort()) {
                ncrs = shared;
            } else {
                own = newNcrSender(c6, statistics, "kea-dhcp6.ddns", "DHCP6");
                ncrs = own;
            }
        }
        io.dhcpsuite.dhcp.v6.Dhcp6Processor processor = new io.dhcpsuite.dhcp.v6.Dhcp6Processor(
                io.dhcpsuite.dhcp.v6.Dhcp6Settings.of(d6, duid, props.dhcp6Port(), props.clientPort6(), hostReplica6),
                leases, stats, ncrs, haGate6);
        return new Dhcp6Server(sockets, processor, leases, own);
    }

    @Bean
    DhcpLifecycle dhcpLifecycle(DhcpSockets sockets, PacketProcessor processor, SuiteConfig config) {
        return new DhcpLifecycle(sockets, processor, config);
    }
}
