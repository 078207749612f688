package io.dhcpsuite.gateway.rest;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists leases for {@code GET /api/v1/leases4} on top of Kea's lease commands. Filtering by hardware
 * address uses {@code lease4-get-by-hw-address} (an index in lease-service); everything else walks
 * {@code lease4-get-page} in address order and filters here. One request examines at most
 * {@link #SCAN_BUDGET} leases: when the budget runs out first, the page may hold fewer items than
 * asked (even none) but always carries a cursor, so a sparse filter over a million leases costs
 * many cheap requests instead of one that times out.
 */
final class LeaseLister {
    static final int SCAN_BUDGET = 10_000;
    private static final int MAX_PAGE = 1000;
    private final Function<CommandRequest, CommandResponse> leaseService;

    /** {@code leaseService} sends one lease command to lease-service and returns its answer. */
    LeaseLister(Function<CommandRequest, CommandResponse> leaseService) {
        this.leaseService = leaseService;
    }

    record Page(List<JsonNode> items, String nextCursor) {
    }

    Page list(LeaseFilter filter, int limit, String cursor) {
        String after = cursor == null || cursor.isEmpty() ? null : LeaseCursor.decode(cursor);
        return filter.hwAddress() != null ? byHwAddress(filter, limit, after) : byPages(filter, limit, after);
    }

    private Page byHwAddress(LeaseFilter filter, int limit, String after) {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("hw-address", filter.hwAddress());
        List<JsonNode> leases = leases(call("lease4-get-by-hw-address", args));
        long from = after == null ? -1 : Ipv4.toLong(after);
        List<JsonNode> matching = leases.stream()
                .filter(filter::matches)
                .filter(l -> address(l) > from)
                .sorted(Comparator.comparingLong(LeaseLister::address))
                .toList();
        if (matching.size() <= limit) {
            return new Page(matching, null);
        }
        List<JsonNode> items = matching.subList(0, limit);
        return new Page(items, LeaseCursor.encode(items.getLast().path("ip-address").asString()));
    }

    private Page byPages(LeaseFilter filter, int limit, String after) {
        // One more than the caller's limit, so a page that ends the data is known as the last one.
        int pageSize = Math.min(MAX_PAGE, Math.max(limit, 100)) + 1;
        String from = after == null ? "start" : after;
        List<JsonNode> items = new ArrayList<>();
        int scanned = 0;
        while (true) {
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("from", from).put("limit", pageSize);
            List<JsonNode> page = leases(call("lease4-get-page", args));
            // Kea: the end of the data is a page shorter than the limit (or result 3, no page).
            boolean last = page.size() < pageSize;
            for (int i = 0; i < page.size(); i++) {
                JsonNode lease = page.get(i);
                if (filter.matches(lease)) {
                    items.add(lease);
                    if (items.size() == limit) {
                        boolean more = !(last && i == page.size() - 1);
                        return new Page(items, more ? LeaseCursor.encode(lease.path("ip-address").asString()) : null);
                    }
                }
            }
            scanned += page.size();
            if (last) {
                return new Page(items, null);
            }
            from = page.getLast().path("ip-address").asString();
            if (scanned >= SCAN_BUDGET) {
                return new Page(items, LeaseCursor.encode(from));
            }
        }
    }

    private CommandResponse call(String command, ObjectNode args) {
        CommandResponse answer = leaseService.apply(CommandRequest.of(command, args));
        if (answer.result() != ResultCode.SUCCESS && answer.result() != ResultCode.EMPTY) {
            throw Problems.fromKea(answer, Problems.LEASE_NOT_FOUND, Problems.LEASE_CONFLICT);
        }
        return answer;
    }

    /** The leases of an answer; result 3 (none) is an empty list, as Kea answers an empty page. */
    private static List<JsonNode> leases(CommandResponse answer) {
        List<JsonNode> leases = new ArrayList<>();
        if (answer.result() == ResultCode.SUCCESS && answer.arguments() != null) {
            answer.arguments().path("leases").forEach(leases::add);
        }
        return leases;
    }

    private static long address(JsonNode lease) {
        return Ipv4.toLong(lease.path("ip-address").asString(""));
    }
}
