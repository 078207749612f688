package io.dhcpsuite.dhcp.command;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.api.stats.StatisticCommands;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.processing.DhcpState;
import io.dhcpsuite.dhcp.selection.Selection;
import io.dhcpsuite.dhcp.selection.SelectionQuery;
import io.dhcpsuite.dhcp.selection.SubnetSelector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Registers the DHCPv4 service's commands with Kea's texts and result codes. */
public final class DhcpCommands {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DhcpCommands() {
    }

    /**
     * @param sockets adds {@code sockets} to status-get (status ready/failed, errors)
     */
    public static CommandDispatcher register(CommandDispatcher d, Clock clock, Statistics stats, DhcpState state,
                                             SuiteConfig config, SubnetSelector selector,
                                             Consumer<ObjectNode> sockets) {
        java.time.Instant started = clock.instant();
        return register(d, clock, stats, state, () -> config, () -> selector, () -> started, sockets);
    }

    /**
     * @param config       the running configuration, read per command (config-set swaps it)
     * @param selector     the running subnet selector (subnet4-select-test)
     * @param configuredAt when the running configuration was installed (status-get {@code reload})
     */
    public static CommandDispatcher register(CommandDispatcher d, Clock clock, Statistics stats, DhcpState state,
                                             Supplier<SuiteConfig> config, Supplier<SubnetSelector> selector,
                                             Supplier<java.time.Instant> configuredAt, Consumer<ObjectNode> sockets) {
        BasicCommands.register(d, "kea-dhcp4", clock, status -> {
            status.put("reload", java.time.Duration.between(configuredAt.get(), clock.instant()).toSeconds());
            status.put("multi-threading-enabled", true);
            status.set("dhcp-state", dhcpState(state));
            if (sockets != null) {
                sockets.accept(status);
            }
        });
        StatisticCommands.register(d, stats);
        registerNetworkState(d, state, "DHCPv4");
        ConfigPhases.registerGet(d, () -> dhcp4(config.get()));
        d.register("server-tag-get", a -> {
            ObjectNode out = JSON.createObjectNode();
            SuiteConfig c = config.get();
            out.put("server-tag", c.dhcp4() == null || c.dhcp4().serverTag() == null ? "" : c.dhcp4().serverTag());
            return CommandResponse.success(null, out);
        });
        d.register("subnet4-select-test", a -> selectTest(a, selector.get()));
        return d;
    }

    /**
     * Kea's {@code dhcp-disable} and {@code dhcp-enable} over one service's network state
     * ({@code family} DHCPv4 or DHCPv6, as the answer's text names it).
     */
    public static void registerNetworkState(CommandDispatcher d, DhcpState state, String family) {
        d.register("dhcp-disable", a -> {
            int origin = origin(a);
            long max = 0;
            JsonNode m = a.get("max-period");
            if (m != null) {
                if (!m.canConvertToLong() || m.asLong() <= 0) {
                    throw CommandException.badArgument("'max-period' must be positive integer");
                }
                max = m.asLong();
            }
            state.disable(origin, max);
            return CommandResponse.success(family + " service disabled" + (max > 0 ? " for " + max + " seconds" : ""));
        });
        d.register("dhcp-enable", a -> {
            state.enable(origin(a));
            return CommandResponse.success("DHCP service successfully enabled");
        });
    }

    /**
     * kea-dhcp6's {@code status-get}, for {@code "service": ["dhcp6"]}: the main table's answer
     * (registered by {@link #register}) with {@code dhcp-state} from DHCPv6's own network state,
     * which HA and {@code dhcp-disable} for dhcp6 change apart from DHCPv4's.
     */
    public static void registerStatus6(io.dhcpsuite.api.command.ServiceDispatcher d, DhcpState state6) {
        d.dhcp6().register("status-get", a -> {
            CommandResponse r = d.dispatch(io.dhcpsuite.api.command.CommandRequest.of("status-get", a));
            if (r.arguments() instanceof ObjectNode status) {
                status.set("dhcp-state", dhcpState(state6));
            }
            return r;
        });
    }

