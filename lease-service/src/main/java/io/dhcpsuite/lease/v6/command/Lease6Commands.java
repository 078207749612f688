package io.dhcpsuite.lease.v6.command;

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
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.config.PdPool6;
import io.dhcpsuite.config.Pool6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Subnet6;
import io.dhcpsuite.lease.command.LeaseCommandArgs;
import io.dhcpsuite.lease.store.LeaseChange.Origin;
import io.dhcpsuite.lease.v6.Allocation6Engine;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6Ddns;
import io.dhcpsuite.lease.v6.Lease6Index;
import io.dhcpsuite.lease.v6.Lease6Key;
import io.dhcpsuite.lease.v6.Lease6Store;
import io.dhcpsuite.lease.v6.memfile.Lease6Csv;
import io.dhcpsuite.lease.v6.memfile.Memfile6Backend;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lease_cmds hook's IPv6 commands with Kea's texts and result codes (lease6-add, -get, -get-all,
 * -get-page, -get-by-duid, -get-by-hostname, -del, -update, -bulk-apply, -wipe, -resend-ddns,
 * -write). Changes are v6 store transactions of origin COMMAND, answered once durable.
 */
public final class Lease6Commands {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Allocation6Engine engine;
    private final Lease6Store store;
    private final Lease6Backend backend;
    private final Lease6Ddns ddns;

    private Lease6Commands(Allocation6Engine engine, Lease6Backend backend, Lease6Ddns ddns) {
        this.engine = engine;
        this.store = engine.store();
        this.backend = backend;
        this.ddns = ddns;
    }

    public static void register(CommandDispatcher d, Allocation6Engine engine, Lease6Backend backend, Lease6Ddns ddns) {
        Lease6Commands c = new Lease6Commands(engine, backend, ddns);
        d.register("lease6-get", c::get);
        d.register("lease6-get-all", c::getAll);
        d.register("lease6-get-page", c::getPage);
        d.register("lease6-get-by-duid", a -> {
            String duid = hex(parameter(a, "duid"), "duid");
            return c.list(i -> i.byDuid(duid));
        });
        d.register("lease6-get-by-hostname", a -> {
            String h = hostname(a);
            return c.list(i -> i.byHostname(h));
        });
        d.register("lease6-add", a -> c.addOrUpdate(a, false));
        d.register("lease6-update", a -> c.addOrUpdate(a, true));
        d.register("lease6-del", c::del);
        d.register("lease6-bulk-apply", c::bulkApply);
        d.register("lease6-wipe", c::wipe);
        d.register("lease6-resend-ddns", c::resendDdns);
        if (backend instanceof Memfile6Backend) {
            d.register("lease6-write", c::write);
        } else {
            d.register("lease6-write", a -> CommandResponse.error("PgSqlLeaseMgr::writeLeases6() not implemented"));
        }
    }

    // ------------------------------------------------------------------ reads

    private CommandResponse get(JsonNode a) {
        Lease6 l = store.read(i -> find(i, a));
        if (l == null) {
            return CommandResponse.empty("Lease not found.");
        }
        return CommandResponse.success("IPv6 lease found.", json(l));
    }

