package io.dhcpsuite.dhcp.ha;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commands between ha-service and dhcp-service (unlisted, like the reconfiguration phases):
 * {@code ha-scopes-set {scopes, analyze}} and {@code ha-connecting-clients}, which hands over the
 * partner-scope clients sampled since the last call. Both take an optional {@code server-name}, a
 * server of the relationship they are about (a hub has several); without it, the first.
 */
public final class HaInternalCommands {
    private HaInternalCommands() {
    }

    public static void register(CommandDispatcher d, HaScopes ha) {
        d.registerUnlisted("ha-scopes-set", a -> {
            if (!ha.active()) {
                return CommandResponse.error("high availability is not configured");
            }
            JsonNode scopes = a.get("scopes");
            if (scopes == null || !scopes.isArray()) {
                throw CommandException.badArgument("'scopes' must be a list");
            }
            List<String> names = new ArrayList<>();
            scopes.forEach(s -> names.add(s.asString()));
            try {
                ha.set(serverName(a), names, a.path("analyze").asBoolean(false));
            } catch (IllegalArgumentException e) {
                throw CommandException.badArgument(e.getMessage());
            }
            return CommandResponse.success("HA scopes set.");
        });
        d.registerUnlisted("ha-connecting-clients", a -> {
            if (!ha.active()) {
                return CommandResponse.error("high availability is not configured");
            }
            String server = serverName(a);
            List<HaScopes.Sample> samples;
            try {
                samples = ha.drain(server);
            } catch (IllegalArgumentException e) {
                throw CommandException.badArgument(e.getMessage());
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ArrayNode list = out.putArray("clients");
            for (HaScopes.Sample s : samples) {
                ObjectNode c = list.addObject();
                c.put("hw-address", s.hwAddress());
                if (s.clientId() != null) {
                    c.put("client-id", s.clientId());
                }
                c.put("secs", s.secs());
            }
            out.put("out-of-scope", ha.outOfScope(server));
            out.put("no-relationship", ha.noRelationship());
            return CommandResponse.success(list.size() + " clients", out);
        });
    }

    private static String serverName(JsonNode a) {
        JsonNode n = a == null ? null : a.get("server-name");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString() || n.asString().isEmpty()) {
            throw CommandException.badArgument("'server-name' must be a non-empty string");
        }
        return n.asString();
    }
}
