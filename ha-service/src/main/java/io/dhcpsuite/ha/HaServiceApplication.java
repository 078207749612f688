package io.dhcpsuite.ha;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.tls.PeerTls;
import io.dhcpsuite.api.tls.TlsConfigException;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.SuiteConfigBootstrap;
import io.dhcpsuite.config.ha.HaConfig;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaPeer;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.ha.command.CommandCreator;
import io.dhcpsuite.ha.command.HaCommands;
import io.dhcpsuite.ha.listener.HaListener;
import io.dhcpsuite.ha.peer.CommandClient;
import io.dhcpsuite.ha.runtime.HaRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import io.dhcpsuite.web.command.CommandEndpoint;
import io.dhcpsuite.web.http.SlowRequestConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;

/**
 * ha-service: Kea's HA hook for the suite. With a {@code libdhcp_ha.so} entry in the configuration
 * it runs each relationship's state machine (a hub-and-spoke hub has several), heartbeats and
 * syncs with each partner, listens for the partners at this server's peer URLs, and drives the
 * local dhcp-service and lease-service per relationship; without one it
 * answers status-get with an empty {@code high-availability} list and every {@code ha-*} command
 * with result 2, as Kea without the hook does.
 */
@SpringBootApplication
@Import({CommandEndpoint.class, SlowRequestConfiguration.class})
@EnableConfigurationProperties(HaServiceProperties.class)
public class HaServiceApplication {
    private static final Logger log = LoggerFactory.getLogger(HaServiceApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(HaServiceApplication.class, args);
    }

    /**
     * The running HA parts, or none when HA is not configured: one runtime per relationship (a hub
     * has several), and one listener per distinct URL of this server (a hub's relationships may
     * share one).
     */
    public record HaSetup(List<HaRuntime> runtimes, List<HaListener> listeners) implements AutoCloseable {
        static final HaSetup NONE = new HaSetup(List.of(), List.of());

        public HaSetup {
            runtimes = List.copyOf(runtimes);
            listeners = List.copyOf(listeners);
        }

        /** The first relationship's runtime (a classic pair's only one), or null. */
        public HaRuntime runtime() {
            return runtimes.isEmpty() ? null : runtimes.getFirst();
        }

        public HaListener listener() {
            return listeners.isEmpty() ? null : listeners.getFirst();
        }

        @Override
        public void close() {
            listeners.forEach(HaListener::close);
            runtimes.forEach(HaRuntime::close);
        }
    }

    @Bean
    SuiteConfig suiteConfig(HaServiceProperties properties) {
        return SuiteConfigBootstrap.load(properties.config());
    }

