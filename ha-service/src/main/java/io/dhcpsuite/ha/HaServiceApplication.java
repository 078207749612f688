package io.dhcpsuite.ha;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
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
    HaSetup haSetup(SuiteConfig config, HaServiceProperties properties) {
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
        // a passive-backup primary has no partner: it heartbeats nobody and only sends lease updates to backups
        CommandClient partnerClient = partner == null ? null
                : new CommandClient(partner.url(), partner.basicAuthUser(), partner.basicAuthPassword());
        CommandClient dhcp = new CommandClient(URI.create(p.dhcpServiceUrl() + CommandDispatcher.PATH), null, null);
        CommandClient leases = new CommandClient(URI.create(p.leaseServiceUrl() + CommandDispatcher.PATH), null, null);
        HaRuntime runtime = new HaRuntime(r, Clock.systemUTC(), partnerClient, dhcp, leases);
        HaListener listener = null;
        if (p.listener()) {
            try {
                listener = new HaListener(listenUrl(r.thisServer().url(), p.listenerAddress()), listenerDispatcher(runtime, dhcp, leases));
                listener.start();
                log.info("HA_LISTENER_STARTED listening for the partner on {}", r.thisServer().url());
            } catch (IOException e) {
                runtime.close();
                throw new UncheckedIOException("HA listener on " + r.thisServer().url() + ": " + e.getMessage(), e);
            }
        }
        runtime.start();
        return new HaSetup(runtime, listener);
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
     * What the partner may call on the HA listener: Kea's HA command set. dhcp-disable/-enable go
     * to this suite's dhcp-service and the lease commands to its lease-service, unchanged, so
     * origins and Kea's answers pass through.
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
