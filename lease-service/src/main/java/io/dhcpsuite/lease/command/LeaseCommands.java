package io.dhcpsuite.lease.command;

import static io.dhcpsuite.lease.command.LeaseCommandArgs.allowedLeaseFile;
import static io.dhcpsuite.lease.command.LeaseCommandArgs.await;
import static io.dhcpsuite.lease.command.LeaseCommandArgs.hostname;
import static io.dhcpsuite.lease.command.LeaseCommandArgs.hostnameForFqdn;
import static io.dhcpsuite.lease.command.LeaseCommandArgs.octetsAtMost;
import static io.dhcpsuite.lease.command.LeaseCommandArgs.page;
import static io.dhcpsuite.lease.command.LeaseCommandArgs.parameter;
import static io.dhcpsuite.lease.command.LeaseCommandArgs.string;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.Pool4;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.config.Scopes;
import io.dhcpsuite.lease.ddns.LeaseDdns;
import io.dhcpsuite.lease.memfile.LeaseCsv;
import io.dhcpsuite.lease.memfile.MemfileBackend;
import io.dhcpsuite.lease.reclamation.Reclaimer;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange.Origin;
import io.dhcpsuite.lease.store.LeaseStore;
import io.dhcpsuite.lease.store.LeaseView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lease_cmds hook's IPv4 commands and leases-reclaim, with Kea's texts (lease_cmds.cc).
 * Changes are lease store transactions of origin COMMAND, made durable and published like the hot
 * path's, and the answer leaves once they are durable.
 */
public final class LeaseCommands {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AllocationEngine engine;
    private final LeaseStore store;
    private final LeaseBackend backend;
    private final LeaseDdns ddns;
    private final Runnable wiped;

    private LeaseCommands(AllocationEngine engine, LeaseBackend backend, LeaseDdns ddns, Runnable wiped) {
        this.engine = engine;
        this.store = engine.store();
        this.backend = backend;
        this.ddns = ddns;
        this.wiped = wiped;
    }

    public static void register(CommandDispatcher d, AllocationEngine engine, Reclaimer reclaimer, LeaseBackend backend) {
        register(d, engine, reclaimer, backend, LeaseDdns.disabled(engine.config()));
    }

    public static void register(CommandDispatcher d, AllocationEngine engine, Reclaimer reclaimer, LeaseBackend backend,
                                LeaseDdns ddns) {
        register(d, engine, reclaimer, backend, ddns, () -> { });
    }

    /** @param wiped run after lease4-wipe deleted leases (HA sync cursors no longer hold) */
    public static void register(CommandDispatcher d, AllocationEngine engine, Reclaimer reclaimer, LeaseBackend backend,
                                LeaseDdns ddns, Runnable wiped) {
        LeaseCommands c = new LeaseCommands(engine, backend, ddns, wiped);
        d.register("leases-reclaim", a -> {
            // ctrl_dhcp4_srv.cc commandLeasesReclaimHandler
            JsonNode remove = a.get("remove");
            if (remove == null) {
                throw CommandException.badArgument("Missing mandatory 'remove' parameter.");
            }
            if (!remove.isBoolean()) {
                throw CommandException.badArgument("'remove' parameter expected to be a boolean.");
            }
            await(reclaimer.reclaim(0, 0, remove.asBoolean()).durable());
            return CommandResponse.success("Reclamation of expired leases is complete.");
        });
        d.register("lease4-get", c::get);
        d.register("lease4-get-all", c::getAll);
        d.register("lease4-get-page", c::getPage);
        d.register("lease4-get-by-hw-address", a -> {
            String hw = hex(parameter(a, "hw-address"), "hw-address");
            return c.list(v -> v.byHwAddress(hw));
        });
        d.register("lease4-get-by-client-id", a -> {
            String cid = clientId(parameter(a, "client-id"));
            return c.list(v -> v.byClientId(cid));
        });
        d.register("lease4-get-by-hostname", a -> {
            String h = hostname(a);
            return c.list(v -> v.byHostname(h));
        });
        d.register("lease4-get-by-state", c::getByState);
        d.register("lease4-del", c::del);
        d.register("lease4-add", a -> c.addOrUpdate(a, false));
        d.register("lease4-update", a -> c.addOrUpdate(a, true));
        d.register("lease4-bulk-apply", c::bulkApply);
        d.register("lease4-wipe", c::wipe);
        d.register("lease4-resend-ddns", c::resendDdns);
        if (backend instanceof MemfileBackend) {
            d.register("lease4-write", c::write);
        } else {
            // Kea's SQL lease managers throw NotImplemented here, which lease_cmds answers as 1.
            d.register("lease4-write", a -> CommandResponse.error("PgSqlLeaseMgr::writeLeases4() not implemented"));
        }
    }