    private static JsonNode dhcp4(SuiteConfig config) {
        JsonNode raw = config.raw() == null ? null : config.raw().get("Dhcp4");
        return raw == null ? JSON.createObjectNode() : raw;
    }

    static int origin(JsonNode a) {
        JsonNode id = a.get("origin-id");
        if (id != null) {
            if (!id.canConvertToInt()) {
                throw CommandException.badArgument("'origin-id' argument must be a number");
            }
            return id.asInt();
        }
        JsonNode o = a.get("origin");
        if (o == null) {
            return DhcpState.ORIGIN_USER;
        }
        if (o.isString()) {
            String s = o.asString();
            if ("user".equals(s)) {
                return DhcpState.ORIGIN_USER;
            }
            if ("ha-partner".equals(s)) {
                return DhcpState.ORIGIN_HA_PARTNER;
            }
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw CommandException.badArgument("invalid value used for 'origin' parameter: " + s);
            }
        }
        if (o.canConvertToInt()) {
            return o.asInt();
        }
        throw CommandException.badArgument("'origin' argument must be a string or a number");
    }

    static ObjectNode dhcpState(DhcpState state) {
        Map<Integer, java.time.Instant> origins = state.origins();
        ObjectNode s = JSON.createObjectNode();
        s.put("globally-disabled", !origins.isEmpty());
        s.put("disabled-by-user", origins.containsKey(DhcpState.ORIGIN_USER));
        ArrayNode local = s.putArray("disabled-by-local-command");
        ArrayNode remote = s.putArray("disabled-by-remote-command");
        ArrayNode db = s.putArray("disabled-by-db-connection");
        for (int o : origins.keySet()) {
            if (o >= DhcpState.ORIGIN_DB_CONNECTION) {
                db.add(o);
            } else if (o >= DhcpState.ORIGIN_HA_PARTNER) {
                remote.add(o);
            } else if (o >= DhcpState.ORIGIN_HA_LOCAL) {
                local.add(o);
            }
        }
        s.put("disabled-by-user", origins.containsKey(DhcpState.ORIGIN_USER));
        return s;
    }

    private static CommandResponse selectTest(JsonNode a, SubnetSelector selector) {
        String iface = a.hasNonNull("interface") ? a.get("interface").asString() : null;
        int ciaddr = addr(a, "address");
        int giaddr = addr(a, "relay");
        int local = addr(a, "local");
        int remote = addr(a, "remote");
        int link = addr(a, "link");
        int subnetSel = addr(a, "subnet");
        Set<String> classes = new LinkedHashSet<>();
        classes.add("ALL");
        JsonNode cs = a.get("classes");
        if (cs != null) {
            if (!cs.isArray()) {
                throw CommandException.badArgument("'classes' must be a list");
            }
            cs.forEach(c -> classes.add(c.asString()));
        }
        List<Integer> ifaceAddrs = new ArrayList<>();
        if (local != 0) {
            ifaceAddrs.add(local);
        }
        Selection s = selector.select(new SelectionQuery(link != 0 ? link : subnetSel, giaddr, ciaddr, remote,
                local, local == 0xFFFF_FFFF, iface, ifaceAddrs, classes));
        if (s == null) {
            return CommandResponse.empty("no subnet selected");
        }
        if (s.subnet().sharedNetwork() != null) {
            return CommandResponse.success("selected shared network '" + s.subnet().sharedNetwork()
                    + "' starting with subnet '" + s.subnet().text() + "' id " + s.subnet().id());
        }
        return CommandResponse.success("selected subnet '" + s.subnet().text() + "' id " + s.subnet().id());
    }

    private static int addr(JsonNode a, String key) {
        JsonNode n = a.get(key);
        if (n == null || n.isNull()) {
            return 0;
        }
        Integer v = n.isString() ? Ipv4.tryParse(n.asString()) : null;
        if (v == null) {
            throw CommandException.badArgument("'" + key + "' must be an IPv4 address");
        }
        return v;
    }
}
