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
     * @param arguments {@code {"Dhcp4": {...}}}, or {@code {"reload": true}} for config-reload
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
            doc.set("Dhcp4", arguments.get("Dhcp4").deepCopy());
            next = KeaConfigLoader.parse(JSON.writeValueAsString(doc), current.source());
        }
        if (next.dhcp4() == null) {
            throw new ConfigException("Dhcp4", "missing: a running DHCPv4 server needs its Dhcp4 section");
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
    }
}
