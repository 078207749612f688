package io.dhcpsuite.lease.ha;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandResponse;

/**
 * Between ha-service and lease-service (unlisted): {@code ha-lease-updates-set {"send": bool}} and
 * {@code ha-lease-updates-status}, which hands over the outcomes since the last call.
 */
public final class HaLeaseUpdateCommands {
    private HaLeaseUpdateCommands() {
    }

    public static void register(CommandDispatcher d, HaLeaseUpdates updates) {
        d.registerUnlisted("ha-lease-updates-set", a -> {
            if (!updates.active()) {
                return CommandResponse.error("lease updates to an HA partner are not configured");
            }
            updates.sending(a.path("send").asBoolean(false));
            return CommandResponse.success("HA lease updates " + (updates.sending() ? "on." : "off."));
        });
        d.registerUnlisted("ha-lease-updates-status", a -> CommandResponse.success(null, updates.collect()));
    }
}
