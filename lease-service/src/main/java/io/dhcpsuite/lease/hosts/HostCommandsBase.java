package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.lease.hosts.HostStoreBase.Found;
import io.dhcpsuite.lease.hosts.HostStoreBase.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's host_cmds for one family ({@link HostCommands} for Dhcp4, {@link HostCommands6} for Dhcp6):
 * {@code reservation-add}, {@code -get}, {@code -get-all}, {@code -get-page},
 * {@code -get-by-address}, {@code -get-by-hostname}, {@code -get-by-id}, {@code -del},
 * {@code -update}, with Kea's arguments, texts and result codes (not found is result 3, as
 * host_cmds.cc answers; the ARM's prose still says 0), "IPv4" or "IPv6" where Kea says so. Sources
 * as Kea's {@code operation-target} names them: {@code primary} is the configuration file,
 * {@code alternate} the hosts databases; reads default to both (file first, Kea's precedence),
 * changes to the databases. Reads of the databases are queries through the repositories; a change
 * is one transaction, then the in-memory copy follows before the answer leaves, so the next packet
 * sees it. The family supplies how a host, an address and a subnet are read and checked.
 *
 * @param <R> the reservation ({@code Reservation4} or {@code Reservation6})
 * @param <A> an address ({@code Integer} or {@code BigInteger})
 */
abstract class HostCommandsBase<R, A> {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    enum Target { PRIMARY, ALTERNATE, ALL }

    /** A host given to add or update: its {@code subnet-id} (null when absent) and the host. */
    record Parsed<R>(Long subnetId, R reservation) {
    }

    private final HostStoreBase<?, R, A> store;
    private final String family;
    private final String probeType;

    /**
     * @param family    "IPv4" or "IPv6", as Kea's texts name the family
     * @param probeType the identifier type an unknown type's value is read as, so that an unreadable
     *                  value is reported first, as Kea does
     */
    HostCommandsBase(HostStoreBase<?, R, A> store, String family, String probeType) {
        this.store = store;
        this.family = family;
        this.probeType = probeType;
    }

    /** Registers the nine commands in {@code d}. */
    final void registerIn(CommandDispatcher d) {
        d.register("reservation-add", this::add);
        d.register("reservation-get", this::get);
        d.register("reservation-get-all", this::getAll);
        d.register("reservation-get-page", this::getPage);
        d.register("reservation-get-by-address", this::getByAddress);
        d.register("reservation-get-by-hostname", this::getByHostname);
        d.register("reservation-get-by-id", this::getById);
        d.register("reservation-del", this::del);
        d.register("reservation-update", this::update);
    }

    // ---- the family's parts

    /** Reads a host map of reservation-add or -update with the running configuration. */
    abstract Parsed<R> parseHost(JsonNode r, String path);

    /** The row parser of the running configuration, for reads of the databases. */
    abstract Parser<R> parser();

    /** The host map Kea prints, with {@code subnet-id} when not null. */
    abstract ObjectNode toJson(R r, Long subnetId);

    /** Each host of the configuration file: the global ones (subnet 0) first, then each subnet's. */
    abstract void eachFileHost(BiConsumer<Long, R> each);

    abstract String hostname(R r);

    /** The first address {@code r} reserves, or null. */
    abstract A firstAddress(R r);

    abstract boolean reserves(R r, A address);

    abstract String format(A address);

    /** An address of this family, or result 1 with {@code error}. */
    abstract A parseAddress(String text, String error);

    /** Result 1 when the subnet is not configured or does not hold an address of {@code r}. */
    abstract void checkSubnet(long subnetId, R r);

    /** Kea's words for where {@code address} belongs, after "The address '...' ". */
    abstract String subnetHint(A address);

    /** Result 1 when the configuration file or a database already reserves an address (or prefix) of {@code r}. */
    abstract void checkAddressDuplicates(long subnetId, R r, String type, String id);

    /** Result 1 for an identifier type Kea knows but this family's hosts do not use. */
    void checkFamilyType(String type) {
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
        Parsed<R> h = parse(r);
        long subnetId;
        if (h.subnetId() == null) {
            A ip = firstAddress(h.reservation());
            if (ip != null) {
                throw bad("Mandatory 'subnet-id' parameter missing. The address '" + format(ip) + "' "
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
        store.add(subnetId, h.reservation(), toJson(h.reservation(), null));
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
        Parsed<R> h = parse(r);
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
        if (!store.update(h.subnetId(), h.reservation(), toJson(h.reservation(), null))) {
            return CommandResponse.empty("Host not updated (not found).");
        }
        return CommandResponse.success("Host updated.");
    }

    CommandResponse del(JsonNode a) {
        Query<A> q = query(a);
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
        Query<A> q = query(a);
        Target target = target(a, Target.ALL);
        List<Found<R>> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts(q.address != null
                    ? (s, r) -> s == q.subnetId && reserves(r, q.address)
                    : (s, r) -> s == q.subnetId && matchesId(r, q.type, q.identifier)));
        }
        if (found.isEmpty() && target != Target.PRIMARY) {
            found.addAll(q.address != null ? store.byAddress(q.subnetId, q.address, parser())
                    : store.byIdentifier(q.subnetId, q.type, q.identifier, parser()));
        }
        if (found.isEmpty()) {
            return CommandResponse.empty("Host not found.");
        }
        Found<R> f = found.get(0);
        return CommandResponse.success("Host found.", toJson(f.reservation(), f.subnetId()));
    }

    CommandResponse getAll(JsonNode a) {
        if (a.isEmpty()) {
            throw bad("Parameters missing or are not a map.");
        }
        long subnetId = subnetId(a);
        Target target = target(a, Target.ALL);
        List<Found<R>> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> s == subnetId));
        }
        if (target != Target.PRIMARY) {
            found.addAll(store.bySubnet(subnetId, parser()));
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
        A address = parseAddress(ip.asString(), "Failed to parse IP address " + ip.asString());
        Long subnetId = a.has("subnet-id") ? subnetId(a) : null;
        Target target = target(a, Target.ALL);
        List<Found<R>> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> reserves(r, address) && (subnetId == null || s == subnetId)));
        }
        if (target != Target.PRIMARY) {
            found.addAll(subnetId == null ? store.byAddressAnySubnet(address, parser())
                    : store.byAddress(subnetId, address, parser()));
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
        List<Found<R>> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> hostname.equalsIgnoreCase(hostname(r))
                    && (subnetId == null || s == subnetId)));
        }
        if (target != Target.PRIMARY) {
            found.addAll(store.byHostname(hostname, subnetId, parser()));
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
        List<Found<R>> found = new ArrayList<>();
        if (target != Target.ALTERNATE) {
            found.addAll(fileHosts((s, r) -> matchesId(r, t, id)));
        }
        if (target != Target.PRIMARY) {
            found.addAll(store.byIdentifierAnySubnet(t, id, parser()));
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
        List<Found<R>> page = new ArrayList<>();
        long lastId = from;
        if (source == 0) {
            List<Found<R>> file = fileHosts((s, r) -> subnetId == null || s == subnetId);
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
            for (HostStoreBase.Row<R> row : store.page(source, subnetId, from, (int) Math.min(limit, 10_000), parser())) {
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
        page.forEach(f -> list.add(toJson(f.reservation(), subnetId == null ? f.subnetId() : null)));
        String text = page.size() + " " + family + " host(s) found.";
        if (page.isEmpty()) {
            return CommandResponse.empty(text, args);
        }
        ObjectNode next = args.putObject("next");
        next.put("from", lastId);
        next.put("source-index", source);
        return CommandResponse.success(text, args);
    }

    // ---- helpers

    private CommandResponse hosts(List<Found<R>> found, boolean withSubnet) {
        ObjectNode args = NODES.objectNode();
        ArrayNode list = args.putArray("hosts");
        found.forEach(f -> list.add(toJson(f.reservation(), withSubnet ? f.subnetId() : null)));
        String text = found.size() + " " + family + " host(s) found.";
        return found.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    /** The configuration file's hosts that {@code keep} accepts, globals first. */
    final List<Found<R>> fileHosts(BiPredicate<Long, R> keep) {
        List<Found<R>> out = new ArrayList<>();
        eachFileHost((s, r) -> {
            if (keep.test(s, r)) {
                out.add(new Found<>(s, r));
            }
        });
        return out;
    }

    final boolean matchesId(R r, String type, String id) {
        return store.matchesId(r, type, id);
    }

    final String identifierType(R r) {
        return store.identifierType(r);
    }

    final String identifierValue(R r) {
        return store.identifierValue(r);
    }

    /** One host per identifier and scope across the file and the databases, then the family's address rules. */
    private void checkFileDuplicates(long subnetId, R r) {
        String type = identifierType(r);
        String id = identifierValue(r);
        if (!fileHosts((s, x) -> s == subnetId && matchesId(x, type, id)).isEmpty()) {
            throw bad("Database duplicate entry error: the configuration file already has a reservation for "
                    + type + " '" + id + "' in subnet " + subnetId);
        }
        checkAddressDuplicates(subnetId, r, type, id);
    }

    private void validateForSubnet(long subnetId, R r) {
        if (subnetId != 0) {
            checkSubnet(subnetId, r);
        }
    }

    private Parsed<R> parse(JsonNode r) {
        if (!r.isObject()) {
            throw bad("reservation must be a map");
        }
        try {
            return parseHost(r, "reservation");
        } catch (ConfigException e) {
            throw bad(e.getMessage());
        }
    }

    /** The (subnet-id, ip-address) or (subnet-id, identifier-type, identifier) of get and del. */
    private record Query<A>(long subnetId, A address, String type, String identifier) {
    }

    private Query<A> query(JsonNode a) {
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
            A address = parseAddress(addr.asString(),
                    "Failed to convert string to address '" + addr.asString() + "': Invalid argument");
            if (subnetId == null) {
                throw bad("missing parameter 'subnet-id', use 'reservation-get-by-address' with 'ip-address' set to \""
                        + addr.asString() + "\" to get the list of reservations with this address");
            }
            return new Query<>(subnetId, address, null, null);
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
        return new Query<>(subnetId, null, t, id);
    }

    private String identifierType(String type, String ident) {
        // Kea parses the identifier before the type: an unreadable value is reported first
        if (!HostJson.identifierTypes().contains(type)) {
            identifier(ident, probeType);
            throw bad("Value of 'identifier-type' was not recognized.");
        }
        checkFamilyType(type);
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

    static CommandException bad(String text) {
        return new CommandException(ResultCode.ERROR, text);
    }
}
