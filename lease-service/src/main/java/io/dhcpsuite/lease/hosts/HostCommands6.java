package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Reservation6;
import io.dhcpsuite.config.Subnet6;
import io.dhcpsuite.lease.hosts.HostStore6.Found;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's host_cmds sent to {@code dhcp6}: the nine {@code reservation-*} commands of
 * {@link HostCommands} with DHCPv6 hosts ({@code duid}, {@code hw-address} or {@code flex-id};
 * {@code ip-addresses} and {@code prefixes}), {@code subnet-id} naming a subnet6, and the same
 * texts and result codes with "IPv6" where Kea says so. Sources as for v4: {@code primary} the
 * configuration file's Dhcp6 reservations, {@code alternate} the Dhcp6 hosts databases.
 */
public final class HostCommands6 {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    enum Target { PRIMARY, ALTERNATE, ALL }

    private final Supplier<Dhcp6Config> config;
    private final HostStore6 store;
    private volatile Dhcp6Config parsedWith;
    private volatile HostJson6 json;

    HostCommands6(Supplier<Dhcp6Config> config, HostStore6 store) {
        this.config = config;
        this.store = store;
    }

    /** Registers the commands in the table of service dhcp6. */
    public static void register(CommandDispatcher d, Supplier<Dhcp6Config> config, HostStore6 store) {
        HostCommands6 c = new HostCommands6(config, store);
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

    private HostJson6 json() {
        Dhcp6Config cfg = config.get();
        if (cfg != parsedWith) {
            json = new HostJson6(cfg);
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
        HostJson6.Host h = parse(r);
        boolean forcedGlobal = false;
        long subnetId;
        if (h.subnetId() == null) {
            if (!h.reservation().ipAddresses().isEmpty()) {
                BigInteger ip = h.reservation().ipAddresses().get(0);
                throw bad("Mandatory 'subnet-id' parameter missing. The address '" + Prefix6.format(ip) + "' "
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
        validateForSubnet(subnetId, h.reservation());
        checkFileDuplicates(subnetId, h.reservation());
        store.add(subnetId, h.reservation(), HostJson6.toJson(h.reservation(), null));
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
        HostJson6.Host h = parse(r);
        if (h.subnetId() == null) {
            throw bad("Mandatory 'subnet-id' parameter missing.");
        }
        if (target != Target.ALTERNATE) {
            throw bad(primaryUnsupported("reservation-update"));
        }
        if (!store.hasDatabase()) {
            throw bad("host database not available, cannot update host");
        }
        validateForSubnet(h.subnetId(), h.reservation());
        checkFileDuplicates(h.subnetId(), h.reservation());
        if (!store.update(h.subnetId(), h.reservation(), HostJson6.toJson(h.reservation(), null))) {
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
        boolean deleted = q.address != null ? store.deleteByAddress(q.subnetId, q.address)
                : store.deleteByIdentifier(q.subnetId, q.type, q.identifier);
        return deleted ? CommandResponse.success("Host deleted.") : CommandResponse.empty("Host not deleted (not found).");
    }

    // ---- reads

    CommandResponse get(JsonNode a) {
        Query q = query(a);
        Target target = target(a, Target.ALL);
        List<Found> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts(q.address != null
                    ? (s, r) -> s == q.subnetId && r.ipAddresses().contains(q.address)
                    : (s, r) -> s == q.subnetId && matchesId(r, q.type, q.identifier)));
        }
        if (found.isEmpty() && target != Target.PRIMARY) {
            found.addAll(q.address != null ? store.byAddress(q.subnetId, q.address, json())
                    : store.byIdentifier(q.subnetId, q.type, q.identifier, json()));
        }
        if (found.isEmpty()) {
            return CommandResponse.empty("Host not found.");
        }
        Found f = found.get(0);
        return CommandResponse.success("Host found.", HostJson6.toJson(f.reservation(), f.subnetId()));
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
        BigInteger address = address6(ip.asString(), "Failed to parse IP address " + ip.asString());
        Long subnetId = a.has("subnet-id") ? subnetId(a) : null;
        Target target = target(a, Target.ALL);
        List<Found> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> r.ipAddresses().contains(address) && (subnetId == null || s == subnetId)));
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

    /** As the v4 command: source 0 the file, 1.. the databases; {@code from} a position or a host id. */
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
            for (HostStore6.Row row : store.page(source, subnetId, from, (int) Math.min(limit, 10_000), json())) {
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
        page.forEach(f -> list.add(HostJson6.toJson(f.reservation(), subnetId == null ? f.subnetId() : null)));
        String text = page.size() + " IPv6 host(s) found.";
        if (page.isEmpty()) {
            return CommandResponse.empty(text, args);
        }
        ObjectNode next = args.putObject("next");
        next.put("from", lastId);
        next.put("source-index", source);
        return CommandResponse.success(text, args);
    }

    // ---- helpers

    private CommandResponse hosts(List<Found> found, boolean withSubnet) {
        ObjectNode args = NODES.objectNode();
        ArrayNode list = args.putArray("hosts");
        found.forEach(f -> list.add(HostJson6.toJson(f.reservation(), withSubnet ? f.subnetId() : null)));
        String text = found.size() + " IPv6 host(s) found.";
        return found.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    private List<Found> fileHosts(BiPredicate<Long, Reservation6> keep) {
        Dhcp6Config cfg = config.get();
        List<Found> out = new ArrayList<>();
        for (Reservation6 r : cfg.globalReservations()) {
            if (keep.test(0L, r)) {
                out.add(new Found(0, r));
            }
        }
        for (Subnet6 s : cfg.subnets()) {
            for (Reservation6 r : s.reservations()) {
                if (keep.test(s.id(), r)) {
                    out.add(new Found(s.id(), r));
                }
            }
        }
        return out;
    }

    static boolean matchesId(Reservation6 r, String type, String id) {
        return type.equals(HostJson6.identifierType(r)) && id.equals(HostJson6.identifierValue(r));
    }

    /** One host per identifier and scope across the file and the databases; the file's addresses and prefixes stay its own. */
    private void checkFileDuplicates(long subnetId, Reservation6 r) {
        String type = HostJson6.identifierType(r);
        String id = HostJson6.identifierValue(r);
        if (!fileHosts((s, x) -> s == subnetId && matchesId(x, type, id)).isEmpty()) {
            throw bad("Database duplicate entry error: the configuration file already has a reservation for "
                    + type + " '" + id + "' in subnet " + subnetId);
        }
        for (BigInteger ip : r.ipAddresses()) {
            if (!fileHosts((s, x) -> s == subnetId && x.ipAddresses().contains(ip)).isEmpty()) {
                throw bad("Database duplicate entry error: address " + Prefix6.format(ip)
                        + " is already reserved in subnet " + subnetId);
            }
        }
        for (Prefix6 p : r.prefixes()) {
            if (!fileHosts((s, x) -> s == subnetId && x.prefixes().contains(p)).isEmpty()) {
                throw bad("Database duplicate entry error: prefix " + p.text() + " is already reserved in subnet "
                        + subnetId);
            }
        }
    }

    private void validateForSubnet(long subnetId, Reservation6 r) {
        if (subnetId == 0) {
            return;
        }
        Subnet6 s = config.get().subnet(subnetId);
        if (s == null) {
            throw bad("IPv6 subnet with ID of '" + subnetId + "' is not configured");
        }
        for (BigInteger ip : r.ipAddresses()) {
            if (!s.contains(ip)) {
                throw bad("specified reservation '" + Prefix6.format(ip) + "' is not matching the IPv6 subnet prefix '"
                        + s.prefix().text() + "'");
            }
        }
    }

    private String subnetHint(BigInteger ip) {
        List<Subnet6> in = config.get().subnets().stream().filter(s -> s.contains(ip)).toList();
        if (in.isEmpty()) {
            return "belongs to no configured subnet.";
        }
        Subnet6 s = in.get(0);
        return "belongs to subnet '" + s.prefix().text() + "' id " + s.id() + (in.size() > 1 ? " and others." : ".");
    }

    private HostJson6.Host parse(JsonNode r) {
        if (!r.isObject()) {
            throw bad("reservation must be a map");
        }
        try {
            return json().parse(r, "reservation");
        } catch (ConfigException e) {
            throw bad(e.getMessage());
        }
    }

    private record Query(long subnetId, BigInteger address, String type, String identifier) {
    }

    private Query query(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        JsonNode addr = a.get("ip-address");
        JsonNode type = a.get("identifier-type");
        JsonNode ident = a.get("identifier");
        Long subnetId = a.has("subnet-id") ? subnetId(a) : null;
        if (addr != null) {
            if (!addr.isString()) {
                throw bad("'ip-address' is not a string.");
            }
            BigInteger address = address6(addr.asString(),
                    "Failed to convert string to address '" + addr.asString() + "': Invalid argument");
            if (subnetId == null) {
                throw bad("missing parameter 'subnet-id', use 'reservation-get-by-address' with 'ip-address' set to \""
                        + addr.asString() + "\" to get the list of reservations with this address");
            }
            return new Query(subnetId, address, null, null);
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
        return new Query(subnetId, null, t, id);
    }

    /** An IPv6 address (not IPv4, not a prefix), or result 1 with {@code error}. */
    private static BigInteger address6(String text, String error) {
        if (!text.contains(":") || text.contains("/")) {
            throw bad(error);
        }
        try {
            return Prefix6.address(text);
        } catch (RuntimeException e) {
            throw bad(error);
        }
    }

    private static String identifierType(String type, String ident) {
        if (!HostJson.identifierTypes().contains(type)) {
            identifier(ident, "duid");
            throw bad("Value of 'identifier-type' was not recognized.");
        }
        if (!HostJson6.identifierTypes().contains(type)) {
            throw bad("identifier type '" + type + "' is not used by DHCPv6 hosts: use duid, hw-address or flex-id");
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
