package io.dhcpsuite.lease.hasync;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.lease.store.LeaseChange.Origin;
import io.dhcpsuite.lease.v6.Allocation6Engine;
import io.dhcpsuite.lease.v6.Lease6Key;
import io.dhcpsuite.lease.v6.Lease6Store;
import io.dhcpsuite.lease.v6.command.Lease6Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ha-sync-apply} for the DHCPv6 service (with {@code "service": ["dhcp6"]}): a page of the
 * partner's {@code lease6-get-page} under Kea's sync rule, as {@link HaSyncCommands} applies a
 * v4 page: a lease absent here is added, one whose local cltt is older is replaced, any other is
 * kept, in one transaction of origin {@code HA_PARTNER} (nothing goes back to the partner); a
 * lease that does not parse is skipped and logged. The v6 sync is Kea's (address-ordered pages),
 * so there is no cursor.
 */
public final class HaSyncCommands6 {
    private static final Logger log = LoggerFactory.getLogger(HaSyncCommands6.class);
    private final Allocation6Engine engine;

    private HaSyncCommands6(Allocation6Engine engine) {
        this.engine = engine;
    }

    public static void register(CommandDispatcher d, Allocation6Engine engine) {
        d.registerUnlisted("ha-sync-apply", new HaSyncCommands6(engine)::apply);
    }

    CommandResponse apply(JsonNode a) {
        JsonNode leases = a.get("leases");
        if (leases == null || !leases.isArray()) {
            throw CommandException.badArgument("'leases' is mandatory and must be a list");
        }
        if (leases.size() > HaSyncCommands.MAX_PAGE) {
            throw CommandException.badArgument("'leases' holds " + leases.size() + " leases; at most " + HaSyncCommands.MAX_PAGE);
        }
        List<Lease6> parsed = new ArrayList<>(leases.size());
        int skipped = 0;
        for (JsonNode n : leases) {
            try {
                parsed.add(Lease6Commands.parse(engine, withExpire(n)));
            } catch (CommandException | IllegalArgumentException e) {
                skipped++;
                log.warn("HA_LEASE_SYNC_FAILED skipping lease {} from the partner: {}", n.path("ip-address").asString("?"),
                        e.getMessage());
            }
        }
        Lease6Store.Committed<int[]> done = engine.store().transact(Origin.HA_PARTNER, tx -> {
            int[] c = new int[3];
            for (Lease6 l : parsed) {
                Lease6 ours = tx.get(Lease6Key.of(l));
                if (ours == null) {
                    tx.put(l);
                    c[0]++;
                } else if (ours.cltt() < l.cltt()) {
                    tx.put(l);
                    c[1]++;
                } else {
                    c[2]++;
                }
            }
            return c;
        });
        try {
            done.done().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw CommandException.badArgument("lease database write failed: " + e);
        }
        int[] c = done.value();
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("added", c[0]);
        args.put("updated", c[1]);
        args.put("kept", c[2]);
        args.put("skipped", skipped);
        return CommandResponse.success((c[0] + c[1]) + " IPv6 lease(s) applied, " + c[2] + " kept, " + skipped + " skipped.",
                args);
    }

    /** lease6-get-page gives {@code cltt}; the lease parser reads Kea's {@code expire} (cltt + valid-lft). */
    private static JsonNode withExpire(JsonNode n) {
        if (!n.isObject() || n.has("expire") || !n.has("cltt")) {
            return n;
        }
        ObjectNode o = ((ObjectNode) n).deepCopy();
        o.put("expire", o.get("cltt").asLong() + o.path("valid-lft").asLong());
        o.remove("cltt");
        return o;
    }
}
