package io.dhcpsuite.api.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The command table of one service. An unknown command answers result 2 with Kea's text; a handler
 * failure answers result 1 with its message and is logged, never returned as a stack trace.
 */
public class CommandDispatcher {
    /** Where every service answers the command envelope (one map, not Kea's list); the gateway routes here. */
    public static final String PATH = "/internal/v1/command";
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();
    private final java.util.Set<String> unlisted = ConcurrentHashMap.newKeySet();

    public CommandDispatcher register(String command, CommandHandler handler) {
        if (handlers.putIfAbsent(command, handler) != null) {
            throw new IllegalStateException("command registered twice: " + command);
        }
        return this;
    }

    /**
     * Registers a command between suite services (the reconfiguration phases): answered like any
     * other, but left out of {@code list-commands}.
     */
    public CommandDispatcher registerUnlisted(String command, CommandHandler handler) {
        register(command, handler);
        unlisted.add(command);
        return this;
    }

    public List<String> commands() {
        List<String> names = new ArrayList<>(handlers.keySet());
        names.removeAll(unlisted);
        Collections.sort(names);
        return names;
    }

    public boolean supports(String command) {
        return handlers.containsKey(command);
    }

    public CommandResponse dispatch(CommandRequest request) {
        if (request == null || request.command() == null || request.command().isBlank()) {
            return CommandResponse.error("missing mandatory 'command' parameter");
        }
        CommandHandler handler = handlers.get(request.command());
        if (handler == null) {
            return CommandResponse.unsupported(request.command());
        }
        JsonNode args = request.arguments();
        if (args == null || args.isNull() || args.isMissingNode()) {
            args = JsonNodeFactory.instance.objectNode();
        } else if (!args.isObject()) {
            return CommandResponse.error("'arguments' must be a map");
        }
        try {
            return handler.handle(args);
        } catch (CommandException e) {
            return new CommandResponse(e.result(), e.getMessage(), null);
        } catch (RuntimeException e) {
            log.warn("command '{}' failed: {}", request.command(), e.toString(), e);
            return CommandResponse.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