    private CommandResponse get(JsonNode a) {
        Lease l = store.read(v -> find(v, a));
        if (l == null) {
            return CommandResponse.empty("Lease not found.");
        }
        return CommandResponse.success("IPv4 lease found.", JSON.valueToTree(l.toLease4()));
    }

    /** By ip-address, or by identifier-type + identifier + subnet-id. */
    private static Lease find(LeaseView v, JsonNode a) {
        if (a.has("ip-address")) {
            return v.get(address(a));
        }
        if (!a.has("identifier-type") || !a.has("identifier") || !a.has("subnet-id")) {
            throw CommandException.badArgument("Mandatory 'ip-address' or ('identifier-type', 'identifier', 'subnet-id') parameters missing");
        }
        String type = string(a, "identifier-type");
        String id = hex(a, "identifier");
        long subnet = a.get("subnet-id").asLong();
        return switch (type) {
            case "hw-address" -> v.byHwAddress(subnet, id);
            case "client-id" -> v.byClientId(subnet, id);
            default -> throw CommandException.badArgument("Identifier type " + type + " is not supported.");
        };
    }

    private CommandResponse getAll(JsonNode a) {
        JsonNode subnets = a.get("subnets");
        if (subnets != null && !subnets.isArray()) {
            throw CommandException.badArgument("'subnets' parameter must be a list");
        }
        return list(v -> {
            if (subnets == null) {
                return new ArrayList<>(v.all());
            }
            List<Lease> out = new ArrayList<>();
            for (JsonNode s : subnets) {
                out.addAll(v.bySubnet(s.asLong()));
            }
            return out;
        });
    }

