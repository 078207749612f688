package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's host_cmds for DHCPv4: {@code reservation-add}, {@code -get}, {@code -get-all},
 * {@code -get-page}, {@code -get-by-address}, {@code -get-by-hostname}, {@code -get-by-id},
 * {@code -del}, {@code -update}, with Kea's arguments, texts and result codes (not found is result
 * 3, as host_cmds.cc answers; the ARM's prose still says 0). Sources as Kea's
 * {@code operation-target} names them: {@code primary} is the configuration file, {@code alternate}
 * the hosts databases; reads default to both (file first, Kea's precedence), changes to the
 * databases. Reads of the databases are queries through the repositories; a change is one
 * transaction, then the in-memory copy and the engine's pool bitmaps follow before the answer
 * leaves, so the next packet sees it.
 */
public final class HostCommands {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    enum Target { PRIMARY, ALTERNATE, ALL }

    private final AllocationEngine engine;
    private final HostStore store;
    private volatile Dhcp4Config parsedWith;
    private volatile HostJson json;

    HostCommands(AllocationEngine engine, HostStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** Registers the commands; {@code store} may have no database (changes then fail as in Kea). */
    public static void register(CommandDispatcher d, AllocationEngine engine, HostStore store) {
        HostCommands c = new HostCommands(engine, store);
        d.register("reservation-add", c::add);
        d.register("reservation-get", c::get);
        d.register("reservation-get-all", c::getAll);
        d.register("reservation-get-page", c::getPage);
        d.register("reservation-get-by-address", c::getByAddress);
        d.register("reservation-get-by-hostname", c::getByHostname);
        d.register("reservation-get-by-id", c::getById);
        d.register("reservation-del", c::del);
        d.register("reservation-update", c::update);
    }

    private HostJson json() {
        Dhcp4Config cfg = engine.config();
        if (cfg != parsedWith) {
            json = new HostJson(cfg);
            parsedWith = cfg;
        }
        return json;
    }

    // ---- changes

    CommandResponse add(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("no parameters specified for the command");
        }
        Target target = target(a, Target.ALTERNATE);
        JsonNode r = a.get("reservation");
        if (r == null) {
            throw bad("reservation must be specified");
        }
        boolean forcedGlobal = false;
        HostJson.Host h = parse(r);
        long subnetId;
        if (h.subnetId() == null) {
            Integer ip = h.reservation().ipAddress();
            if (ip != null) {
                throw bad("Mandatory 'subnet-id' parameter missing. The address '" + Ipv4.format(ip) + "' "
                        + subnetHint(ip));
            }
            subnetId = 0;
            forcedGlobal = true;
        } else {
            subnetId = h.subnetId();
        }
        if (target != Target.ALTERNATE) {
            throw bad(primaryUnsupported("reservation-add"));
        }
        if (!store.hasDatabase()) {
            throw bad("Host database not available, cannot add host.");
        }
        validateForSubnet(subnetId, h.reservation().ipAddress());
        checkFileDuplicates(subnetId, h.reservation(), null);
        store.add(subnetId, h.reservation(), HostJson.toJson(h.reservation(), null));
        return CommandResponse.success(forcedGlobal
                ? "Host added. subnet-id not specified, assumed global (subnet-id 0)." : "Host added.");
    }

    CommandResponse update(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("invalid command: does not contain mandatory 'arguments'");
        }
        JsonNode r = a.get("reservation");
        if (r == null) {
            throw bad("invalid command: expected 'reservation' as the sole parameter inside the 'arguments' map, "
                    + "didn't get it instead");
        }
        if (!r.isObject()) {
            throw bad("invalid command: expected 'reservation' to be a map, got " + typeName(r) + " instead");
        }
        Target target = target(a, Target.ALTERNATE);
        HostJson.Host h = parse(r);
        if (h.subnetId() == null) {
            throw bad("Mandatory 'subnet-id' parameter missing.");
        }
        if (target != Target.ALTERNATE) {
            throw bad(primaryUnsupported("reservation-update"));
        }
        if (!store.hasDatabase()) {
            throw bad("host database not available, cannot update host");
        }
        validateForSubnet(h.subnetId(), h.reservation().ipAddress());
        checkFileDuplicates(h.subnetId(), h.reservation(), HostJson.identifierType(h.reservation()));
        if (!store.update(h.subnetId(), h.reservation(), HostJson.toJson(h.reservation(), null))) {
            return CommandResponse.empty("Host not updated (not found).");
        }
        return CommandResponse.success("Host updated.");
    }

    CommandResponse del(JsonNode a) {
        Query q = query(a);
        Target target = target(a, Target.ALTERNATE);
        if (target == Target.PRIMARY) {
            throw bad(primaryUnsupported("reservation-del"));
        }
        if (!store.hasDatabase()) {
            throw bad("Unable to delete a host because there is no hosts-database configured.");
        }
        boolean deleted = q.byAddress ? store.deleteByAddress(q.subnetId, q.address)
                : store.deleteByIdentifier(q.subnetId, q.type, q.identifier);
        return deleted ? CommandResponse.success("Host deleted.") : CommandResponse.empty("Host not deleted (not found).");
    }

    // ---- reads

    CommandResponse get(JsonNode a) {
        Query q = query(a);
        Target target = target(a, Target.ALL);
        List<Found> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts(q.byAddress
                    ? (s, r) -> s == q.subnetId && q.address.equals(r.ipAddress())
                    : (s, r) -> s == q.subnetId && matchesId(r, q.type, q.identifier)));
        }
        if (found.isEmpty() && target != Target.PRIMARY) {
            found.addAll(q.byAddress ? store.byAddress(q.subnetId, q.address, json())
                    : store.byIdentifier(q.subnetId, q.type, q.identifier, json()));
        }
        if (found.isEmpty()) {
            return CommandResponse.empty("Host not found.");
        }
        Found f = found.get(0);
        return CommandResponse.success("Host found.", HostJson.toJson(f.reservation(), f.subnetId()));
    }

    CommandResponse getAll(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        long subnetId = subnetId(a);
        Target target = target(a, Target.ALL);
        List<Found> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> s == subnetId));
        }
        if (target != Target.PRIMARY) {
            found.addAll(store.bySubnet(subnetId, json()));
        }
        return hosts(found, true);
    }

    CommandResponse getByAddress(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        JsonNode ip = a.get("ip-address");
        if (ip == null || !ip.isString()) {
            throw bad("missing parameter 'ip-address'");
        }
        Integer address = Ipv4.tryParse(ip.asString());
        if (address == null) {
            throw bad("Failed to parse IP address " + ip.asString());
        }
        Long subnetId = a.has("subnet-id") ? subnetId(a) : null;
        Target target = target(a, Target.ALL);
        List<Found> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> address.equals(r.ipAddress()) && (subnetId == null || s == subnetId)));
        }
        if (target != Target.PRIMARY) {
            found.addAll(subnetId == null ? store.byAddressAnySubnet(address, json())
                    : store.byAddress(subnetId, address, json()));
        }
        return hosts(found, true);
    }

    CommandResponse getByHostname(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        JsonNode h = a.get("hostname");
        if (h == null || !h.isString()) {
            throw bad("missing parameter 'hostname'");
        }
        String hostname = h.asString();
        if (hostname.isEmpty()) {
            throw bad("Empty hostname");
        }
        Long subnetId = a.has("subnet-id") ? subnetId(a) : null;
        Target target = target(a, Target.ALL);
        List<Found> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> hostname.equalsIgnoreCase(r.hostname())
                    && (subnetId == null || s == subnetId)));
        }
        if (target != Target.PRIMARY) {
            found.addAll(store.byHostname(hostname, subnetId, json()));
        }
        return hosts(found, subnetId == null);
    }

    CommandResponse getById(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        JsonNode type = a.get("identifier-type");
        if (type == null || !type.isString()) {
            throw bad("'identifier-type' is either missing or not a string.");
        }
        JsonNode ident = a.get("identifier");
        if (ident == null || !ident.isString()) {
            throw bad("'identifier' is either missing or not a string.");
        }
        if (a.has("subnet-id")) {
            throw bad("'subnet-id' is forbidden in reservation-get-by-id");
        }
        String t = identifierType(type.asString(), ident.asString());
        String id = identifier(ident.asString(), t);
        Target target = target(a, Target.ALL);
        List<Found> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> matchesId(r, t, id)));
        }
        if (target != Target.PRIMARY) {
            found.addAll(store.byIdentifierAnySubnet(t, id, json()));
        }
        return hosts(found, true);
    }

    /**
     * Pages over the sources in order, 0 the file and 1.. the databases: {@code from} is a position
     * in the file's list for source 0 and a host id for a database, as in Kea.
     */
    CommandResponse getPage(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        if (!a.has("limit")) {
            throw bad("missing parameter 'limit'");
        }
        long limit = integer(a, "limit", 0, 0xFFFFFFFFL);
        if (limit == 0) {
            throw bad("'limit' parameter must not be 0");
        }
        Long subnetId = a.has("subnet-id") ? subnetId(a) : null;
        int source = a.has("source-index") ? (int) integer(a, "source-index", 0, 10) : 0;
        long from = a.has("from") ? integer(a, "from", 0, Long.MAX_VALUE) : 0;
        if (a.has("operation-target")) {
            throw bad("'operation-target' is not supported by reservation-get-page");
        }
        List<Found> page = new ArrayList<>();
        long lastId = from;
        if (source == 0) {
            List<Found> file = fileHosts((s, r) -> subnetId == null || s == subnetId);
            for (int i = (int) Math.min(from, file.size()); i < file.size() && page.size() < limit; i++) {
                page.add(file.get(i));
                lastId = i + 1;
            }
            if (page.isEmpty()) {
                source = 1;
                from = 0;
            }
        }
        while (page.isEmpty() && source >= 1 && source <= store.databases()) {
            List<HostStore.Row> rows = store.page(source, subnetId, from, (int) Math.min(limit, 10_000), json());
            for (HostStore.Row row : rows) {
                page.add(row.found());
                lastId = row.id();
            }
            if (page.isEmpty()) {
                source++;
                from = 0;
            }
        }
        ObjectNode args = NODES.objectNode();
        args.put("count", page.size());
        ArrayNode list = args.putArray("hosts");
        page.forEach(f -> list.add(HostJson.toJson(f.reservation(), subnetId == null ? f.subnetId() : null)));
        String text = page.size() + " IPv4 host(s) found.";
        if (page.isEmpty()) {
            return CommandResponse.empty(text, args);
        }
        ObjectNode next = args.putObject("next");
        next.put("from", lastId);
        next.put("source-index", source);
        return CommandResponse.success(text, args);
    }

    // ---- helpers

    /** A host and the scope it belongs to, from either source. */
    public record Found(long subnetId, Reservation4 reservation) {
    }

    private CommandResponse hosts(List<Found> found, boolean withSubnet) {
        ObjectNode args = NODES.objectNode();
        ArrayNode list = args.putArray("hosts");
        found.forEach(f -> list.add(HostJson.toJson(f.reservation(), withSubnet ? f.subnetId() : null)));
        String text = found.size() + " IPv4 host(s) found.";
        return found.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    private List<Found> fileHosts(java.util.function.BiPredicate<Long, Reservation4> keep) {
        Dhcp4Config cfg = engine.config();
        List<Found> out = new ArrayList<>();
        for (Reservation4 r : cfg.globalReservations()) {
            if (keep.test(0L, r)) {
                out.add(new Found(0, r));
            }
        }
        for (Subnet4 s : cfg.subnets()) {
            for (Reservation4 r : s.reservations()) {
                if (keep.test(s.id(), r)) {
                    out.add(new Found(s.id(), r));
                }
            }
        }
        return out;
    }

    static boolean matchesId(Reservation4 r, String type, String id) {
        return type.equals(HostJson.identifierType(r)) && id.equals(HostJson.identifierValue(r));
    }

    /** Kea's duplicate rules across sources: one host per identifier and scope, one per address with ip-reservations-unique. */
    private void checkFileDuplicates(long subnetId, Reservation4 r, String updatingType) {
        String type = HostJson.identifierType(r);
        String id = HostJson.identifierValue(r);
        if (!fileHosts((s, x) -> s == subnetId && matchesId(x, type, id)).isEmpty()) {
            throw bad("Database duplicate entry error: the configuration file already has a reservation for "
                    + type + " '" + id + "' in subnet " + subnetId);
        }
        Integer ip = r.ipAddress();
        if (ip != null) {
            Predicate<Reservation4> other = x -> !matchesId(x, type, id);
            if (!fileHosts((s, x) -> s == subnetId && ip.equals(x.ipAddress()) && other.test(x)).isEmpty()
                    || store.addressTaken(subnetId, ip, type, id)) {
                throw bad("Database duplicate entry error: address " + Ipv4.format(ip)
                        + " is already reserved in subnet " + subnetId);
            }
        }
    }

    private void validateForSubnet(long subnetId, Integer address) {
        if (subnetId == 0) {
            return;
        }
        Subnet4 s = engine.config().subnet(subnetId);
        if (s == null) {
            throw bad("IPv4 subnet with ID of '" + subnetId + "' is not configured");
        }
        if (address != null && !s.contains(address)) {
            throw bad("specified reservation '" + Ipv4.format(address) + "' is not matching the IPv4 subnet prefix '"
                    + Ipv4.format(s.prefix()) + "/" + s.prefixLength() + "'");
        }
    }

    private String subnetHint(int ip) {
        List<Subnet4> in = engine.config().subnets().stream().filter(s -> s.contains(ip)).toList();
        if (in.isEmpty()) {
            return "belongs to no configured subnet.";
        }
        Subnet4 s = in.get(0);
        return "belongs to subnet '" + Ipv4.format(s.prefix()) + "/" + s.prefixLength() + "' id " + s.id()
                + (in.size() > 1 ? " and others." : ".");
    }

    private HostJson.Host parse(JsonNode r) {
        if (!r.isObject()) {
            throw bad("reservation must be a map");
        }
        try {
            return json().parse(r, "reservation");
        } catch (ConfigException e) {
            throw bad(e.getMessage());
        }
    }

    /** The (subnet-id, ip-address) or (subnet-id, identifier-type, identifier) of get and del. */
    private record Query(long subnetId, boolean byAddress, Integer address, String type, String identifier) {
    }

    private Query query(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        JsonNode addr = a.get("ip-address");
        JsonNode type = a.get("identifier-type");
        JsonNode ident = a.get("identifier");
        boolean hasSubnet = a.has("subnet-id");
        Long subnetId = hasSubnet ? subnetId(a) : null;
        if (addr != null) {
            if (!addr.isString()) {
                throw bad("'ip-address' is not a string.");
            }
            Integer address = Ipv4.tryParse(addr.asString());
            if (address == null) {
                throw bad("Failed to convert string to address '" + addr.asString() + "': Invalid argument");
            }
            if (subnetId == null) {
                throw bad("missing parameter 'subnet-id', use 'reservation-get-by-address' with 'ip-address' set to \""
                        + addr.asString() + "\" to get the list of reservations with this address");
            }
            return new Query(subnetId, true, address, null, null);
        }
        if (type == null || !type.isString()) {
            throw bad("No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        }
        if (ident == null || !ident.isString()) {
            throw bad("No 'ip-address' provided and 'identifier' is either missing or not a string.");
        }
        String t = identifierType(type.asString(), ident.asString());
        String id = identifier(ident.asString(), t);
        if (subnetId == null) {
            throw bad("missing parameter 'subnet-id', use 'reservation-get-by-id' with 'identifier-type' set to \""
                    + type.asString() + "\" and 'identifier' to \"" + ident.asString()
                    + "\" to get the list of reservations with this identifier");
        }
        return new Query(subnetId, false, null, t, id);
    }

    private static String identifierType(String type, String ident) {
        // Kea parses the identifier before the type: an unreadable value is reported first
        if (!HostJson.identifierTypes().contains(type)) {
            identifier(ident, "client-id");
            throw bad("Value of 'identifier-type' was not recognized.");
        }
        return type;
    }

    private static String identifier(String text, String type) {
        if (text.isEmpty() || text.equals("''")) {
            throw bad("Unable to query for empty 'identifier'.");
        }
        try {
            return HostJson.identifier(text, type);
        } catch (ConfigException e) {
            throw bad("Unable to parse 'identifier' value.");
        }
    }

    private static long subnetId(JsonNode a) {
        if (!a.has("subnet-id")) {
            throw bad("missing parameter 'subnet-id'");
        }
        return integer(a, "subnet-id", 0, 0xFFFFFFFFL);
    }

    private static long integer(JsonNode a, String key, long min, long max) {
        JsonNode v = a.get(key);
        if (v == null || !v.isIntegralNumber()) {
            throw bad("'" + key + "' parameter must be an integer");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw bad("The '" + key + "' value (" + n + ") is not within expected range: (" + min + " - " + max + ")");
        }
        return n;
    }

    private static Target target(JsonNode a, Target dflt) {
        JsonNode t = a.get("operation-target");
        if (t == null) {
            return dflt;
        }
        if (!t.isString()) {
            throw bad("'operation-target' is not a string.");
        }
        return switch (t.asString()) {
            case "primary" -> Target.PRIMARY;
            case "alternate" -> Target.ALTERNATE;
            case "all" -> Target.ALL;
            case "default" -> dflt;
            default -> throw bad("The 'operation-target' value (" + t.asString()
                    + ") is not within expected set: (primary, alternate, all, default)");
        };
    }

    private static String primaryUnsupported(String command) {
        return command + " with operation-target 'primary' or 'all' (the configuration file) is not supported"
                + " by this suite: change the file and use config-set or config-reload";
    }

    private static String typeName(JsonNode n) {
        return n.isArray() ? "list" : n.isString() ? "string" : n.isNumber() ? "integer" : n.isBoolean() ? "boolean" : "null";
    }

    private static CommandException bad(String text) {
        return new CommandException(ResultCode.ERROR, text);
    }
}
