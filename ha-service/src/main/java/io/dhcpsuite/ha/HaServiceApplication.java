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
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;

/**
 * ha-service: Kea's HA hook for the suite. With a {@code libdhcp_ha.so} entry in the configuration
 * it runs the first relationship's state machine, heartbeats and syncs with the partner, listens
 * for the partner at this server's peer URL, and drives the local dhcp-service; without one it
 * answers status-get with an empty {@code high-availability} list and every {@code ha-*} command
 * with result 2, as Kea without the hook does.
 */
@SpringBootApplication
@Import(CommandEndpoint.class)
@EnableConfigurationProperties(HaServiceProperties.class)
public class HaServiceApplication {
    private static final Logger log = LoggerFactory.getLogger(HaServiceApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(HaServiceApplication.class, args);
    }

    /** The running HA parts, or none when HA is not configured. */
    public record HaSetup(HaRuntime runtime, HaListener listener) implements AutoCloseable {
        static final HaSetup NONE = new HaSetup(null, null);

        @Override
        public void close() {
            if (listener != null) {
                listener.close();
            }
            if (runtime != null) {
                runtime.close();
            }
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

    @Bean(destroyMethod = "close")
    HaSetup haSetup(SuiteConfig config, HaServiceProperties properties, io.micrometer.core.instrument.MeterRegistry registry) {
        HaServiceProperties.Ha p = properties.ha();
        HaConfig ha = haConfig(config);
        if (ha == null) {
            return HaSetup.NONE;
        }
        HaRelationship r = ha.relationships().getFirst();
        if (ha.relationships().size() > 1) {
            log.warn("HA_CONFIGURATION_PARTIAL {} relationships configured; this release runs only the first ({})",
                    ha.relationships().size(), r.thisServerName());
        }
        HaPeer partner = r.partner();
        HaListener.Security security = exitOnBadTls(() -> listenerSecurity(r));
        // a passive-backup primary has no partner: it heartbeats nobody and only sends lease updates to backups
        CommandClient partnerClient = partner == null ? null
                : new CommandClient(partner.url(), partner.basicAuthUser(), partner.basicAuthPassword(),
                        exitOnBadTls(() -> clientTls(partner)));
        CommandClient dhcp = new CommandClient(URI.create(p.dhcpServiceUrl() + CommandDispatcher.PATH), null, null);
        CommandClient leases = new CommandClient(URI.create(p.leaseServiceUrl() + CommandDispatcher.PATH), null, null);
        HaRuntime runtime = new HaRuntime(r, Clock.systemUTC(), partnerClient, dhcp, leases, registry);
        HaListener listener = null;
        if (p.listener()) {
            try {
                listener = new HaListener(listenUrl(r.thisServer().url(), p.listenerAddress()), listenerDispatcher(runtime, dhcp, leases),
                        security);
                listener.start();
                log.info("HA_LISTENER_STARTED listening for the partner on {} ({}{}{})", r.thisServer().url(),
                        listener.tls() ? "TLS" : "plain HTTP",
                        listener.tls() ? (r.requireClientCerts() ? ", client certificates required" : ", no client certificates") : "",
                        security.basicAuthUser() != null ? ", basic auth" : "");
            } catch (IOException e) {
                runtime.close();
                throw new UncheckedIOException("HA listener on " + r.thisServer().url() + ": " + e.getMessage(), e);
            }
        }
        runtime.start();
        return new HaSetup(runtime, listener);
    }

    /**
     * The HA listener's guard, as Kea builds it: TLS from this server's own peer entry (server side,
     * {@code require-client-certs}), basic auth with that entry's credentials, and with
     * {@code restrict-commands} only the commands a partner sends.
     */
    static HaListener.Security listenerSecurity(HaRelationship r) {
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
                r.restrictCommands() ? partnerCommands() : java.util.Set.of());
    }

    /**
     * Kea's allowlist plus what only a suite partner sends: its sync page (docs/ha-sync.md) and its
     * batched lease updates, {@code lease4-bulk-apply} (docs/high-availability.md).
     */
    private static java.util.Set<String> partnerCommands() {
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
        CommandDispatcher d = new CommandDispatcher();
        HaCommands.registerPeerCommands(d, runtime);
        d.register("list-commands", a -> io.dhcpsuite.api.command.CommandResponse.success(
                CommandCreator.HA_COMMANDS4.size() + " commands found",
                tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                        .addAll(CommandCreator.HA_COMMANDS4.stream()
                                .map(tools.jackson.databind.node.JsonNodeFactory.instance::stringNode).toList())));
        d.register("status-get", a -> {
            var s = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            s.putArray("high-availability").add(runtime.status());
            return io.dhcpsuite.api.command.CommandResponse.success(null, s);
        });
        for (String c : List.of("dhcp-disable", "dhcp-enable")) {
            d.register(c, a -> dhcp.send(new CommandRequest(c, null, a), Duration.ofSeconds(10)));
        }
        for (String c : List.of("lease4-update", "lease4-del", "lease4-get-page", "lease4-get-all")) {
            d.register(c, a -> leases.send(new CommandRequest(c, null, a), Duration.ofSeconds(60)));
        }
        // the suite's incremental sync (docs/high-availability.md); a Kea partner never sends it
        d.registerUnlisted("ha-sync-page", a -> leases.send(new CommandRequest("ha-sync-page", null, a), Duration.ofSeconds(60)));
        // a suite partner's lease updates, many in one request (docs/high-availability.md); Kea's are lease4-update
        d.registerUnlisted("lease4-bulk-apply", a -> leases.send(new CommandRequest("lease4-bulk-apply", null, a),
                Duration.ofSeconds(60)));
        return d;
    }

    @Bean
    CommandDispatcher commandDispatcher(HaSetup ha) {
        CommandDispatcher dispatcher = new CommandDispatcher();
        BasicCommands.register(dispatcher, "ha-service", Clock.systemDefaultZone(), status -> {
            var list = status.putArray("high-availability");
            if (ha.runtime() != null) {
                list.add(ha.runtime().status());
            }
        });
        if (ha.runtime() != null) {
            HaCommands.registerPeerCommands(dispatcher, ha.runtime());
            HaCommands.registerOperatorCommands(dispatcher, ha.runtime());
        }
        return dispatcher;
    }
}
