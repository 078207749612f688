package io.dhcpsuite.lease.ha;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Between ha-service and lease-service (unlisted): {@code ha-lease-updates-set {"send": bool,
 * "queue": bool}} (send: to the partner, replies gated; queue: into the communication-recovery
 * backlog; neither: not sent, counted as unsent), {@code ha-lease-updates-status}, which hands
 * over the outcomes since the last call, and {@code ha-lease-updates-flush}, which sends the
 * backlog and answers once it is empty (result 0) or failed (result 1). A server that sends no
 * updates (no partner, a backup) accepts the set as a no-op, so ha-service needs no special case.
 * Each takes an optional {@code server-name}: a server of the relationship it is about (a hub has
 * several); without it, the first.
 */
public final class HaLeaseUpdateCommands {
    private HaLeaseUpdateCommands() {
    }

    public static void register(CommandDispatcher d, HaLeaseUpdates updates) {
        register(d, serverName -> updates);
    }

    public static void register(CommandDispatcher d, HaLeaseUpdateRelationships relationships) {
        register(d, relationships::relationship);
    }

    private static void register(CommandDispatcher d, java.util.function.Function<String, HaLeaseUpdates> byServer) {
        d.registerUnlisted("ha-lease-updates-set", a -> {
            HaLeaseUpdates updates = of(byServer, a);
            HaLeaseUpdates.Mode m = a.path("send").asBoolean(false) ? HaLeaseUpdates.Mode.SEND
                    : a.path("queue").asBoolean(false) ? HaLeaseUpdates.Mode.QUEUE : HaLeaseUpdates.Mode.OFF;
            updates.mode(m);
            return CommandResponse.success("HA lease updates to the partner: " + updates.mode().name().toLowerCase() + ".");
        });
        d.registerUnlisted("ha-lease-updates-status", a -> CommandResponse.success(null, of(byServer, a).collect()));
        d.registerUnlisted("ha-lease-updates-flush", a -> {
            HaLeaseUpdates updates = of(byServer, a);
            long timeout = a.path("timeout").asLong(60_000);
            try {
                boolean ok = updates.flushBacklog().get(timeout, TimeUnit.MILLISECONDS);
                return ok ? CommandResponse.success("lease update backlog sent.")
                        : CommandResponse.error("lease update backlog not sent: it overflowed or the partner failed");
            } catch (TimeoutException e) {
                throw new CommandException(ResultCode.ERROR, "lease update backlog not sent within " + timeout + " ms");
            } catch (ExecutionException e) {
                throw new CommandException(ResultCode.ERROR, "lease update backlog not sent: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandException(ResultCode.ERROR, "interrupted");
            }
        });
    }

    private static HaLeaseUpdates of(java.util.function.Function<String, HaLeaseUpdates> byServer,
                                     tools.jackson.databind.JsonNode a) {
        tools.jackson.databind.JsonNode n = a == null ? null : a.get("server-name");
        if (n != null && !n.isNull() && (!n.isString() || n.asString().isEmpty())) {
            throw CommandException.badArgument("'server-name' must be a non-empty string");
        }
        try {
            return byServer.apply(n == null || n.isNull() ? null : n.asString());
        } catch (IllegalArgumentException e) {
            throw CommandException.badArgument(e.getMessage());
        }
    }
}
