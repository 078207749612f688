package io.dhcpsuite.gateway.api;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.ConfigHash;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.api.config.Redaction;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commands the gateway answers itself when a command names no service, as Kea's Control
 * Agent does: list-commands, status-get, version-get, build-report, config-get (its
 * {@code Control-agent} section, passwords removed) and config-hash-get.
 */
@Component
public class LocalCommands {
    private final CommandDispatcher dispatcher = new CommandDispatcher();

    public LocalCommands(SuiteConfig config, Clock clock) {
        BasicCommands.register(dispatcher, "gateway", clock, null);
        dispatcher.register("config-get", args -> {
            ObjectNode section = agentSection(config);
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            answer.set("Control-agent", section);
            answer.put("hash", sha256(section));
            return CommandResponse.success(null, answer);
        });
        dispatcher.register("config-hash-get", args -> {
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            answer.put("hash", sha256(agentSection(config)));
            return CommandResponse.success(null, answer);
        });
    }

    public CommandResponse handle(CommandRequest request) {
        return dispatcher.dispatch(request);
    }

    private static ObjectNode agentSection(SuiteConfig config) {
        JsonNode agent = config.raw() == null ? null : config.raw().get("Control-agent");
        return agent != null && agent.isObject()
                ? (ObjectNode) Redaction.redacted(agent) : JsonNodeFactory.instance.objectNode();
    }

    static String sha256(JsonNode node) {
        return ConfigHash.of(node);
    }
}