    private CommandResponse getPage(JsonNode a) {
        LeaseCommandArgs.Page p = page(a);
        Integer after = null;
        if (!p.fromStart()) {
            after = Ipv4.tryParse(p.from());
            if (after == null) {
                throw CommandException.badArgument("'from' parameter value " + p.from() + " is neither 'start' nor a valid IPv4 address");
            }
            if (after == 0) {
                after = null;
            }
        }
        Integer start = after;
        List<Lease> page = store.read(v -> v.page(start, p.limit()));
        ObjectNode args = leases(page);
        args.put("count", page.size());
        String text = page.size() + " IPv4 lease(s) found.";
        return page.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    /**
     * lease4-get-by-state (Kea 3.1.5): {@code state} as a number or a name, {@code subnet-id}
     * optional (0 = all). An unknown number is no error, just no leases, as in Kea.
     */
    private CommandResponse getByState(JsonNode a) {
        JsonNode st = a.get("state");
        if (st == null) {
            throw CommandException.badArgument("'state' parameter not specified");
        }
        long state;
        if (st.isIntegralNumber()) {
            state = st.asLong();
        } else if (st.isString()) {
            state = switch (st.asString()) {
                case "default", "assigned" -> LeaseState.DEFAULT;
                case "declined" -> LeaseState.DECLINED;
                case "expired-reclaimed" -> LeaseState.EXPIRED_RECLAIMED;
                case "released" -> LeaseState.RELEASED;
                case "registered" -> LeaseState.REGISTERED;
                default -> throw CommandException.badArgument("'state' parameter value (" + st.asString() + ") is not recognized");
            };
        } else {
            throw CommandException.badArgument("'state' parameter must be a number or a string");
        }
        JsonNode sid = a.get("subnet-id");
        if (sid != null && !sid.isIntegralNumber()) {
            throw CommandException.badArgument("'subnet-id' parameter must be a number");
        }
        long subnet = sid == null ? 0 : sid.asLong();
        List<Lease> found = store.read(v -> {
            List<Lease> out = new ArrayList<>();
            for (Lease l : subnet == 0 ? v.all() : v.bySubnet(subnet)) {
                if (l.state() == state) {
                    out.add(l);
                }
            }
            return out;
        });
        String text = found.size() + " IPv4 lease(s) found with state " + state + ".";
        ObjectNode args = leases(found);
        return found.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    private CommandResponse list(Function<LeaseView, List<Lease>> query) {
        List<Lease> found = store.read(query);
        String text = found.size() + " IPv4 lease(s) found.";
        ObjectNode args = leases(found);
        return found.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    private static ObjectNode leases(List<Lease> leases) {
        ObjectNode args = JSON.createObjectNode();
        ArrayNode arr = args.putArray("leases");
        for (Lease l : leases) {
            arr.add(JSON.<JsonNode>valueToTree(l.toLease4()));
        }
        return args;
    }

    private CommandResponse del(JsonNode a) {
        JsonNode u = a.get("update-ddns");
        if (u != null && !u.isBoolean()) {
            throw CommandException.badArgument("'update-ddns' parameter must be a boolean");
        }
        boolean updateDdns = u != null && u.asBoolean();
        LeaseStore.Committed<Lease> deleted = store.transact(Origin.COMMAND, tx -> {
            Lease l = find(tx, a);
            if (l == null) {
                return null;
            }
            if (updateDdns) {
                ddns.remove(l);
            }
            tx.remove(l.address());
            return l;
        });
        if (deleted.value() == null) {
            return CommandResponse.empty("IPv4 lease not found.");
        }
        await(deleted.done());
        return CommandResponse.success("IPv4 lease deleted.");
    }

    /** lease_cmds.cc lease4ResendDdnsHandler: 3 no lease, 4 DDNS off or nothing to update. */
    private CommandResponse resendDdns(JsonNode a) {
        int addr = address(a);
        Lease l = store.read(v -> v.get(addr));
        String text = Ipv4.format(addr);
        if (l == null) {
            return CommandResponse.empty("No lease found for: " + text);
        }
        if (!ddns.enabled()) {
            throw new CommandException(ResultCode.CONFLICT, "DDNS updating is not enabled");
        }
        if (!LeaseDdns.hasDnsData(l)) {
            throw new CommandException(ResultCode.CONFLICT, "Lease for: " + text + ", has no hostname, nothing to update");
        }
        ddns.add(l);
        return CommandResponse.success("NCR generated for: " + text + ", hostname: " + l.hostname());
    }

    private CommandResponse addOrUpdate(JsonNode a, boolean update) {
        Lease lease = parseLease(a);
        boolean force = a.path("force-create").asBoolean(false);
        LeaseStore.Committed<String> done = store.transact(Origin.COMMAND, tx -> {
            Lease old = tx.get(lease.address());
            if (!update && old != null) {
                throw new CommandException(ResultCode.CONFLICT, "IPv4 lease already exists.");
            }
            if (update && old == null && !force) {
                throw new CommandException(ResultCode.EMPTY, "failed to update the lease with address "
                        + lease.addressText() + " - no such lease");
            }
            // assigned-addresses and declined-addresses follow through the index listener, as Kea's
            // updateStatsOnAdd/OnUpdate do; cumulative-assigned-addresses counts allocations only
            tx.put(lease);
            return !update ? "Lease for address " + lease.addressText() + ", subnet-id " + lease.subnetId() + " added."
                    : old == null ? "IPv4 lease added." : "IPv4 lease updated.";
        });
        await(done.done());
        return CommandResponse.success(done.value());
    }

    /**
     * {@code lease4-bulk-apply}: the IPv4 counterpart of Kea's {@code lease6-bulk-apply} (Kea has no
     * v4 one; a suite HA partner sends its lease updates this way, docs/high-availability.md).
     * {@code deleted-leases} are deleted by {@code ip-address}, then {@code leases} are stored as
     * {@code lease4-update} with {@code force-create} stores them, all in one transaction that is durable
     * before the answer. A lease that does not parse, or a deleted one that is not there (result 3),
     * is named in {@code failed-leases}/{@code failed-deleted-leases} with its result and message,
     * as Kea answers lease6-bulk-apply; the others are applied. With {@code origin: "ha-partner"}
     * the changes are the partner's (origin HA_PARTNER), otherwise a command's: neither is sent to
     * a partner.
     */
    private CommandResponse bulkApply(JsonNode a) {
        JsonNode leases = a.get("leases");
        JsonNode deleted = a.get("deleted-leases");
        if (leases == null && deleted == null) {
            throw CommandException.badArgument("neither 'deleted-leases' nor 'leases' parameter specified");
        }
        if (leases != null && !leases.isArray()) {
            throw CommandException.badArgument("'leases' parameter must be a list");
        }
        if (deleted != null && !deleted.isArray()) {
            throw CommandException.badArgument("'deleted-leases' parameter must be a list");
        }
        ArrayNode failedLeases = JSON.createArrayNode();
        ArrayNode failedDeleted = JSON.createArrayNode();
        List<Lease> puts = new ArrayList<>();
        List<Integer> dels = new ArrayList<>();
        List<JsonNode> delNodes = new ArrayList<>();
        for (JsonNode n : leases == null ? JSON.createArrayNode() : leases) {
            try {
                if (!n.isObject()) {
                    throw CommandException.badArgument("a lease must be a map");
                }
                puts.add(parseLease(n));
            } catch (CommandException e) {
                failed(failedLeases, n, e.result(), e.getMessage());
            }
        }
        for (JsonNode n : deleted == null ? JSON.createArrayNode() : deleted) {
            try {
                if (!n.isObject()) {
                    throw CommandException.badArgument("a lease must be a map");
                }
                dels.add(address(n));
                delNodes.add(n);
            } catch (CommandException e) {
                failed(failedDeleted, n, e.result(), e.getMessage());
            }
        }
        Origin origin = "ha-partner".equals(a.path("origin").asString("")) ? Origin.HA_PARTNER : Origin.COMMAND;
        LeaseStore.Committed<boolean[]> done = store.transact(origin, tx -> {
            // deletions first, then the leases, as Kea's lease6-bulk-apply
            boolean[] missing = new boolean[dels.size()];
            for (int i = 0; i < dels.size(); i++) {
                if (tx.get(dels.get(i)) == null) {
                    missing[i] = true;
                } else {
                    tx.remove(dels.get(i));
                }
            }
            for (Lease l : puts) {
                tx.put(l);
            }
            return missing;
        });
        await(done.done());
        int applied = puts.size();
        for (int i = 0; i < dels.size(); i++) {
            if (done.value()[i]) {
                failed(failedDeleted, delNodes.get(i), ResultCode.EMPTY, "lease not found");
            } else {
                applied++;
            }
        }
        String text = "Bulk apply of " + applied + " IPv4 leases completed.";
        if (failedLeases.isEmpty() && failedDeleted.isEmpty()) {
            return CommandResponse.success(text);
        }
        ObjectNode args = JSON.createObjectNode();
        args.set("failed-deleted-leases", failedDeleted);
        args.set("failed-leases", failedLeases);
        return CommandResponse.success(text, args);
    }

    private static void failed(ArrayNode list, JsonNode lease, int result, String message) {
        ObjectNode f = list.addObject();
        JsonNode ip = lease.path("ip-address");
        if (ip.isString()) {
            f.put("ip-address", ip.asString());
        }
        f.put("result", result);
        f.put("error-message", message);
    }

    /** Kea's Lease4 parser (lease_parser.cc): mandatory ip-address and hw-address, the rest optional. */
    private Lease parseLease(JsonNode a) {
        int addr = address(a);
        String hw = octetsAtMost(hex(a, "hw-address"), LeaseCsv.MAX_HWADDR, "hw-address");
        long subnetId = a.path("subnet-id").asLong(0);
        Subnet4 s;
        if (subnetId == 0) {
            s = Scopes.subnetContaining(engine.config(), addr);
            if (s == null) {
                throw new CommandException(ResultCode.CONFLICT, "subnet-id not specified and failed to find a subnet for address "
                        + Ipv4.format(addr));
            }
        } else {
            s = engine.subnet(subnetId);
            if (s == null) {
                throw new CommandException(ResultCode.CONFLICT, "Invalid subnet-id: No IPv4 subnet with subnet-id="
                        + subnetId + " currently configured.");
            }
            if (!s.contains(addr)) {
                throw new CommandException(ResultCode.CONFLICT, "The address " + Ipv4.format(addr) + " does not belong to subnet "
                        + Ipv4.format(s.prefix()) + "/" + s.prefixLength() + ", subnet-id=" + subnetId);
            }
        }
        String cid = a.has("client-id") ? octetsAtMost(hex(a, "client-id"), LeaseCsv.MAX_CLIENT_ID, "client-id") : null;
        long valid = a.has("valid-lft") ? a.get("valid-lft").asLong() : s.lifetimes().valid();
        long now = engine.clock().millis() / 1000;
        long cltt = a.has("expire") ? a.get("expire").asLong() - valid : now;
        String host = a.path("hostname").asString("");
        boolean fwd = a.path("fqdn-fwd").asBoolean(false);
        boolean rev = a.path("fqdn-rev").asBoolean(false);
        hostnameForFqdn(host, fwd, rev);
        int state = a.path("state").asInt(0);
        if (state < 0 || state > 3) {
            throw CommandException.badArgument("Invalid state value: " + state + ", supported values are: 0, 1, 2 and 3");
        }
        JsonNode ctx = a.get("user-context");
        if (ctx != null && !ctx.isObject()) {
            throw CommandException.badArgument("Invalid user context '" + ctx + "' is not a JSON map.");
        }
        Pool4 pool = Scopes.poolContaining(s, addr);
        long poolId = a.has("pool-id") ? a.get("pool-id").asLong() : pool == null ? 0 : pool.poolId();
        return new Lease(addr, hw, cid, valid, cltt, s.id(), poolId, fwd, rev, host, state,
                ctx == null ? null : ctx.toString());
    }

    /** Kea's lease4WipeHandler: one subnet, or each configured subnet in turn, named in the text. */
    private CommandResponse wipe(JsonNode a) {
        long subnet = a.path("subnet-id").asLong(0);
        List<Long> ids = new ArrayList<>();
        if (subnet != 0) {
            ids.add(subnet);
        } else {
            engine.config().subnets().forEach(s -> ids.add(s.id()));
        }
        LeaseStore.Committed<Void> wiped = store.transact(Origin.COMMAND, tx -> {
            for (long id : ids) {
                for (Lease l : tx.bySubnet(id)) {
                    tx.remove(l.address());
                }
            }
            return null;
        });
        await(wiped.done());
        int[] n = {wiped.changes().size()};
        if (n[0] > 0) {
            this.wiped.run();
        }
        StringBuilder text = new StringBuilder("Deleted " + n[0] + " IPv4 lease(s) from subnet(s)");
        ids.forEach(id -> text.append(' ').append(id));
        return n[0] == 0 ? CommandResponse.empty(text.toString()) : CommandResponse.success(text.toString());
    }

    private CommandResponse write(JsonNode a) {
        String name = string(a, "filename");
        MemfileBackend m = (MemfileBackend) backend;
        Path target = allowedLeaseFile(name, m.file());
        try {
            if (m.persist() && target.equals(m.file().toAbsolutePath().normalize())) {
                m.compact(engine::leasesByPage);
            } else {
                // a point-in-time copy, compact (not a million Lease objects), written without the lock
                MemfileBackend.dumpReplacing(target, store.read(LeaseView::copy).all());
            }
        } catch (Exception e) {
            throw CommandException.badArgument("failed to write lease file " + name + ": " + e.getMessage());
        }
        return CommandResponse.success("IPv4 lease database into '" + name + "'.");
    }

    private static int address(JsonNode a) {
        String text = string(a, "ip-address");
        Integer addr = Ipv4.tryParse(text);
        if (addr == null) {
            throw CommandException.badArgument("Failed to convert '" + text + "' to address: not a valid IPv4 address");
        }
        return addr;
    }

    private static String hex(JsonNode a, String key) {
        return hex(string(a, key), key);
    }

    private static String hex(String text, String key) {
        try {
            String h = Lease.hexId(text);
            if (h == null) {
                throw CommandException.badArgument("'" + key + "' parameter is empty");
            }
            return h;
        } catch (IllegalArgumentException e) {
            throw CommandException.badArgument("invalid " + key + ": " + e.getMessage());
        }
    }

    /** RFC 2132 9.14: a client identifier has at least 2 bytes; Kea refuses shorter ones. */
    private static String clientId(String text) {
        String cid = text.isBlank() ? "" : hex(text, "client-id");
        int bytes = cid.isEmpty() ? 0 : (cid.length() + 1) / 3;
        if (bytes < 2) {
            throw CommandException.badArgument("identifier is too short (" + bytes + "), at least 2 is required");
        }
        return cid;
    }

}
