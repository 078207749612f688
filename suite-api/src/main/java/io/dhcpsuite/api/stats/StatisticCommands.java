package io.dhcpsuite.api.stats;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's statistic-* commands (stats_mgr.cc) over one service's {@link Statistics}, with Kea's
 * texts: an unknown name is result 0 with {@code {}} for statistic-get, result 1 for reset/remove.
 */
public final class StatisticCommands {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatisticCommands() {
    }

    /** All of Kea's statistic commands. */
    public static void register(CommandDispatcher d, Statistics stats) {
        registerBasic(d, stats);
        registerRetention(d, stats);
    }

    /** get, get-all, reset, reset-all: what Kea's D2 supports. */
    public static void registerBasic(CommandDispatcher d, Statistics stats) {
        d.register("statistic-get", a -> {
            String name = name(a);
            ObjectNode out = JSON.createObjectNode();
            List<List<Object>> samples = stats.samples(name);
            if (samples != null) {
                out.set(name, JSON.valueToTree(samples));
            }
            return CommandResponse.success(null, out);
        });
        d.register("statistic-get-all", a -> {
            Map<String, List<List<Object>>> all = stats.all();
            return CommandResponse.success(null, JSON.valueToTree(all));
        });
        d.register("statistic-reset", a -> {
            String name = known(stats, a);
            stats.stat(name).reset();
            return CommandResponse.success("Statistic '" + name + "' reset.");
        });
        d.register("statistic-reset-all", a -> {
            stats.resetAll();
            return CommandResponse.success("All statistics reset to neutral values.");
        });
    }

    private static void registerRetention(CommandDispatcher d, Statistics stats) {
        d.register("statistic-remove", a -> {
            String name = known(stats, a);
            stats.remove(name);
            return CommandResponse.success("Statistic '" + name + "' removed.");
        });
        d.register("statistic-remove-all", a -> {
            stats.removeAll();
            return CommandResponse.success("All statistics removed.");
        });
        d.register("statistic-sample-count-set", a -> {
            String name = known(stats, a);
            stats.stat(name).setLimits(positive(a, "max-samples"), Duration.ZERO);
            return CommandResponse.success("Statistic '" + name + "' samples limit set.");
        });
        d.register("statistic-sample-count-set-all", a -> {
            stats.setDefaultMaxSamples(positive(a, "max-samples"));
            return CommandResponse.success("All statistics count limit are set.");
        });
        d.register("statistic-sample-age-set", a -> {
            String name = known(stats, a);
            stats.stat(name).setLimits(0, Duration.ofSeconds(positive(a, "duration")));
            return CommandResponse.success("Statistic '" + name + "' duration limit is set.");
        });
        d.register("statistic-sample-age-set-all", a -> {
            stats.setDefaultMaxAge(Duration.ofSeconds(positive(a, "duration")));
            return CommandResponse.success("All statistics duration limit are set.");
        });
    }

    private static String name(JsonNode a) {
        JsonNode n = a.get("name");
        if (n == null || !n.isString()) {
            throw CommandException.badArgument("'name' parameter not specified");
        }
        return n.asString();
    }

    private static String known(Statistics stats, JsonNode a) {
        String name = name(a);
        if (!stats.exists(name)) {
            throw new CommandException(ResultCode.ERROR, "No '" + name + "' statistic found");
        }
        return name;
    }

    private static int positive(JsonNode a, String key) {
        JsonNode n = a.get(key);
        if (n == null || !n.canConvertToInt() || n.asInt() <= 0) {
            throw CommandException.badArgument("'" + key + "' parameter not specified or not a positive integer");
        }
        return n.asInt();
    }
}
