package io.dhcpsuite.ddns.command;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.ConfigHash;
import io.dhcpsuite.api.stats.StatisticCommands;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.d2.D2Config;
import io.dhcpsuite.config.d2.D2ConfigParser;
import io.dhcpsuite.ddns.dns.D2Stats;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers D2's commands. {@code config-get} shows the {@code DhcpDdns} section with every TSIG
 * secret replaced by stars (the hash is over that masked form, so it never reveals a secret either).
 * {@code statistic-reset-all} resets the per-key counters too.
 */
public final class D2Commands {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private D2Commands() {
    }

    /**
     * @param shutdown called after the answer is built with Kea's shutdown type
     *                 ({@code normal}, {@code drain_first} or {@code now})
     */
    public static CommandDispatcher register(CommandDispatcher d, Clock clock, Statistics stats, D2Config config,
                                             Consumer<ObjectNode> status, Consumer<String> shutdown) {
        BasicCommands.register(d, "kea-dhcp-ddns", clock, status);
        d.register("config-get", a -> {
            ObjectNode out = wrapped(config);
            out.put("hash", hash(wrapped(config)));
            return CommandResponse.success(null, out);
        });
        d.register("config-hash-get", a -> {
            ObjectNode out = JSON.createObjectNode();
            out.put("hash", hash(wrapped(config)));
            return CommandResponse.success(null, out);
        });
        // D2 has only these four statistic commands (Kea 2.0+).
        StatisticCommands.registerBasic(d, stats);
        d.register("shutdown", a -> {
            String type = "normal";
            JsonNode t = a.get("type");
            if (t != null) {
                if (!t.isString() || !List.of("normal", "drain_first", "now").contains(t.asString())) {
                    throw CommandException.badArgument("Invalid Shutdown type: " + t.asString(String.valueOf(t)));
                }
                type = t.asString();
            }
            shutdown.accept(type);
            return CommandResponse.success("Shutdown initiated, type is: " + type);
        });
        D2Stats.init(stats, config.tsigKeys().keySet());
        return d;
    }

    private static ObjectNode wrapped(D2Config config) {
        ObjectNode out = JSON.createObjectNode();
        out.set("DhcpDdns", D2ConfigParser.masked(config));
        return out;
    }

    static String hash(JsonNode node) {
        return ConfigHash.of(node);
    }
}
