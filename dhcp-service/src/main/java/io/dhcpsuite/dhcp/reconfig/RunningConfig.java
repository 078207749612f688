package io.dhcpsuite.dhcp.reconfig;

import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.ConfigUpdate;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.processing.PacketProcessor;
import io.dhcpsuite.dhcp.processing.ServerSettings;
import io.dhcpsuite.dhcp.transport.SocketPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The configuration dhcp-service runs with, and its side of a reconfiguration. Prepare parses the
 * new document and builds the whole processing chain's settings (selector, classifier,
 * reservations, names) as start-up does; commit swaps the packet processor's chain and this
 * holder's document. The sockets stay: a change of the socket plan is refused (a rebind could
 * fail half-way, after the other service committed), as are the parts both dhcp4 services
 * refuse ({@link ConfigUpdate#requireRestartFree}).
 */
public final class RunningConfig implements ConfigPhases.Participant<RunningConfig.Prepared> {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
    private final AtomicReference<SuiteConfig> current;
    private final PacketProcessor processor;
    private final Clock clock;
    private final Consumer<SuiteConfig> onCommit;
    private final Dhcp6Side dhcp6;
    private volatile Instant configuredAt;

    /** A configuration accepted by prepare, ready to install; {@code installV6} swaps the DHCPv6 chain. */
    public record Prepared(SuiteConfig config, ServerSettings settings, Runnable installV6) {
    }

    /**
     * The DHCPv6 server's part of a reconfiguration: checks the Dhcp6 section of the next document
     * against the running one and builds its chain, returning what installs it at commit (nothing
     * when there is no DHCPv6 server).
     */
    @FunctionalInterface
    public interface Dhcp6Side {
        /** @throws io.dhcpsuite.config.ConfigException naming the Dhcp6 key that cannot change */
        Runnable prepare(SuiteConfig now, SuiteConfig next);
    }

    /** @param onCommit told of each installed configuration (e.g. to apply its loggers) */
    public RunningConfig(SuiteConfig initial, PacketProcessor processor, Clock clock, Consumer<SuiteConfig> onCommit) {
        this(initial, processor, clock, onCommit, (now, next) -> () -> { });
    }

    public RunningConfig(SuiteConfig initial, PacketProcessor processor, Clock clock, Consumer<SuiteConfig> onCommit,
                         Dhcp6Side dhcp6) {
        this.current = new AtomicReference<>(initial);
        this.processor = processor;
        this.clock = clock;
        this.onCommit = onCommit == null ? c -> { } : onCommit;
        this.dhcp6 = dhcp6;
        this.configuredAt = clock.instant();
    }

    public SuiteConfig current() {
        return current.get();
    }

    /** When the running configuration was installed (start-up, config-set or config-reload). */
    public Instant configuredAt() {
        return configuredAt;
    }

    /** The running Dhcp4 section as given (config-get). */
    public JsonNode dhcp4() {
        SuiteConfig c = current.get();
        JsonNode raw = c.raw() == null ? null : c.raw().get("Dhcp4");
        return raw == null ? JsonNodeFactory.instance.objectNode() : raw;
    }

    /** The running Dhcp6 section as given (config-get for {@code dhcp6}). */
    public JsonNode dhcp6() {
        SuiteConfig c = current.get();
        JsonNode raw = c.raw() == null ? null : c.raw().get(ConfigPhases.DHCP6);
        return raw == null ? JsonNodeFactory.instance.objectNode() : raw;
    }

    @Override
    public Prepared prepare(JsonNode arguments) {
        SuiteConfig now = current.get();
        SuiteConfig next = ConfigUpdate.next(now, arguments);
        ConfigUpdate.requireRestartFree(now, next);
        List<SocketPlan.Endpoint> before = SocketPlan.of(now.dhcp4() == null ? null : now.dhcp4().interfacesConfig());
        List<SocketPlan.Endpoint> after = SocketPlan.of(next.dhcp4().interfacesConfig());
        if (now.dhcp4() != null && !before.equals(after)) {
            throw new ConfigException("Dhcp4/interfaces-config",
                    "changing the listening sockets needs a restart (" + describe(before) + " -> " + describe(after) + ")");
        }
        ServerSettings old = processor.settings();
        ServerSettings settings = ServerSettings.of(next.dhcp4(), old.serverPort(),
                old.clientPort(), old.ownAddresses(), old.hosts().databases());
        Runnable installV6 = dhcp6.prepare(now, next);
        return new Prepared(next, settings, installV6 == null ? () -> { } : installV6);
    }

    @Override
    public void commit(Prepared prepared) {
        prepared.settings().hosts().databases().reparse(prepared.config().dhcp4());
        processor.reconfigure(prepared.settings());
        prepared.installV6().run();
        current.set(prepared.config());
        configuredAt = clock.instant();
        prepared.config().warnings().forEach(w -> log.warn("DHCP4_CONFIG_WARNING {}", w));
        onCommit.accept(prepared.config());
        log.info("DHCP4_CONFIG_COMPLETE DHCPv4 server has completed configuration: {} subnet(s), hash {}",
                prepared.config().dhcp4().subnets().size(), ConfigPhases.hash(dhcp4(prepared)));
    }

    @Override
    public JsonNode dhcp4(Prepared prepared) {
        return prepared.config().raw().get("Dhcp4");
    }

    @Override
    public JsonNode section(Prepared prepared, String name) {
        return prepared.config().raw().get(name);
    }

    private static String describe(List<SocketPlan.Endpoint> plan) {
        if (plan.isEmpty()) {
            return "no sockets";
        }
        StringBuilder b = new StringBuilder();
        for (SocketPlan.Endpoint e : plan) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(e.iface() == null ? "*" : e.iface()).append('/')
                    .append(e.wildcard() ? "0.0.0.0" : io.dhcpsuite.codec.Ipv4.format(e.address()));
        }
        return b.toString();
    }
}