    /** By ip-address [+ type], or by identifier-type duid + identifier + iaid + subnet-id [+ type]. */
    private static Lease6 find(Lease6Index i, JsonNode a) {
        int type = type(a);
        if (a.has("ip-address")) {
            return i.get(new Lease6Key(address(a), type));
        }
        if (!a.has("identifier-type") || !a.get("identifier-type").isString()) {
            throw CommandException.badArgument(
                    "No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        }
        if (!a.has("subnet-id")) {
            throw CommandException.badArgument("Mandatory 'subnet-id' parameter missing.");
        }
        if (!a.has("identifier")) {
            throw CommandException.badArgument("No 'ip-address' provided and 'identifier', 'iaid' or 'subnet-id' missing.");
        }
        String idType = string(a, "identifier-type");
        if (!"duid".equals(idType)) {
            throw CommandException.badArgument(idType.equals("hw-address")
                    ? "Query by hw-address is not allowed in v6." : "Identifier type " + idType + " is not supported.");
        }
        String duid = hex(string(a, "identifier"), "identifier");
        // Kea takes a missing iaid as 0
        long iaid = a.has("iaid") ? uint32(a, "iaid") : 0;
        long subnet = uint32(a, "subnet-id");
        List<Lease6> found = i.binding(duid, iaid, type, subnet);
        return found.isEmpty() ? null : found.get(0);
    }

    private CommandResponse getAll(JsonNode a) {
        JsonNode subnets = a.get("subnets");
        if (subnets != null && !subnets.isArray()) {
            throw CommandException.badArgument("'subnets' parameter must be a list");
        }
        if (subnets != null) {
            for (JsonNode s : subnets) {
                if (!s.isIntegralNumber()) {
                    throw CommandException.badArgument("listed subnet identifiers must be numbers");
                }
            }
        }
        return list(i -> {
            if (subnets == null) {
                return i.all();
            }
            List<Long> ids = new ArrayList<>();
            subnets.forEach(s -> ids.add(s.asLong()));
            return byId(i, ids);
        });
    }

    /** The leases of each subnet in {@code ids}, subnet by subnet in the order given, as Kea lists them. */
    private static List<Lease6> byId(Lease6Index i, List<Long> ids) {
        List<Lease6> out = new ArrayList<>();
        for (long id : new java.util.LinkedHashSet<>(ids)) {
            for (Lease6 l : i.values()) {
                if (l.subnetId() == id) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    private CommandResponse getPage(JsonNode a) {
        LeaseCommandArgs.Page p = page(a);
        Lease6Key after = null;
        if (!p.fromStart()) {
            BigInteger addr;
            try {
                addr = Prefix6.address(p.from());
            } catch (IllegalArgumentException e) {
                if (isIpv4(p.from())) {
                    throw CommandException.badArgument("'from' parameter value " + p.from() + " is not an IPv6 address");
                }
                throw CommandException.badArgument("'from' parameter value is neither 'start' keyword nor a valid IPv6 address");
            }
            // after every lease at this address, whatever its type
            after = addr.signum() == 0 ? null : new Lease6Key(addr, Lease6Key.PD);
        }
        Lease6Key start = after;
        List<Lease6> page = store.read(i -> i.page(start, p.limit()));
        ObjectNode args = leases(page);
        args.put("count", page.size());
        String text = page.size() + " IPv6 lease(s) found.";
        return page.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    private CommandResponse list(Function<Lease6Index, List<Lease6>> query) {
        List<Lease6> found = store.read(query);
        String text = found.size() + " IPv6 lease(s) found.";
        ObjectNode args = leases(found);
        return found.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    private static ObjectNode leases(List<Lease6> leases) {
        ObjectNode args = JSON.createObjectNode();
        ArrayNode arr = args.putArray("leases");
        for (Lease6 l : leases) {
            arr.add(json(l));
        }
        return args;
    }

    /** Kea's Lease6::toElement: {@code prefix-len} only for a prefix. */
    public static ObjectNode json(Lease6 l) {
        ObjectNode n = JSON.valueToTree(l);
        // Lease6.isPrefix() is a bean property to Jackson; Kea's lease map has no "prefix"
        n.remove("prefix");
        if (!l.isPrefix()) {
            n.remove("prefix-len");
        }
        return n;
    }

    // ------------------------------------------------------------------ changes

    private CommandResponse del(JsonNode a) {
        boolean updateDdns = updateDdns(a);
        Lease6Store.Committed<Lease6> deleted = store.transact(Origin.COMMAND, tx -> {
            Lease6 l = find(tx.index(), a);
            if (l == null) {
                return null;
            }
            if (updateDdns) {
                ddns.remove(l);
            }
            tx.remove(Lease6Key.of(l));
            return l;
        });
        if (deleted.value() == null) {
            return CommandResponse.empty("IPv6 lease not found.");
        }
        await(deleted.done());
        return CommandResponse.success("IPv6 lease deleted.");
    }

    private static boolean updateDdns(JsonNode a) {
        JsonNode u = a.get("update-ddns");
        if (u != null && !u.isBoolean()) {
            throw CommandException.badArgument("'update-ddns' is not a boolean");
        }
        return u != null && u.asBoolean();
    }

    private CommandResponse addOrUpdate(JsonNode a, boolean update) {
        Lease6 lease = parseLease(a);
        JsonNode forceCreate = a.get("force-create");
        if (forceCreate != null && !forceCreate.isBoolean()) {
            throw CommandException.badArgument("invalid type specified for parameter 'force-create'");
        }
        boolean force = forceCreate != null && forceCreate.asBoolean();
        Lease6Store.Committed<String> done = store.transact(Origin.COMMAND, tx -> apply(tx, lease, update, force));
        await(done.done());
        return CommandResponse.success(done.value());
    }

    /** One add or update inside a transaction; the answer's text, or a CommandException with Kea's code. */
    private static String apply(Lease6Store.Tx tx, Lease6 lease, boolean update, boolean force) {
        Lease6Key key = Lease6Key.of(lease);
        Lease6 old = tx.get(key);
        if (!update && old != null) {
            throw new CommandException(ResultCode.CONFLICT, "IPv6 lease already exists.");
        }
        if (update && old == null && !force) {
            // kea-dhcp6 2.2 answers 1, later Kea 4 (conflict), with this text
            throw new CommandException(ResultCode.CONFLICT, "failed to update the lease with address "
                    + lease.ipAddress() + " either because the lease has been deleted or it has changed in the database, "
                    + "in both cases a retry might succeed");
        }
        if (old != null && (old.state() == LeaseState.REGISTERED) != (lease.state() == LeaseState.REGISTERED)) {
            throw CommandException.badArgument("illegal state change from " + old.state() + " to " + lease.state()
                    + " for lease " + lease.ipAddress() + ": a registered lease stays registered");
        }
        tx.put(lease);
        if (!update) {
            return lease.isPrefix()
                    ? "Lease for prefix " + lease.ipAddress() + "/" + lease.prefixLen() + ", subnet-id " + lease.subnetId() + " added."
                    : "Lease for address " + lease.ipAddress() + ", subnet-id " + lease.subnetId() + " added.";
        }
        return old == null ? "IPv6 lease added." : "IPv6 lease updated.";
    }

    /** Kea's Lease6 parser (lease_parser.cc): mandatory ip-address, duid and iaid; the rest optional. */
    /**
     * A lease map as the lease6 commands read it (Kea's rules, against {@code engine}'s subnets);
     * a {@link CommandException} with Kea's code names what is wrong.
     */
    public static Lease6 parse(Allocation6Engine engine, JsonNode a) {
        return new Lease6Commands(engine, null, null).parseLease(a);
    }

    Lease6 parseLease(JsonNode a) {
        BigInteger addr = leaseAddress(a);
        int type = leaseType(a);
        if (type == Lease6Key.TA) {
            throw CommandException.badArgument("IA_TA leases are not supported");
        }
        if (!a.has("duid")) {
            throw CommandException.badArgument("missing parameter 'duid'");
        }
        String duid = octetsAtMost(hex(string(a, "duid"), "duid"), Lease6Csv.MAX_DUID, "duid");
        if (!a.has("iaid")) {
            throw CommandException.badArgument("missing parameter 'iaid'");
        }
        long iaid = uint32(a, "iaid");
        int prefixLen = 128;
        if (type == Lease6Key.PD) {
            prefixLen = a.has("prefix-len") ? a.get("prefix-len").asInt() : 128;
            if (prefixLen < 1 || prefixLen > 128) {
                throw CommandException.badArgument("Invalid prefix length: " + prefixLen);
            }
        }
        long subnetId = a.has("subnet-id") ? uint32(a, "subnet-id") : 0;
        Subnet6 s;
        if (subnetId == 0) {
            if (type == Lease6Key.PD) {
                throw CommandException.badArgument(
                        "Subnet-id is 0 or not specified. This is allowed for address leases only, not prefix leases.");
            }
            s = null;
            for (Subnet6 cand : engine.config().subnets()) {
                if (cand.contains(addr)) {
                    s = cand;
                    break;
                }
            }
            if (s == null) {
                throw new CommandException(ResultCode.CONFLICT,
                        "subnet-id not specified and failed to find a subnet for address " + Prefix6.format(addr));
            }
        } else {
            s = engine.subnet(subnetId);
            if (s == null) {
                throw new CommandException(ResultCode.CONFLICT, "Invalid subnet-id: No IPv6 subnet with subnet-id="
                        + subnetId + " currently configured.");
            }
            if (type == Lease6Key.NA && !s.contains(addr)) {
                throw new CommandException(ResultCode.CONFLICT, "The address " + Prefix6.format(addr)
                        + " does not belong to subnet " + s.text() + ", subnet-id=" + subnetId);
            }
        }
        String hw = a.has("hw-address") ? octetsAtMost(hex(string(a, "hw-address"), "hw-address"), Lease6Csv.MAX_HWADDR,
                "hw-address") : null;
        long valid = a.has("valid-lft") ? uint32(a, "valid-lft") : s.lifetimes().valid();
        // as Kea's lease parser: without preferred-lft, the subnet's valid lifetime
        long preferred = a.has("preferred-lft") ? uint32(a, "preferred-lft") : s.lifetimes().valid();
        long now = engine.clock().millis() / 1000;
        long cltt = a.has("expire") ? a.get("expire").asLong() - valid : now;
        if (a.has("expire") && a.get("expire").asLong() <= 0) {
            throw CommandException.badArgument("expiration time must be positive for address " + Prefix6.format(addr));
        }
        String host = a.path("hostname").asString("").toLowerCase(Locale.ROOT);
        boolean fwd = a.path("fqdn-fwd").asBoolean(false);
        boolean rev = a.path("fqdn-rev").asBoolean(false);
        hostnameForFqdn(host, fwd, rev);
        int state = a.path("state").asInt(0);
        if (state < 0 || state > 4) {
            throw CommandException.badArgument("Invalid state value: " + state + ", supported values are: 0, 1, 2, 3 and 4");
        }
        if (state == LeaseState.DECLINED && type == Lease6Key.PD) {
            throw CommandException.badArgument("Invalid declined state for PD prefix.");
        }
        JsonNode ctx = a.get("user-context");
        if (ctx != null && !ctx.isObject()) {
            throw CommandException.badArgument("Invalid user context '" + ctx + "' is not a JSON map.");
        }
        long poolId = a.has("pool-id") ? uint32(a, "pool-id") : poolId(s, type, addr);
        return new Lease6(Prefix6.format(addr), Lease6Key.typeName(type), prefixLen, duid, iaid, s.id(),
                poolId == 0 ? null : poolId, preferred, valid, cltt, hw, fwd, rev, host, state,
                ctx == null ? null : ctx.deepCopy());
    }

    private static long poolId(Subnet6 s, int type, BigInteger addr) {
        if (type == Lease6Key.PD) {
            for (PdPool6 p : s.pdPools()) {
                if (p.prefix().contains(addr)) {
                    return p.poolId();
                }
            }
            return 0;
        }
        for (Pool6 p : s.pools()) {
            if (p.contains(addr)) {
                return p.poolId();
            }
        }
        return 0;
    }

    /**
     * lease6-bulk-apply: every entry parsed first (a malformed one fails the whole command), then
     * the deletions and the add-or-updates in one transaction; entries that fail are listed.
     */
    private CommandResponse bulkApply(JsonNode a) {
        JsonNode deleted = a.get("deleted-leases");
        JsonNode leases = a.get("leases");
        if (deleted == null && leases == null) {
            throw CommandException.badArgument("neither 'deleted-leases' nor 'leases' parameter specified");
        }
        if (deleted != null && !deleted.isArray()) {
            throw CommandException.badArgument("the 'deleted-leases' parameter must be a list");
        }
        if (leases != null && !leases.isArray()) {
            throw CommandException.badArgument("the 'leases' parameter must be a list");
        }
        List<Lease6Key> toDelete = new ArrayList<>();
        if (deleted != null) {
            for (JsonNode d : deleted) {
                if (!d.isObject()) {
                    throw CommandException.badArgument("an element of 'deleted-leases' is not a map");
                }
                toDelete.add(new Lease6Key(address(d), type(d)));
            }
        }
        List<Lease6> toApply = new ArrayList<>();
        if (leases != null) {
            for (JsonNode l : leases) {
                if (!l.isObject()) {
                    throw CommandException.badArgument("an element of 'leases' is not a map");
                }
                try {
                    toApply.add(parseLease(l));
                } catch (CommandException e) {
                    // Kea parses every entry first: one it cannot take fails the whole command (result 1)
                    throw CommandException.badArgument(e.getMessage());
                }
            }
        }
        ArrayNode failedDeleted = JSON.createArrayNode();
        ArrayNode failed = JSON.createArrayNode();
        Lease6Store.Committed<Integer> done = store.transact(Origin.COMMAND, tx -> {
            int ok = 0;
            for (Lease6Key k : toDelete) {
                if (tx.remove(k) == null) {
                    failedDeleted.add(failure(k, null, ResultCode.EMPTY, "lease not found"));
                } else {
                    ok++;
                }
            }
            for (Lease6 l : toApply) {
                try {
                    apply(tx, l, true, true);
                    ok++;
                } catch (CommandException e) {
                    failed.add(failure(Lease6Key.of(l), l.duid(), e.result(), e.getMessage()));
                }
            }
            return ok;
        });
        await(done.done());
        ObjectNode args = JSON.createObjectNode();
        if (!failedDeleted.isEmpty()) {
            args.set("failed-deleted-leases", failedDeleted);
        }
        if (!failed.isEmpty()) {
            args.set("failed-leases", failed);
        }
        String text = "Bulk apply of " + done.value() + " IPv6 leases completed.";
        JsonNode out = args.isEmpty() ? null : args;
        return done.value() == 0 ? CommandResponse.empty(text, out) : CommandResponse.success(text, out);
    }

    private static ObjectNode failure(Lease6Key k, String duid, int result, String message) {
        ObjectNode f = JSON.createObjectNode();
        f.put("ip-address", k.text());
        f.put("type", Lease6Key.typeName(k.type()));
        if (duid != null) {
            f.put("duid", duid);
        }
        f.put("result", result);
        f.put("error-message", message);
        return f;
    }

    /** lease6-wipe: one subnet, or each configured subnet in turn, named in the text. */
    private CommandResponse wipe(JsonNode a) {
        long subnet = a.has("subnet-id") ? uint32(a, "subnet-id") : 0;
        List<Long> ids = new ArrayList<>();
        if (subnet != 0) {
            ids.add(subnet);
        } else {
            engine.config().subnets().forEach(s -> ids.add(s.id()));
        }
        Lease6Store.Committed<Void> wiped = store.transact(Origin.COMMAND, tx -> {
            for (Lease6 l : tx.index().all()) {
                if (ids.contains(l.subnetId())) {
                    tx.remove(Lease6Key.of(l));
                }
            }
            return null;
        });
        await(wiped.done());
        int n = wiped.changes().size();
        StringBuilder text = new StringBuilder("Deleted " + n + " IPv6 lease(s) from subnet(s)");
        ids.forEach(id -> text.append(' ').append(id));
        return n == 0 ? CommandResponse.empty(text.toString()) : CommandResponse.success(text.toString());
    }

    /** lease6-resend-ddns: 3 no lease, 4 DDNS off or nothing to update. */
    private CommandResponse resendDdns(JsonNode a) {
        BigInteger addr = address(a);
        // Kea checks that DDNS is on before it looks for the lease
        if (!ddns.enabled()) {
            throw new CommandException(ResultCode.CONFLICT, "DDNS updating is not enabled");
        }
        Lease6 l = store.read(i -> i.get(new Lease6Key(addr, Lease6Key.NA)));
        String text = Prefix6.format(addr);
        if (l == null) {
            return CommandResponse.empty("No lease found for: " + text);
        }
        if (ddns.ncr(io.dhcpsuite.api.ddns.Ncr.CHG_ADD, l) == null) {
            throw new CommandException(ResultCode.CONFLICT, "Lease for: " + text + ", has no hostname, nothing to update");
        }
        ddns.add(l);
        return CommandResponse.success("NCR generated for: " + text + ", hostname: " + l.hostname());
    }

    private CommandResponse write(JsonNode a) {
        String name = string(a, "filename");
        Memfile6Backend m = (Memfile6Backend) backend;
        Path target = allowedLeaseFile(name, m.file());
        try {
            if (m.persist() && target.equals(m.file().toAbsolutePath().normalize())) {
                m.compact(() -> store.read(Lease6Index::all));
            } else {
                Memfile6Backend.dumpReplacing(target, store.read(Lease6Index::all));
            }
        } catch (Exception e) {
            throw CommandException.badArgument("failed to write lease file " + name + ": " + e.getMessage());
        }
        return CommandResponse.success("IPv6 lease database into '" + name + "'.");
    }

    // ------------------------------------------------------------------ arguments

    /** The address of a query (get, del): Kea's text when it does not parse. */
    private static BigInteger address(JsonNode a) {
        String text = string(a, "ip-address");
        try {
            return Prefix6.address(text);
        } catch (IllegalArgumentException e) {
            throw CommandException.badArgument("Failed to convert string to address '" + text + "': Invalid argument");
        }
    }

    /** The address of a lease to store (add, update, bulk-apply): Kea's lease parser's texts. */
    private static BigInteger leaseAddress(JsonNode a) {
        String text = string(a, "ip-address");
        try {
            return Prefix6.address(text);
        } catch (IllegalArgumentException e) {
            if (isIpv4(text)) {
                throw CommandException.badArgument("Non-IPv6 address specified: " + text);
            }
            throw CommandException.badArgument("Failed to convert '" + text
                    + "' to address: Failed to convert string to address '" + text + "': Invalid argument");
        }
    }

    private static boolean isIpv4(String text) {
        return text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** {@code type} of a lease to store: Kea's lease parser's text for an unknown one. */
    private static int leaseType(JsonNode a) {
        try {
            return type(a);
        } catch (CommandException e) {
            JsonNode t = a.get("type");
            throw CommandException.badArgument("Incorrect lease type: " + t.asString()
                    + ", the only supported values are: na, ta and pd");
        }
    }

    /** {@code type}: IA_NA (default), IA_TA, IA_PD, or "0".."2". */
    private static int type(JsonNode a) {
        JsonNode t = a.get("type");
        if (t == null) {
            return Lease6Key.NA;
        }
        if (!t.isString()) {
            throw CommandException.badArgument("'type' parameter must be a string");
        }
        try {
            return Lease6Key.typeCode(t.asString());
        } catch (IllegalArgumentException e) {
            throw CommandException.badArgument("Invalid lease type specified: " + t.asString()
                    + ", only supported values are: IA_NA, IA_TA, IA_PD and V4");
        }
    }

    private static long uint32(JsonNode a, String key) {
        JsonNode n = a.get(key);
        if (n != null && !n.isIntegralNumber()) {
            throw CommandException.badArgument("invalid type specified for parameter '" + key + "'");
        }
        if (n == null || n.asLong() < 0 || n.asLong() > 0xFFFF_FFFFL) {
            throw CommandException.badArgument("'" + key + "' parameter must be an unsigned 32-bit integer");
        }
        return n.asLong();
    }

    private static String hex(String text, String key) {
        try {
            String h = text.isBlank() ? null : Lease6Csv.hexOf(text, key);
            if (h == null) {
                throw CommandException.badArgument("'" + key + "' parameter is empty");
            }
            return h;
        } catch (IllegalArgumentException e) {
            // Kea's texts: the DUID parser's, the hardware address parser's
            throw CommandException.badArgument(key.equals("hw-address")
                    ? "invalid format of the decoded string '" + text + "'"
                    : "'" + text + "' is not a valid string of hexadecimal digits");
        }
    }
}