    /** The parsed HA parameters; a refused configuration stops start-up with its path, like any other key. */
    static HaConfig haConfig(SuiteConfig config) {
        if (config.dhcp4() == null) {
            return null;
        }
        try {
            return HaConfigParser.fromHooks(config.dhcp4().hooksLibraries(), "Dhcp4/hooks-libraries");
        } catch (ConfigException e) {
            log.error("HA_CONFIGURATION_FAILED failed to configure High Availability hooks library: {}", e.getMessage());
            System.err.println("ERROR configuration refused: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** The Dhcp6 section's HA parameters (kea-dhcp6's own HA hook), or null; refused ones stop start-up. */
    static HaConfig haConfig6(SuiteConfig config) {
        if (config.dhcp6() == null) {
            return null;
        }
        try {
            return HaConfigParser.fromDhcp6Hooks(config.dhcp6().hooksLibraries());
        } catch (ConfigException e) {
            log.error("HA_CONFIGURATION_FAILED failed to configure High Availability hooks library: {}", e.getMessage());
            System.err.println("ERROR configuration refused: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    @Bean(destroyMethod = "close")
    HaSetup haSetup(SuiteConfig config, HaServiceProperties properties, io.micrometer.core.instrument.MeterRegistry registry) {
        HaServiceProperties.Ha p = properties.ha();
        HaConfig ha = haConfig(config);
        HaConfig ha6 = haConfig6(config);
        if (ha == null && ha6 == null) {
            return HaSetup.NONE;
        }
        CommandClient dhcp = new CommandClient(URI.create(p.dhcpServiceUrl() + CommandDispatcher.PATH), null, null);
        CommandClient leases = new CommandClient(URI.create(p.leaseServiceUrl() + CommandDispatcher.PATH), null, null);
        List<HaRuntime> runtimes = new java.util.ArrayList<>();
        if (ha != null) {
            for (HaRelationship r : ha.relationships()) {
                runtimes.add(new HaRuntime(r, Clock.systemUTC(), partnerClient(r), dhcp, leases, registry,
                        subnetsOf(config, ha, r), CommandCreator.DHCP4_SERVICE));
            }
            if (ha.relationships().size() > 1) {
                log.info("HA_CONFIGURATION_RELATIONSHIPS {} relationships: {}", ha.relationships().size(),
                        ha.relationships().stream().map(r -> r.thisServerName() + " with " + r.partner().name()).toList());
            }
        }
        if (ha6 != null) {
            // kea-dhcp6's HA hook: its own relationship, listener and state machine beside DHCPv4's
            for (HaRelationship r : ha6.relationships()) {
                runtimes.add(new HaRuntime(r, Clock.systemUTC(), partnerClient(r), dhcp, leases, registry, null,
                        CommandCreator.DHCP6_SERVICE));
            }
        }
        // one listener per URL of this server: relationships that share it share the listener
        java.util.Map<URI, List<HaRuntime>> byUrl = new java.util.LinkedHashMap<>();
        for (HaRuntime rt : runtimes) {
            byUrl.computeIfAbsent(rt.config().thisServer().url(), u -> new java.util.ArrayList<>()).add(rt);
        }
        for (java.util.Map.Entry<URI, List<HaRuntime>> e : byUrl.entrySet()) {
            if (e.getValue().stream().map(HaRuntime::service).distinct().count() > 1) {
                String msg = "the DHCPv4 and the DHCPv6 HA relationships both use the url " + e.getKey()
                        + "; give each service its own (as kea-dhcp4 and kea-dhcp6 each listen on their own)";
                log.error("HA_CONFIGURATION_FAILED failed to configure High Availability hooks library: {}", msg);
                System.err.println("ERROR configuration refused: Dhcp6/hooks-libraries: " + msg);
                System.exit(2);
                throw new ConfigException("Dhcp6/hooks-libraries", msg);
            }
        }
        List<HaListener> listeners = new java.util.ArrayList<>();
        if (p.listener()) {
            for (java.util.Map.Entry<URI, List<HaRuntime>> e : byUrl.entrySet()) {
                HaRelationship r = e.getValue().getFirst().config();
                String service = e.getValue().getFirst().service();
                HaListener.Security security = exitOnBadTls(() -> listenerSecurity(r, service));
                try {
                    HaListener listener = new HaListener(listenUrl(e.getKey(), p.listenerAddress()),
                            listenerDispatcher(new HaCommands.Relationships(e.getValue()), dhcp, leases, service), security);
                    listener.start();
                    listeners.add(listener);
                    log.info("HA_LISTENER_STARTED listening for the {} partner on {} ({}{}{})", service, e.getKey(),
                            listener.tls() ? "TLS" : "plain HTTP",
                            listener.tls() ? (r.requireClientCerts() ? ", client certificates required" : ", no client certificates") : "",
                            security.basicAuthUser() != null ? ", basic auth" : "");
                } catch (IOException ex) {
                    listeners.forEach(HaListener::close);
                    runtimes.forEach(HaRuntime::close);
                    throw new UncheckedIOException("HA listener on " + e.getKey() + ": " + ex.getMessage(), ex);
                }
            }
        }
        runtimes.forEach(HaRuntime::start);
        return new HaSetup(runtimes, listeners);
    }

    /** The client to {@code r}'s partner; null for a passive-backup primary, which heartbeats nobody. */
    private static CommandClient partnerClient(HaRelationship r) {
        HaPeer partner = r.partner();
        return partner == null ? null : new CommandClient(partner.url(), partner.basicAuthUser(), partner.basicAuthPassword(),
                exitOnBadTls(() -> clientTls(partner)));
    }

    /**
     * The subnets whose leases a sync of relationship {@code r} takes, as Kea's lease sync filter
     * has it: those whose {@code user-context.ha-server-name} names one of its servers; when no
     * subnet names one, every lease (null), as a classic pair or a spoke without user-context does.
     */
    static java.util.function.LongPredicate subnetsOf(SuiteConfig config, HaConfig ha, HaRelationship r) {
        java.util.Set<Long> ids = new HashSet<>();
        for (io.dhcpsuite.config.Subnet4 s : config.dhcp4().subnets()) {
            if (s.haServerName() != null && r.peer(s.haServerName()) != null) {
                ids.add(s.id());
            }
        }
        if (ids.isEmpty()) {
            if (ha.relationships().size() > 1) {
                log.warn("HA_CONFIGURATION_NO_SUBNETS no subnet names a server of the relationship of {} in its "
                        + "user-context ha-server-name: it serves no client", r.thisServerName());
            }
            return null;
        }
        return ids::contains;
    }

    /**
     * The HA listener's guard, as Kea builds it: TLS from this server's own peer entry (server side,
     * {@code require-client-certs}), basic auth with that entry's credentials, and with
     * {@code restrict-commands} only the commands a partner sends.
     */
    static HaListener.Security listenerSecurity(HaRelationship r) {
        return listenerSecurity(r, CommandCreator.DHCP4_SERVICE);
    }

    /** The same for the relationship of Kea service {@code service} (its partner set is Kea's v6 one for dhcp6). */
    static HaListener.Security listenerSecurity(HaRelationship r, String service) {
        HaPeer me = r.thisServer();
        SSLContext tls = null;
        if (me.tls()) {
            try {
                tls = PeerTls.server(Path.of(me.trustAnchor()), Path.of(me.certFile()), Path.of(me.keyFile()));
            } catch (TlsConfigException e) {
                throw new TlsConfigException("bad TLS config for server " + me.name() + ": " + e.getMessage(), e);
            }
        }
        boolean auth = me.basicAuthUser() != null && !me.basicAuthUser().isEmpty();
        return new HaListener.Security(tls, r.requireClientCerts(), auth ? me.basicAuthUser() : null,
                auth ? me.basicAuthPassword() : null,
                r.restrictCommands() ? partnerCommands(service) : java.util.Set.of());
    }

    /**
     * Kea's allowlist plus what only a suite partner sends: its sync page (docs/ha-sync.md) and its
     * batched lease updates, {@code lease4-bulk-apply} (docs/high-availability.md).
     */
    private static java.util.Set<String> partnerCommands(String service) {
        if (service.equals(CommandCreator.DHCP6_SERVICE)) {
            return new HashSet<>(CommandCreator.HA_COMMANDS6);
        }
        java.util.Set<String> s = new HashSet<>(CommandCreator.HA_COMMANDS4);
        s.add("ha-sync-page");
        s.add("lease4-bulk-apply");
        return s;
    }

    /** The client side towards {@code peer}: its entry's TLS files (the client certificate too), or null. */
    static SSLContext clientTls(HaPeer peer) {
        if (!peer.tls()) {
            return null;
        }
        try {
            return PeerTls.client(Path.of(peer.trustAnchor()), Path.of(peer.certFile()), Path.of(peer.keyFile()));
        } catch (TlsConfigException e) {
            throw new TlsConfigException("bad TLS config for server " + peer.name() + ": " + e.getMessage(), e);
        }
    }

    /** A TLS file that cannot be used stops start-up with Kea's words and the key, as a refused configuration does. */
    private static <T> T exitOnBadTls(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (TlsConfigException e) {
            log.error("HA_CONFIGURATION_FAILED failed to configure High Availability hooks library: {}", e.getMessage());
            System.err.println("ERROR configuration refused: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /**
     * Where the listener binds: the peer url, or the same port on {@code suite.ha.listener-address}
     * where the url's address is not the pod's own (Kubernetes: a Service's fixed ClusterIP in the
     * url, 0.0.0.0 in the pod).
     */
    static URI listenUrl(URI url, String listenerAddress) {
        if (listenerAddress == null || listenerAddress.isBlank()) {
            return url;
        }
        String host = listenerAddress.contains(":") && !listenerAddress.startsWith("[") ? "[" + listenerAddress + "]" : listenerAddress;
        return URI.create(url.getScheme() + "://" + host + (url.getPort() >= 0 ? ":" + url.getPort() : "") + "/");
    }

    /**
     * What the partner may call on the HA listener: Kea's HA command set, and the suite's
     * {@code ha-sync-page}. dhcp-disable/-enable go to this suite's dhcp-service and the lease
     * commands to its lease-service, unchanged, so origins and Kea's answers pass through.
     */
    static CommandDispatcher listenerDispatcher(HaRuntime runtime, CommandClient dhcp, CommandClient leases) {
        return listenerDispatcher(HaCommands.Relationships.of(runtime), dhcp, leases);
    }

    static CommandDispatcher listenerDispatcher(HaCommands.Relationships runtimes, CommandClient dhcp, CommandClient leases) {
        return listenerDispatcher(runtimes, dhcp, leases, CommandCreator.DHCP4_SERVICE);
    }

    /**
     * The listener of Kea service {@code service}'s relationships: for {@code dhcp6} Kea's v6 partner
     * set, with dhcp-disable/-enable and the lease6 commands passed on for the local DHCPv6 service.
     */
    static CommandDispatcher listenerDispatcher(HaCommands.Relationships runtimes, CommandClient dhcp, CommandClient leases,
                                                String service) {
        boolean v6 = service.equals(CommandCreator.DHCP6_SERVICE);
        List<String> listed = v6 ? CommandCreator.HA_COMMANDS6 : CommandCreator.HA_COMMANDS4;
        CommandDispatcher d = new CommandDispatcher();
        HaCommands.registerPeerCommands(d, runtimes);
        d.register("list-commands", a -> io.dhcpsuite.api.command.CommandResponse.success(
                listed.size() + " commands found",
                tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                        .addAll(listed.stream()
                                .map(tools.jackson.databind.node.JsonNodeFactory.instance::stringNode).toList())));
        d.register("status-get", a -> {
            var s = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            var list = s.putArray("high-availability");
            runtimes.all().forEach(r -> list.add(r.status()));
            return io.dhcpsuite.api.command.CommandResponse.success(null, s);
        });
        for (String c : List.of("dhcp-disable", "dhcp-enable")) {
            d.register(c, a -> dhcp.send(CommandCreator.forService(new CommandRequest(c, null, a), service),
                    Duration.ofSeconds(10)));
        }
        List<String> leaseCommands = v6 ? List.of("lease6-update", "lease6-del", "lease6-get-page", "lease6-get-all",
                "lease6-bulk-apply") : List.of("lease4-update", "lease4-del", "lease4-get-page", "lease4-get-all");
        for (String c : leaseCommands) {
            d.register(c, a -> leases.send(CommandCreator.forService(new CommandRequest(c, null, a), service),
                    Duration.ofSeconds(60)));
        }
        if (v6) {
            return d;
        }
        // the suite's incremental sync (docs/high-availability.md); a Kea partner never sends it
        d.registerUnlisted("ha-sync-page", a -> leases.send(new CommandRequest("ha-sync-page", null, a), Duration.ofSeconds(60)));
        // a suite partner's lease updates, many in one request (docs/high-availability.md); Kea's are lease4-update
        d.registerUnlisted("lease4-bulk-apply", a -> leases.send(new CommandRequest("lease4-bulk-apply", null, a),
                Duration.ofSeconds(60)));
        return d;
    }

    /**
     * The operators' table (through the gateway): the DHCPv4 service's relationships answer, and
     * with {@code "service": ["dhcp6"]} the DHCPv6 service's, as kea-dhcp4's and kea-dhcp6's HA
     * hooks each answer their own.
     */
    @Bean
    CommandDispatcher commandDispatcher(HaSetup ha) {
        io.dhcpsuite.api.command.ServiceDispatcher dispatcher = new io.dhcpsuite.api.command.ServiceDispatcher();
        List<HaRuntime> v4 = ha.runtimes().stream().filter(r -> r.service().equals(CommandCreator.DHCP4_SERVICE)).toList();
        List<HaRuntime> v6 = ha.runtimes().stream().filter(r -> r.service().equals(CommandCreator.DHCP6_SERVICE)).toList();
        BasicCommands.register(dispatcher, "ha-service", Clock.systemDefaultZone(), status -> {
            var list = status.putArray("high-availability");
            v4.forEach(r -> list.add(r.status()));
        });
        if (!v4.isEmpty()) {
            HaCommands.Relationships rs = new HaCommands.Relationships(v4);
            HaCommands.registerPeerCommands(dispatcher, rs);
            HaCommands.registerOperatorCommands(dispatcher, rs);
        }
        BasicCommands.register(dispatcher.dhcp6(), "ha-service", Clock.systemDefaultZone(), status -> {
            var list = status.putArray("high-availability");
            v6.forEach(r -> list.add(r.status()));
        });
        if (!v6.isEmpty()) {
            HaCommands.Relationships rs = new HaCommands.Relationships(v6);
            HaCommands.registerPeerCommands(dispatcher.dhcp6(), rs);
            HaCommands.registerOperatorCommands(dispatcher.dhcp6(), rs);
        }
        return dispatcher;
    }
}
