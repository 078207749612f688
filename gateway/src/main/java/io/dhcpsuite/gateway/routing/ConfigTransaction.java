package io.dhcpsuite.gateway.routing;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.gateway.routing.ServiceRoutes.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * config-set and config-reload for Kea's {@code dhcp4} and {@code dhcp6}, which two suite services play together:
 * every participant prepares (parses and builds its new runtime without installing it); only if
 * all agree does each commit (an atomic swap); if any refuses, the prepared ones are aborted and
 * the operator gets the refusal, so a bad configuration changes nothing anywhere. One transaction
 * runs at a time, for either server: both sections live in the one document each service runs.
 * The phases for {@code dhcp6} carry {@code "service": ["dhcp6"]}, so each service answers them
 * from its v6 table (the Dhcp6 section and its hash).
 *
 * <p>A commit cannot fail on a configuration its service prepared, unless the service died in
 * between; then the others keep the new configuration and the answer says which service missed it.
 */
public final class ConfigTransaction {
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final Forwarder forwarder;

    /** Sends one command to one suite service (answers a forwarding failure as result 1). */
    @FunctionalInterface
    public interface Forwarder {
        CommandResponse forward(Target target, CommandRequest request);
    }

    public ConfigTransaction(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    /** Whether {@code command} for Kea service {@code service} is one this class runs. */
    public static boolean handles(String service, String command) {
        return ("dhcp4".equals(service) || "dhcp6".equals(service))
                && ("config-set".equals(command) || "config-reload".equals(command));
    }

    /** The suite services that play {@code dhcp4}'s configuration, in commit order. */
    public static List<Target> participants() {
        return List.of(Target.DHCP, Target.LEASE);
    }

    public CommandResponse run(String command, JsonNode arguments) {
        return run("dhcp4", command, arguments);
    }

    /** Runs {@code command} (config-set or config-reload) for Kea service {@code service}. */
    public CommandResponse run(String service, String command, JsonNode arguments) {
        List<String> names = "dhcp6".equals(service) ? List.of(service) : null;
        ObjectNode prepare = JsonNodeFactory.instance.objectNode();
        if ("config-reload".equals(command)) {
            prepare.put("reload", true);
        } else if (arguments != null && arguments.isObject()) {
            prepare.setAll((ObjectNode) arguments.deepCopy());
        }
        String token = UUID.randomUUID().toString();
        prepare.put("token", token);
        ObjectNode tokenOnly = JsonNodeFactory.instance.objectNode().put("token", token);
        oneAtATime.lock();
        try {
            List<Target> prepared = new ArrayList<>();
            for (Target t : participants()) {
                CommandResponse r = forwarder.forward(t, new CommandRequest(ConfigPhases.PREPARE, names, prepare));
                if (r.result() != ResultCode.SUCCESS) {
                    for (Target p : prepared) {
                        forwarder.forward(p, new CommandRequest(ConfigPhases.ABORT, names, tokenOnly));
                    }
                    return new CommandResponse(ResultCode.ERROR, r.text(), null);
                }
                prepared.add(t);
            }
            CommandResponse answer = null;
            List<String> missed = new ArrayList<>();
            for (Target t : prepared) {
                CommandResponse r = forwarder.forward(t, new CommandRequest(ConfigPhases.COMMIT, names, tokenOnly));
                if (r.result() != ResultCode.SUCCESS) {
                    missed.add(name(t) + " (" + r.text() + ")");
                } else if (answer == null) {
                    answer = r;
                }
            }
            if (!missed.isEmpty()) {
                return CommandResponse.error("configuration applied only in part: not committed by "
                        + String.join(", ", missed) + "; run config-reload or config-set again");
            }
            return answer;
        } finally {
            oneAtATime.unlock();
        }
    }

    private static String name(Target t) {
        return switch (t) {
            case DHCP -> "dhcp-service";
            case LEASE -> "lease-service";
            case HA -> "ha-service";
            case DDNS -> "ddns-service";
        };
    }
}
