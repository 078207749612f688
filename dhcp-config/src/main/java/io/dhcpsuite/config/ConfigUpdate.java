package io.dhcpsuite.config;

import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The configuration a running service moves to on {@code config-set} (the current document with
 * its {@code Dhcp4} section replaced; the other top-level sections stay, as Kea's other daemons
 * keep theirs) or {@code config-reload} (the file the service was started with, read again,
 * dropping config-set changes). Both go through {@link KeaConfigLoader#parse}, so a running
 * service refuses exactly what start-up refuses, with the key's path.
 */
public final class ConfigUpdate {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConfigUpdate() {
    }

    /**
     * @param arguments {@code {"Dhcp4": {...}}}, {@code {"Dhcp6": {...}}} (kea-dhcp6's config-set:
     *                  the Dhcp6 section is replaced, the rest stays), or {@code {"reload": true}}
     *                  for config-reload
     * @throws ConfigException naming the key, or (reload) the file
     */
    public static SuiteConfig next(SuiteConfig current, JsonNode arguments) {
        SuiteConfig next;
        if (arguments.path("reload").asBoolean(false)) {
            if (current.source() == null) {
                throw new ConfigException("", "Config reload failed: the service was started without a configuration file");
            }
            try {
                next = KeaConfigLoader.load(current.source());
            } catch (ConfigException e) {
                throw new ConfigException("", "Config reload failed: " + e.getMessage(), e);
            }
        } else {
            ObjectNode doc = current.raw() != null && current.raw().isObject()
                    ? ((ObjectNode) current.raw()).deepCopy() : JsonNodeFactory.instance.objectNode();
            String section = arguments.has("Dhcp6") && !arguments.has("Dhcp4") ? "Dhcp6" : "Dhcp4";
            doc.set(section, arguments.get(section).deepCopy());
            next = KeaConfigLoader.parse(JSON.writeValueAsString(doc), current.source());
        }
        if (next.dhcp4() == null) {
            boolean hadDhcp4 = current.raw() != null && current.raw().has("Dhcp4");
            if (hadDhcp4 || next.dhcp6() == null) {
                throw new ConfigException("Dhcp4", "missing: a running DHCPv4 server needs its Dhcp4 section");
            }
            // a DHCPv6-only file, as kea-dhcp6's own: the v4 side keeps serving no subnets
            next = new SuiteConfig(next.source(), next.raw(), KeaConfigLoader.parse("{\"Dhcp4\": {}}", null).dhcp4(),
                    next.warnings(), next.dhcp6());
        }
        return next;
    }

    /**
     * Refuses a change of a part the running service cannot swap: {@code key} is the path in the
     * message, {@code why} finishes the sentence ("changing the lease database needs a restart").
     */
    public static void requireUnchanged(SuiteConfig current, SuiteConfig next, String key,
                                        Function<Dhcp4Config, Object> part, String why) {
        Object before = current.dhcp4() == null ? null : part.apply(current.dhcp4());
        Object after = next.dhcp4() == null ? null : part.apply(next.dhcp4());
        if (before != null && !Objects.equals(before, after)) {
            throw new ConfigException(key, why);
        }
    }

    /** The checks both dhcp4 services make: what neither can change without a restart. */
    public static void requireRestartFree(SuiteConfig current, SuiteConfig next) {
        requireUnchanged(current, next, "Dhcp4/lease-database", Dhcp4Config::leaseDatabase,
                "changing the lease database needs a restart");
        requireUnchanged(current, next, "Dhcp4/hosts-databases", Dhcp4Config::hostsDatabases,
                "changing the hosts databases needs a restart");
        requireUnchanged(current, next, "Dhcp4/dhcp-ddns", Dhcp4Config::dhcpDdnsClient,
                "changing the connection to the DHCP-DDNS server needs a restart");
        requireUnchanged(current, next, "Dhcp4/expired-leases-processing", Dhcp4Config::expiredLeasesProcessing,
                "changing the reclamation timers needs a restart");
        if ((current.dhcp6() == null) != (next.dhcp6() == null)) {
            throw new ConfigException("Dhcp6", current.dhcp6() == null
                    ? "adding a DHCPv6 server needs a restart" : "removing the DHCPv6 server needs a restart");
        }
        requireUnchanged6(current, next, "Dhcp6/lease-database", Dhcp6Config::leaseDatabase,
                "changing the lease database needs a restart");
        requireUnchanged6(current, next, "Dhcp6/hosts-databases", Dhcp6Config::hostsDatabases,
                "changing the hosts databases needs a restart");
        requireUnchanged6(current, next, "Dhcp6/dhcp-ddns", Dhcp6Config::dhcpDdnsClient,
                "changing the connection to the DHCP-DDNS server needs a restart");
        requireUnchanged6(current, next, "Dhcp6/expired-leases-processing", Dhcp6Config::expiredLeasesProcessing,
                "changing the reclamation timers needs a restart");
    }

    /** As {@link #requireUnchanged} for a part of the Dhcp6 section. */
    public static void requireUnchanged6(SuiteConfig current, SuiteConfig next, String key,
                                         Function<Dhcp6Config, Object> part, String why) {
        Object before = current.dhcp6() == null ? null : part.apply(current.dhcp6());
        Object after = next.dhcp6() == null ? null : part.apply(next.dhcp6());
        if (before != null && !Objects.equals(before, after)) {
            throw new ConfigException(key, why);
        }
    }
}
