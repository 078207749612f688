package io.dhcpsuite.ha.command;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.ha.runtime.HaRuntime;
import io.dhcpsuite.ha.sync.LeaseSync;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's HA commands ({@code ha-*}) with Kea's arguments, result codes and texts, registered on a
 * dispatcher: the operator's (through the gateway) and the HA listener's (from the partner).
 */
public final class HaCommands {
    /** Kea's HA_CONTROL_RESULT_MAINTENANCE_NOT_ALLOWED. */
    public static final int MAINTENANCE_NOT_ALLOWED = 1001;

    private HaCommands() {
    }

    /** The commands a partner sends (heartbeat, reset, maintenance notify, sync complete). */
    public static void registerPeerCommands(CommandDispatcher d, HaRuntime ha) {
        d.register("ha-heartbeat", a -> CommandResponse.success("HA peer status returned.", ha.heartbeatAnswer()));
        d.register("ha-reset", a -> {
            ha.reset();
            return CommandResponse.success("HA state machine reset.");
        });
        d.register("ha-maintenance-notify", a -> {
            JsonNode cancel = a.get("cancel");
            if (cancel == null || !cancel.isBoolean()) {
                throw CommandException.badArgument("'cancel' is mandatory for the 'ha-maintenance-notify' command"
                        + " and must be a boolean");
            }
            String before = ha.state().wire();
            if (!ha.maintenanceNotify(cancel.booleanValue())) {
                return new CommandResponse(MAINTENANCE_NOT_ALLOWED, "Unable to transition the server from the "
                        + before + " to in-maintenance state.", null);
            }
            if (cancel.booleanValue()) {
                ObjectNode s = JsonNodeFactory.instance.objectNode();
                s.put("state", ha.state().wire());
                return CommandResponse.success("Server maintenance canceled.", s);
            }
            return CommandResponse.success("Server is in-maintenance state.");
        });
        d.register("ha-sync-complete-notify", a -> {
            int origin = a.has("origin-id") ? a.get("origin-id").asInt()
                    : ha.config().remoteOrigin();
            ha.syncCompleteNotified(origin);
            return CommandResponse.success("Server successfully notified about the synchronization completion.");
        });
    }

    /** The commands an operator sends, besides the peer ones. */
    public static void registerOperatorCommands(CommandDispatcher d, HaRuntime ha) {
        d.register("ha-continue", a -> CommandResponse.success(ha.resume() ? "HA state machine continues."
                : "HA state machine is not paused."));
        d.register("ha-scopes", a -> {
            JsonNode scopes = a.get("scopes");
            if (scopes == null || !scopes.isArray()) {
                throw CommandException.badArgument("'scopes' is mandatory for the 'ha-scopes' command and must be a list");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode s : scopes) {
                if (!s.isString()) {
                    throw CommandException.badArgument("scope name must be a string in the 'scopes' argument");
                }
                names.add(s.asString());
            }
            ha.scopes(names);
            return CommandResponse.success("New HA scopes configured.");
        });
        d.register("ha-sync", a -> {
            JsonNode name = a.get("server-name");
            if (name == null || !name.isString()) {
                throw CommandException.badArgument("'server-name' is mandatory for the 'ha-sync' command");
            }
            if (ha.config().peer(name.asString()) == null || name.asString().equals(ha.config().thisServerName())) {
                throw CommandException.badArgument("server name '" + name.asString() + "' is not a partner of this server");
            }
            long maxPeriod = 0;
            JsonNode mp = a.get("max-period");
            if (mp != null) {
                if (!mp.canConvertToLong() || mp.asLong() <= 0) {
                    throw CommandException.badArgument("'max-period' must be a positive integer");
                }
                maxPeriod = mp.asLong();
            }
            LeaseSync.Result r = ha.synchronize(maxPeriod);
            return r.ok() ? CommandResponse.success(r.message()) : new CommandResponse(ResultCode.ERROR, r.message(), null);
        });
        d.register("ha-maintenance-start", a -> ha.maintenanceStart());
        d.register("ha-maintenance-cancel", a -> ha.maintenanceCancel());
    }
}
