package io.dhcpsuite.api.config;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two-phase reconfiguration, one service's side. {@code config-prepare} builds the new runtime
 * and keeps it under the caller's token; {@code config-commit} installs it; {@code config-abort}
 * drops it. One prepared configuration at a time: a new prepare replaces an older one, so an
 * orchestrator that died between the phases leaves nothing behind but garbage. The three internal
 * commands are registered unlisted and the gateway never forwards them from operators.
 *
 * <p>{@code config-test} is the prepare phase with the result thrown away, so "test OK" means
 * "set would succeed" on this service.
 */
public final class ConfigPhases {
    public static final String PREPARE = "config-prepare";
    public static final String COMMIT = "config-commit";
    public static final String ABORT = "config-abort";
    public static final Set<String> INTERNAL = Set.of(PREPARE, COMMIT, ABORT);
    /** Kea's config-test answer (ControlledDhcpv4Srv / configureDhcp4Server with check_only). */
    public static final String TEST_OK = "Configuration seems sane. Control-socket, hook-libraries, and D2 "
            + "configuration were sanity checked, but not applied.";
    public static final String SET_OK = "Configuration successful.";
    private static final Logger log = LoggerFactory.getLogger(ConfigPhases.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one service does in each phase. */
    public interface Participant<P> {
        /**
         * Builds the runtime for the configuration the arguments name ({@code Dhcp4} for
         * config-set/config-test, {@code "reload": true} for config-reload) without installing it.
         *
         * @throws RuntimeException whose message says why, the key's path first
         */
        P prepare(JsonNode arguments);

        /** Installs {@code prepared}; must not fail on a configuration {@link #prepare} accepted. */
        void commit(P prepared);

        /** The Dhcp4 section of {@code prepared}, for the answer's hash. */
        JsonNode dhcp4(P prepared);

        /** The section {@code name} ({@code Dhcp4} or {@code Dhcp6}) of {@code prepared}, for the answer's hash. */
        default JsonNode section(P prepared, String name) {
            return DHCP4.equals(name) ? dhcp4(prepared) : null;
        }
    }

    /** Kea's top-level section of kea-dhcp4's configuration. */
    public static final String DHCP4 = "Dhcp4";
    /** Kea's top-level section of kea-dhcp6's configuration. */
    public static final String DHCP6 = "Dhcp6";

    private ConfigPhases() {
    }

    /** Registers config-test and the three internal phase commands. */
    public static <P> void register(CommandDispatcher d, Participant<P> participant) {
        register(d, participant, () -> null);
    }

    /**
     * As {@link #register(CommandDispatcher, Participant)}, with the running Dhcp4 section: a
     * password sent back masked, as config-get showed it, keeps its running value ({@link Redaction#restored}).
     */
    public static <P> void register(CommandDispatcher d, Participant<P> participant,
                                    java.util.function.Supplier<JsonNode> runningDhcp4) {
        register(d, participant, runningDhcp4, DHCP4);
    }

    /**
     * As {@link #register(CommandDispatcher, Participant, java.util.function.Supplier)} for the
     * server whose section is {@code section}: {@code Dhcp6} for the table that answers
     * {@code "service": ["dhcp6"]}, where config-test and config-set take {@code {"Dhcp6": ...}}
     * and answer the Dhcp6 section's hash, as kea-dhcp6 does.
     */
    public static <P> void register(CommandDispatcher d, Participant<P> participant,
                                    java.util.function.Supplier<JsonNode> runningSection, String section) {
        Participant<P> p = participant;
        Participant<P> withSecrets = new Participant<>() {
            @Override
            public P prepare(JsonNode arguments) {
                JsonNode given = arguments == null ? null : arguments.get(section);
                if (given != null && arguments.isObject()) {
                    ObjectNode a = ((ObjectNode) arguments).deepCopy();
                    a.set(section, Redaction.restored(given, runningSection.get()));
                    arguments = a;
                }
                return p.prepare(arguments);
            }

            @Override
            public void commit(P prepared) {
                p.commit(prepared);
            }

            @Override
            public JsonNode dhcp4(P prepared) {
                return p.dhcp4(prepared);
            }

            @Override
            public JsonNode section(P prepared, String name) {
                return p.section(prepared, name);
            }
        };
        registerPhases(d, withSecrets, section);
    }

    private static <P> void registerPhases(CommandDispatcher d, Participant<P> participant, String section) {
        Pending<P> pending = new Pending<>();
        d.register("config-test", a -> {
            requireSection(a, section);
            try {
                participant.prepare(a);
            } catch (CommandException e) {
                throw e;
            } catch (RuntimeException e) {
                return CommandResponse.error(reason(e));
            }
            return CommandResponse.success(TEST_OK);
        });
        d.registerUnlisted(PREPARE, a -> {
            String token = token(a);
            if (!a.path("reload").asBoolean(false)) {
                requireSection(a, section);
            }
            P prepared;
            try {
                prepared = participant.prepare(a);
            } catch (CommandException e) {
                throw e;
            } catch (RuntimeException e) {
                log.info("{}_CONFIG_RECEIVED configuration refused: {}", section.toUpperCase(java.util.Locale.ROOT),
                        reason(e));
                return CommandResponse.error(reason(e));
            }
            pending.put(token, prepared);
            return CommandResponse.success("Configuration prepared.",
                    hashArgument(section, participant.section(prepared, section)));
        });
        d.registerUnlisted(COMMIT, a -> {
            P prepared = pending.take(token(a));
            if (prepared == null) {
                return CommandResponse.error("no configuration prepared under this token");
            }
            participant.commit(prepared);
            return CommandResponse.success(SET_OK, hashArgument(section, participant.section(prepared, section)));
        });
        d.registerUnlisted(ABORT, a -> {
            pending.take(token(a));
            return CommandResponse.success("Configuration discarded.");
        });
    }

    /**
     * Kea's checks of config-set/config-test arguments: a map with {@code Dhcp4} and nothing else
     * but comments (Kea's "Unsupported '...' parameter" for another server's section).
     */
    public static JsonNode requireDhcp4(JsonNode a) {
        return requireSection(a, DHCP4);
    }

    /** As {@link #requireDhcp4} for the server whose section is {@code section} (kea-dhcp6: {@code Dhcp6}). */
    public static JsonNode requireSection(JsonNode a, String section) {
        if (a == null || !a.isObject() || a.isEmpty()) {
            throw CommandException.badArgument("Missing mandatory 'arguments' parameter.");
        }
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            String k = e.getKey();
            if (!k.equals(section) && !k.equals("token") && !k.equals("reload") && !k.equals("comment")) {
                throw CommandException.badArgument("Unsupported '" + k + "' parameter.");
            }
        }
        JsonNode given = a.get(section);
        if (given == null) {
            throw CommandException.badArgument("Missing mandatory '" + section + "' parameter.");
        }
        if (!given.isObject()) {
            throw CommandException.badArgument("'" + section + "' parameter expected to be a map.");
        }
        return given;
    }

