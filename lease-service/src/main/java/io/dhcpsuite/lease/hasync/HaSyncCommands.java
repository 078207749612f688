package io.dhcpsuite.lease.hasync;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange.Origin;
import io.dhcpsuite.lease.store.LeaseStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The internal commands of HA lease synchronisation (suite extensions, unlisted; ha-service is
 * their only caller):
 * <ul>
 * <li>{@code ha-sync-page {"after": {"cltt", "ip-address"}?, "limit"}}: up to {@code limit}
 * leases after the key in (cltt, address) order, and this server's clock ({@code now}, seconds).
 * A partner's ha-service passes it through its HA listener. A lease that changes gets the time of
 * the change as its cltt and so moves to the end of the order: paging through it while the server
 * keeps serving misses no change that a final pass from the sync's start time does not see.</li>
 * <li>{@code ha-sync-apply {"leases": [...], "partner"?, "cursor"?}}: Kea's sync rule for a whole
 * page, in one transaction of origin {@code HA_PARTNER} (so nothing goes back to the partner as a
 * lease update): a lease absent here is added, one whose local cltt is older is replaced, any
 * other is kept. A lease that does not parse is skipped and named in the log (Kea logs
 * HA_LEASE_SYNC_FAILED and goes on). Once the page is durable the partner's {@code cursor} is
 * saved.</li>
 * <li>{@code ha-sync-cursor-get {"partner"}}: the saved cursor, or result 3.</li>
 * </ul>
 */
public final class HaSyncCommands {
    private static final Logger log = LoggerFactory.getLogger(HaSyncCommands.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A page is one transaction under the store's lock: bounded, so DHCP never waits long for it. */
    static final int MAX_PAGE = 100_000;

    private final AllocationEngine engine;
    private final LeaseStore store;
    private final SyncCursors cursors;

    /** How a page was applied. */
    public record Applied(int added, int updated, int kept, int skipped) {
    }

    HaSyncCommands(AllocationEngine engine, SyncCursors cursors) {
        this.engine = engine;
        this.store = engine.store();
        this.cursors = cursors;
    }

    public static void register(CommandDispatcher d, AllocationEngine engine, SyncCursors cursors) {
        HaSyncCommands c = new HaSyncCommands(engine, cursors);
        d.registerUnlisted("ha-sync-page", c::page);
        d.registerUnlisted("ha-sync-apply", c::apply);
        d.registerUnlisted("ha-sync-cursor-get", c::cursorGet);
    }

    CommandResponse page(JsonNode a) {
        JsonNode limit = a.get("limit");
        if (limit == null || !limit.isIntegralNumber() || limit.asLong() <= 0 || limit.asLong() > MAX_PAGE) {
            throw CommandException.badArgument("'limit' must be an integer from 1 to " + MAX_PAGE);
        }
        SyncCursor after = a.has("after") ? cursor(a.get("after"), "after") : null;
        List<Lease> page = store.read(v -> after == null ? v.changedSince(0, null, limit.asInt())
                : v.changedSince(after.cltt(), after.address(), limit.asInt()));
        ObjectNode args = JSON.createObjectNode();
        ArrayNode arr = args.putArray("leases");
        for (Lease l : page) {
            arr.add(JSON.<JsonNode>valueToTree(l.toLease4()));
        }
        args.put("count", page.size());
        args.put("now", engine.clock().millis() / 1000);
        return CommandResponse.success(page.size() + " IPv4 lease(s) found.", args);
    }

    CommandResponse apply(JsonNode a) {
        JsonNode leases = a.get("leases");
        if (leases == null || !leases.isArray()) {
            throw CommandException.badArgument("'leases' is mandatory and must be a list");
        }
        if (leases.size() > MAX_PAGE) {
            throw CommandException.badArgument("'leases' holds " + leases.size() + " leases; at most " + MAX_PAGE);
        }
        String partner = null;
        SyncCursor cursor = null;
        if (a.has("cursor")) {
            JsonNode p = a.get("partner");
            if (p == null || !p.isString() || p.asString().isBlank()) {
                throw CommandException.badArgument("'partner' is mandatory with 'cursor' and must be a server name");
            }
            partner = p.asString();
            cursor = cursor(a.get("cursor"), "cursor");
        }
        List<Lease> parsed = new ArrayList<>(leases.size());
        int skipped = 0;
        for (JsonNode n : leases) {
            try {
                parsed.add(SyncLeases.parse(n));
            } catch (IllegalArgumentException e) {
                skipped++;
                log.warn("HA_LEASE_SYNC_FAILED skipping lease {} from the partner: {}", n.path("ip-address").asString("?"),
                        e.getMessage());
            }
        }
        Applied applied = applyAll(parsed, skipped);
        if (partner != null) {
            cursors.put(partner, cursor);
        }
        ObjectNode args = JSON.createObjectNode();
        args.put("added", applied.added());
        args.put("updated", applied.updated());
        args.put("kept", applied.kept());
        args.put("skipped", applied.skipped());
        return CommandResponse.success((applied.added() + applied.updated()) + " IPv4 lease(s) applied, "
                + applied.kept() + " kept, " + applied.skipped() + " skipped.", args);
    }

    /** Kea's sync rule over the page in one transaction; returns once the changes are durable. */
    Applied applyAll(List<Lease> page, int skipped) {
        LeaseStore.Committed<int[]> done = store.transact(Origin.HA_PARTNER, tx -> {
            int[] n = new int[3];
            for (Lease l : page) {
                Lease ours = tx.get(l.address());
                if (ours == null) {
                    tx.put(l);
                    n[0]++;
                } else if (ours.cltt() < l.cltt()) {
                    tx.put(l);
                    n[1]++;
                } else {
                    n[2]++;
                }
            }
            return n;
        });
        try {
            done.done().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw CommandException.badArgument("lease database write failed: " + e);
        }
        int[] n = done.value();
        return new Applied(n[0], n[1], n[2], skipped);
    }

    CommandResponse cursorGet(JsonNode a) {
        JsonNode p = a.get("partner");
        if (p == null || !p.isString()) {
            throw CommandException.badArgument("'partner' is mandatory and must be a server name");
        }
        SyncCursor c = cursors.get(p.asString());
        if (c == null) {
            return CommandResponse.empty("no sync cursor for " + p.asString());
        }
        return CommandResponse.success("sync cursor for " + p.asString() + " returned", c.toJson());
    }

    private static SyncCursor cursor(JsonNode n, String name) {
        try {
            return SyncCursor.fromJson(n, name);
        } catch (IllegalArgumentException e) {
            throw CommandException.badArgument(e.getMessage());
        }
    }
}
