package io.dhcpsuite.lease.config;

import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.config.ConfigUpdate;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.ddns.LeaseDdns;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The configuration lease-service runs with, and its side of a reconfiguration. Prepare parses the
 * new document and runs lease-service's own start-up checks ({@code max-row-errors}) and refuses
 * what it cannot swap (lease database, reclamation timers, DHCP-DDNS connection); commit rebuilds
 * subnets, pools, reservations and their statistics over the same lease index and backend, so
 * every lease stays.
 */
public final class RunningConfig implements ConfigPhases.Participant<SuiteConfig> {
    private static final Logger log = LoggerFactory.getLogger(RunningConfig.class);
    private final AtomicReference<SuiteConfig> current;
    private final AllocationEngine engine;
    private final LeaseDdns ddns;
    private final java.util.function.Consumer<io.dhcpsuite.config.Dhcp6Config> dhcp6;

    public RunningConfig(SuiteConfig initial, AllocationEngine engine, LeaseDdns ddns) {
        this(initial, engine, ddns, cfg -> { });
    }

    /** @param dhcp6 told of the Dhcp6 section of a committed configuration, when it has one (the v6 lease store) */
    public RunningConfig(SuiteConfig initial, AllocationEngine engine, LeaseDdns ddns,
                         java.util.function.Consumer<io.dhcpsuite.config.Dhcp6Config> dhcp6) {
        this.current = new AtomicReference<>(initial);
        this.engine = engine;
        this.ddns = ddns;
        this.dhcp6 = dhcp6;
    }

    public SuiteConfig current() {
        return current.get();
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
    public SuiteConfig prepare(JsonNode arguments) {
        SuiteConfig now = current.get();
        SuiteConfig next = ConfigUpdate.next(now, arguments);
        ConfigUpdate.requireRestartFree(now, next);
        ConfigFile.maxRowErrors(next);
        if (next.dhcp6() != null) {
            ConfigFile.maxRowErrors6(next);
        }
        return next;
    }

    @Override
    public void commit(SuiteConfig next) {
        Dhcp4Config cfg = next.dhcp4();
        engine.reconfigure(cfg);
        ddns.reconfigure(cfg);
        if (next.dhcp6() != null) {
            dhcp6.accept(next.dhcp6());
        }
        current.set(next);
        log.info("DHCP4_CONFIG_COMPLETE lease side reconfigured: {} subnet(s), hash {}", cfg.subnets().size(),
                ConfigPhases.hash(dhcp4(next)));
    }

    @Override
    public JsonNode dhcp4(SuiteConfig prepared) {
        return prepared.raw().get("Dhcp4");
    }

    @Override
    public JsonNode section(SuiteConfig prepared, String name) {
        return prepared.raw().get(name);
    }
}
