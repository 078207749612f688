package io.dhcpsuite.lease.v6.command;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.stats.Statistics;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's stat_cmds hook: {@code stat-lease4-get} and {@code stat-lease6-get}, the lease counts per
 * subnet as a result set ({@code columns}, {@code rows}, {@code timestamp}), for all subnets, one
 * {@code subnet-id} or a {@code subnet-range}, read from the lease statistics the stores keep.
 */
public final class StatLeaseCommands {
    static final List<String> COLUMNS4 = List.of("subnet-id", "total-addresses", "cumulative-assigned-addresses",
            "assigned-addresses", "declined-addresses");
    static final List<String> COLUMNS6 = List.of("subnet-id", "total-nas", "cumulative-assigned-nas", "assigned-nas",
            "declined-nas", "total-pds", "cumulative-assigned-pds", "assigned-pds");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private StatLeaseCommands() {
    }

    /** stat-lease4-get over the v4 lease statistics; {@code subnets} gives the configured v4 subnet ids. */
    public static void register4(CommandDispatcher d, Statistics stats, Supplier<List<Long>> subnets) {
        d.register("stat-lease4-get", a -> get("stat-lease4-get", a, stats, subnets.get(), COLUMNS4));
    }

    /** stat-lease6-get over the v6 lease statistics; {@code subnets} gives the configured v6 subnet ids. */
    public static void register6(CommandDispatcher d, Statistics stats, Supplier<List<Long>> subnets) {
        d.register("stat-lease6-get", a -> get("stat-lease6-get", a, stats, subnets.get(), COLUMNS6));
    }

    static CommandResponse get(String command, JsonNode a, Statistics stats, List<Long> configured, List<String> columns) {
        List<Long> ids = new ArrayList<>();
        String scope;
        if (a.has("subnet-id") && a.has("subnet-range")) {
            throw CommandException.badArgument("cannot specify both subnet-id and subnet-range");
        }
        if (a.has("subnet-id")) {
            long id = positive(a.get("subnet-id"), "subnet-id");
            if (!configured.contains(id)) {
                return CommandResponse.empty(command + "[subnet-id=" + id + "]: no matching data, subnet-id: " + id
                        + " does not exist", JsonNodeFactory.instance.objectNode());
            }
            ids.add(id);
            scope = "subnet-id=" + id;
        } else if (a.has("subnet-range")) {
            JsonNode r = a.get("subnet-range");
            if (!r.isObject()) {
                throw CommandException.badArgument("'subnet-range' parameter must be a map");
            }
            long first = positive(r.get("first-subnet-id"), "first-subnet-id");
            long last = positive(r.get("last-subnet-id"), "last-subnet-id");
            if (last < first) {
                throw CommandException.badArgument("last-subnet-id must be greater than first-subnet-id");
            }
            for (long id : configured) {
                if (id >= first && id <= last) {
                    ids.add(id);
                }
            }
            scope = "subnets " + first + " through " + last;
        } else {
            ids.addAll(configured);
            scope = "all subnets";
        }
        ids.sort(Long::compare);
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode set = json.objectNode();
        ArrayNode cols = set.putArray("columns");
        columns.forEach(cols::add);
        ArrayNode rows = set.putArray("rows");
        for (long id : ids) {
            ArrayNode row = rows.addArray().add(id);
            for (String c : columns.subList(1, columns.size())) {
                // Kea's declined-nas column is the subnet's declined-addresses statistic
                row.add(stats.value("subnet[" + id + "]." + (c.equals("declined-nas") ? "declined-addresses" : c)));
            }
        }
        set.put("timestamp", STAMP.format(LocalDateTime.now(ZoneOffset.UTC)));
        ObjectNode args = json.objectNode();
        args.set("result-set", set);
        String text = command + "[" + scope + "]: " + ids.size() + " rows found";
        return ids.isEmpty() ? CommandResponse.empty(text, args) : CommandResponse.success(text, args);
    }

    private static long positive(JsonNode n, String key) {
        if (n == null) {
            throw CommandException.badArgument("'" + key + "' parameter not specified");
        }
        if (!n.isIntegralNumber() || n.asLong() <= 0) {
            throw CommandException.badArgument("'" + key + "' parameter must be a positive integer");
        }
        return n.asLong();
    }
}