    /** {@code document} with its Dhcp4 section replaced; the other top-level sections stay. */
    public static ObjectNode withDhcp4(JsonNode document, JsonNode dhcp4) {
        ObjectNode out = document != null && document.isObject() ? ((ObjectNode) document).deepCopy()
                : JSON.createObjectNode();
        out.set("Dhcp4", dhcp4.deepCopy());
        return out;
    }

    /** Kea's config hash (2.4+): SHA-256 of {@code {"Dhcp4": ...}} as JSON, upper-case hex. */
    public static String hash(JsonNode dhcp4) {
        return hash(DHCP4, dhcp4);
    }

    /** Kea's config hash of {@code {"<section>": ...}} (kea-dhcp6 hashes {@code {"Dhcp6": ...}}). */
    public static String hash(String section, JsonNode value) {
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.set(section, value == null ? JSON.createObjectNode() : value);
        return ConfigHash.of(wrapper);
    }

    /** {@code {"hash": ...}}. */
    public static ObjectNode hashArgument(JsonNode dhcp4) {
        return hashArgument(DHCP4, dhcp4);
    }

    /** {@code {"hash": ...}} of section {@code section}. */
    public static ObjectNode hashArgument(String section, JsonNode value) {
        ObjectNode out = JSON.createObjectNode();
        out.put("hash", hash(section, value));
        return out;
    }

    /**
     * config-get's arguments: {@code {"Dhcp4": ..., "hash": ...}}, secrets masked ({@link Redaction});
     * the hash is Kea's, over the document as configured, so it still changes with a password.
     */
    public static ObjectNode configGet(JsonNode dhcp4) {
        return configGet(DHCP4, dhcp4);
    }

    /** config-get's arguments for section {@code section}: {@code {"<section>": ..., "hash": ...}}. */
    public static ObjectNode configGet(String section, JsonNode value) {
        ObjectNode out = JSON.createObjectNode();
        out.set(section, value == null ? JSON.createObjectNode() : Redaction.redacted(value));
        out.put("hash", hash(section, value));
        return out;
    }

    /** Registers config-get and config-hash-get over the service's current Dhcp4 section. */
    public static void registerGet(CommandDispatcher d, java.util.function.Supplier<JsonNode> dhcp4) {
        registerGet(d, DHCP4, dhcp4);
    }

    /** Registers config-get and config-hash-get over the service's current section {@code section}. */
    public static void registerGet(CommandDispatcher d, String section, java.util.function.Supplier<JsonNode> value) {
        d.register("config-get", a -> CommandResponse.success(null, configGet(section, value.get())));
        d.register("config-hash-get", a -> CommandResponse.success(null, hashArgument(section, value.get())));
    }

    private static String token(JsonNode a) {
        JsonNode t = a.get("token");
        if (t == null || !t.isString() || t.asString().isEmpty()) {
            throw CommandException.badArgument("missing 'token'");
        }
        return t.asString();
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final class Pending<P> {
        private String token;
        private P prepared;

        synchronized void put(String token, P prepared) {
            this.token = token;
            this.prepared = prepared;
        }

        synchronized P take(String token) {
            if (this.token == null || !this.token.equals(token)) {
                return null;
            }
            P p = prepared;
            this.token = null;
            this.prepared = null;
            return p;
        }
    }
}
