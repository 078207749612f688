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
 * dispatcher: the operator's (through the gateway) and the HA listener's (from the partner). With
 * several relationships (a hub), a command goes to the relationship that has a server named by its
 * {@code server-name} argument (a partner's heartbeat names its sender; an operator names either
 * server), and without one it is refused, as Kea 2.5.5+ does; {@code ha-maintenance-start} and
 * {@code -cancel} go to every relationship.
 */
public final class HaCommands {
    /** Kea's HA_CONTROL_RESULT_MAINTENANCE_NOT_ALLOWED. */
    public static final int MAINTENANCE_NOT_ALLOWED = 1001;

    private HaCommands() {
    }

    /** The relationships of this server, and which one a command is for. */
    public record Relationships(List<HaRuntime> all) {
        public Relationships {
            all = List.copyOf(all);
        }

        public static Relationships of(HaRuntime one) {
            return new Relationships(List.of(one));
        }

        /** The relationship {@code command} is for, by its {@code server-name}; the only one without it. */
        public HaRuntime select(JsonNode args, String command) {
            JsonNode name = args == null ? null : args.get("server-name");
            if (name == null || name.isNull()) {
                if (all.size() == 1) {
                    return all.getFirst();
                }
                throw CommandException.badArgument("'server-name' is mandatory for the '" + command
                        + "' command when the server has " + all.size() + " HA relationships");
            }
            if (!name.isString()) {
                throw CommandException.badArgument("'server-name' must be a string");
            }
            for (HaRuntime r : all) {
                if (r.config().peer(name.asString()) != null) {
                    return r;
                }
            }
            throw CommandException.badArgument("server name '" + name.asString() + "' is not in any HA relationship of this server");
        }
    }

    /** The commands a partner sends (heartbeat, reset, maintenance notify, sync complete). */
    public static void registerPeerCommands(CommandDispatcher d, HaRuntime ha) {
        registerPeerCommands(d, Relationships.of(ha));
    }

    public static void registerPeerCommands(CommandDispatcher d, Relationships rs) {
        d.register("ha-heartbeat", a -> CommandResponse.success("HA peer status returned.",
                rs.select(a, "ha-heartbeat").heartbeatAnswer()));
        d.register("ha-reset", a -> {
            rs.select(a, "ha-reset").reset();
            return CommandResponse.success("HA state machine reset.");
        });
        d.register("ha-maintenance-notify", a -> {
            JsonNode cancel = a.get("cancel");
            if (cancel == null || !cancel.isBoolean()) {
                throw CommandException.badArgument("'cancel' is mandatory for the 'ha-maintenance-notify' command"
                        + " and must be a boolean");
            }
            HaRuntime ha = rs.select(a, "ha-maintenance-notify");
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
            HaRuntime ha = rs.select(a, "ha-sync-complete-notify");
            int origin = a.has("origin-id") ? a.get("origin-id").asInt()
                    : ha.config().remoteOrigin();
            ha.syncCompleteNotified(origin);
            return CommandResponse.success("Server successfully notified about the synchronization completion.");
        });
    }

    /** The commands an operator sends, besides the peer ones. */
    public static void registerOperatorCommands(CommandDispatcher d, HaRuntime ha) {
        registerOperatorCommands(d, Relationships.of(ha));
    }

    public static void registerOperatorCommands(CommandDispatcher d, Relationships rs) {
        d.register("ha-continue", a -> CommandResponse.success(rs.select(a, "ha-continue").resume()
                ? "HA state machine continues." : "HA state machine is not paused."));
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
            rs.select(a, "ha-scopes").scopes(names);
            return CommandResponse.success("New HA scopes configured.");
        });
        d.register("ha-sync", a -> {
            JsonNode name = a.get("server-name");
            if (name == null || !name.isString()) {
                throw CommandException.badArgument("'server-name' is mandatory for the 'ha-sync' command");
            }
            HaRuntime ha = rs.select(a, "ha-sync");
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
        d.register("ha-maintenance-start", a -> everyRelationship(rs, HaRuntime::maintenanceStart));
        d.register("ha-maintenance-cancel", a -> everyRelationship(rs, HaRuntime::maintenanceCancel));
    }

    /** Applied to every relationship; the first answer that is not a success, else the last one. */
    private static CommandResponse everyRelationship(Relationships rs, java.util.function.Function<HaRuntime, CommandResponse> c) {
        CommandResponse last = null;
        for (HaRuntime r : rs.all()) {
            last = c.apply(r);
            if (last.result() != ResultCode.SUCCESS) {
                return last;
            }
        }
        return last;
    }
}
