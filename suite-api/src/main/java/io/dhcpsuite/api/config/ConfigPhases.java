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
    }

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
        Participant<P> p = participant;
        Participant<P> withSecrets = new Participant<>() {
            @Override
            public P prepare(JsonNode arguments) {
                JsonNode dhcp4 = arguments == null ? null : arguments.get("Dhcp4");
                if (dhcp4 != null && arguments.isObject()) {
                    ObjectNode a = ((ObjectNode) arguments).deepCopy();
                    a.set("Dhcp4", Redaction.restored(dhcp4, runningDhcp4.get()));
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
        };
        registerPhases(d, withSecrets);
    }

    private static <P> void registerPhases(CommandDispatcher d, Participant<P> participant) {
        Pending<P> pending = new Pending<>();
        d.register("config-test", a -> {
            requireDhcp4(a);
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
                requireDhcp4(a);
            }
            P prepared;
            try {
                prepared = participant.prepare(a);
            } catch (CommandException e) {
                throw e;
            } catch (RuntimeException e) {
                log.info("DHCP4_CONFIG_RECEIVED configuration refused: {}", reason(e));
                return CommandResponse.error(reason(e));
            }
            pending.put(token, prepared);
            return CommandResponse.success("Configuration prepared.", hashArgument(participant.dhcp4(prepared)));
        });
        d.registerUnlisted(COMMIT, a -> {
            P prepared = pending.take(token(a));
            if (prepared == null) {
                return CommandResponse.error("no configuration prepared under this token");
            }
            participant.commit(prepared);
            return CommandResponse.success(SET_OK, hashArgument(participant.dhcp4(prepared)));
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
        if (a == null || !a.isObject() || a.isEmpty()) {
            throw CommandException.badArgument("Missing mandatory 'arguments' parameter.");
        }
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            String k = e.getKey();
            if (!k.equals("Dhcp4") && !k.equals("token") && !k.equals("reload") && !k.equals("comment")) {
                throw CommandException.badArgument("Unsupported '" + k + "' parameter.");
            }
        }
        JsonNode dhcp4 = a.get("Dhcp4");
        if (dhcp4 == null) {
            throw CommandException.badArgument("Missing mandatory 'Dhcp4' parameter.");
        }
        if (!dhcp4.isObject()) {
            throw CommandException.badArgument("'Dhcp4' parameter expected to be a map.");
        }
        return dhcp4;
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
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.set("Dhcp4", dhcp4 == null ? JSON.createObjectNode() : dhcp4);
        return ConfigHash.of(wrapper);
    }

    /** {@code {"hash": ...}}. */
    public static ObjectNode hashArgument(JsonNode dhcp4) {
        ObjectNode out = JSON.createObjectNode();
        out.put("hash", hash(dhcp4));
        return out;
    }

    /**
     * config-get's arguments: {@code {"Dhcp4": ..., "hash": ...}}, secrets masked ({@link Redaction});
     * the hash is Kea's, over the document as configured, so it still changes with a password.
     */
    public static ObjectNode configGet(JsonNode dhcp4) {
        ObjectNode out = JSON.createObjectNode();
        out.set("Dhcp4", dhcp4 == null ? JSON.createObjectNode() : Redaction.redacted(dhcp4));
        out.put("hash", hash(dhcp4));
        return out;
    }

    /** Registers config-get and config-hash-get over the service's current Dhcp4 section. */
    public static void registerGet(CommandDispatcher d, java.util.function.Supplier<JsonNode> dhcp4) {
        d.register("config-get", a -> CommandResponse.success(null, configGet(dhcp4.get())));
        d.register("config-hash-get", a -> CommandResponse.success(null, hashArgument(dhcp4.get())));
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
