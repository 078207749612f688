package io.dhcpsuite.api.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commands every Kea daemon answers the same way: {@code list-commands}, {@code version-get},
 * {@code build-report} and {@code status-get} (pid, uptime, reload). A service adds its own
 * {@code status-get} fields through {@code statusExtra}.
 */
public final class BasicCommands {
    public static final String VERSION = "0.1.0";

    private BasicCommands() {
    }

    public static void register(CommandDispatcher dispatcher, String daemon, Clock clock,
                                Consumer<ObjectNode> statusExtra) {
        Instant started = clock.instant();
        JsonNodeFactory json = JsonNodeFactory.instance;
        dispatcher.register("list-commands", args -> {
            ArrayNode names = json.arrayNode();
            dispatcher.commands().forEach(names::add);
            return CommandResponse.success(names.size() + " commands found", names);
        });
        dispatcher.register("version-get", args -> {
            ObjectNode extended = json.objectNode();
            extended.put("extended", "dhcp-suite " + VERSION + " (" + daemon + ", Java "
                    + Runtime.version() + ")");
            return CommandResponse.success(VERSION, extended);
        });
        dispatcher.register("build-report", args -> CommandResponse.success(
                "dhcp-suite " + VERSION + "\n" + daemon + "\nJava " + Runtime.version()));
        dispatcher.register("status-get", args -> {
            ObjectNode status = json.objectNode();
            long uptime = Duration.between(started, clock.instant()).toSeconds();
            status.put("pid", ProcessHandle.current().pid());
            status.put("uptime", uptime);
            status.put("reload", uptime);
            if (statusExtra != null) {
                statusExtra.accept(status);
            }
            return CommandResponse.success(null, status);
        });
    }
}
