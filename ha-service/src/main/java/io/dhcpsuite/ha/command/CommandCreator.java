package io.dhcpsuite.ha.command;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.config.ha.HaState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commands one HA peer sends another, with the arguments Kea's {@code command_creator.cc}
 * puts in them, so a Kea partner understands them and a Kea sender is understood. Requests carry
 * {@code "service": ["dhcp4"]} as Kea's do (a Control Agent in front of the partner needs it).
 */
public final class CommandCreator {
    /** Kea's {@code dhcp4} and {@code dhcp6}: the service a relationship belongs to and its commands name. */
    public static final String DHCP4_SERVICE = "dhcp4";
    public static final String DHCP6_SERVICE = "dhcp6";
    /** The commands a partner may send to the HA listener of the DHCPv6 service (Kea's {@code ha_commands6_}). */
    public static final List<String> HA_COMMANDS6 = List.of("list-commands", "status-get", "dhcp-disable",
            "dhcp-enable", "ha-reset", "ha-heartbeat", "lease6-bulk-apply", "lease6-update", "lease6-del",
            "lease6-get-all", "lease6-get-page", "ha-maintenance-notify", "ha-sync-complete-notify");
    /** The commands a partner may send to the HA listener (Kea's restrict-commands allowlist, v4). */
    public static final List<String> HA_COMMANDS4 = List.of("list-commands", "status-get", "dhcp-disable",
            "dhcp-enable", "ha-reset", "ha-heartbeat", "lease4-update", "lease4-del", "lease4-get-all",
            "lease4-get-page", "ha-maintenance-notify", "ha-sync-complete-notify");
    /** RFC 1123 with a two-digit day, as Kea's HttpDateTime writes {@code date-time}. */
    static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> DHCP4 = List.of("dhcp4");

    private CommandCreator() {
    }

    /**
     * {@code request} for Kea service {@code service} ({@code dhcp6} for a DHCPv6 relationship, as
     * Kea's {@code insertService} names it); the request itself for {@code dhcp4}.
     */
    public static CommandRequest forService(CommandRequest request, String service) {
        if (service == null || service.equals(DHCP4_SERVICE)) {
            return request;
        }
        return new CommandRequest(request.command(), List.of(service), request.arguments());
    }

    /** {@code from} is "start" or the last address of the previous page. */
    public static CommandRequest lease6GetPage(String from, long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit value for lease6-get-page command must not be 0");
        }
        ObjectNode a = JSON.objectNode();
        a.put("from", from);
        a.put("limit", limit);
        return new CommandRequest("lease6-get-page", List.of(DHCP6_SERVICE), a);
    }

    public static CommandRequest heartbeat(String serverName) {
        ObjectNode a = JSON.objectNode();
        a.put("server-name", serverName);
        return new CommandRequest("ha-heartbeat", DHCP4, a);
    }

    /** Disables the partner's DHCP during a sync; {@code max-period} keeps a crashed syncer from leaving it off. */
    public static CommandRequest dhcpDisable(int originId, long maxPeriodSeconds) {
        ObjectNode a = JSON.objectNode();
        a.put("origin-id", originId);
        a.put("origin", "ha-partner");
        if (maxPeriodSeconds > 0) {
            a.put("max-period", maxPeriodSeconds);
        }
        return new CommandRequest("dhcp-disable", DHCP4, a);
    }

    public static CommandRequest dhcpEnable(int originId) {
        ObjectNode a = JSON.objectNode();
        a.put("origin-id", originId);
        a.put("origin", "ha-partner");
        return new CommandRequest("dhcp-enable", DHCP4, a);
    }

    /** {@code from} is "start" or the last address of the previous page. */
    public static CommandRequest lease4GetPage(String from, long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit value for lease4-get-page command must not be 0");
        }
        ObjectNode a = JSON.objectNode();
        a.put("from", from);
        a.put("limit", limit);
        return new CommandRequest("lease4-get-page", DHCP4, a);
    }

    /**
     * The suite's incremental sync page (a partner that is a suite serves it, a Kea answers 2):
     * leases after ({@code cltt}, {@code address}) in that order; {@code cltt} negative for the start.
     */
    public static CommandRequest haSyncPage(long cltt, String address, long limit) {
        ObjectNode a = JSON.objectNode();
        if (cltt >= 0) {
            ObjectNode after = a.putObject("after");
            after.put("cltt", cltt);
            if (address != null) {
                after.put("ip-address", address);
            }
        }
        a.put("limit", limit);
        return new CommandRequest("ha-sync-page", DHCP4, a);
    }

    public static CommandRequest syncCompleteNotify(String serverName, int originId) {
        ObjectNode a = JSON.objectNode();
        a.put("server-name", serverName);
        a.put("origin-id", originId);
        // Kea before 2.5.8 reads the legacy origin
        a.put("origin", originId);
        return new CommandRequest("ha-sync-complete-notify", DHCP4, a);
    }

    public static CommandRequest reset(String serverName) {
        ObjectNode a = JSON.objectNode();
        a.put("server-name", serverName);
        return new CommandRequest("ha-reset", DHCP4, a);
    }

    public static CommandRequest maintenanceNotify(String serverName, boolean cancel, HaState state) {
        ObjectNode a = JSON.objectNode();
        a.put("server-name", serverName);
        a.put("cancel", cancel);
        a.put("state", state.wire());
        return new CommandRequest("ha-maintenance-notify", DHCP4, a);
    }

    /**
     * A lease from the partner's {@code lease4-get-page} as this server's {@code lease4-update}:
     * {@code expire} instead of {@code cltt} (the lease commands read expire), forced creation,
     * origin {@code ha-partner} so the change is never sent back.
     */
    public static CommandRequest lease4UpdateFromPartner(JsonNode lease) {
        ObjectNode a = (ObjectNode) lease.deepCopy();
        if (a.has("cltt") && a.has("valid-lft")) {
            a.put("expire", a.get("cltt").asLong() + a.get("valid-lft").asLong());
        }
        a.remove("cltt");
        a.put("force-create", true);
        a.put("origin", "ha-partner");
        return new CommandRequest("lease4-update", DHCP4, a);
    }

    /** The arguments of a heartbeat answer. */
    public static ObjectNode heartbeatAnswer(HaState state, Instant now, List<String> scopes, long unsentUpdates) {
        ObjectNode a = JSON.objectNode();
        a.put("state", state.wire());
        a.put("date-time", RFC1123.format(now));
        ArrayNode s = a.putArray("scopes");
        scopes.forEach(s::add);
        a.put("unsent-update-count", unsentUpdates);
        return a;
    }

    /** Parses a heartbeat's {@code date-time}; null if absent or unreadable (skew then stays unknown). */
    public static Instant parseDateTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
