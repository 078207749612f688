package io.dhcpsuite.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.gateway.api.ServiceClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * DHCPv6 leases as resources, beside {@code /api/v1/leases4}: Kea's lease6 JSON (the
 * {@code lease6-get} map), addressed by address and {@code type} (IA_NA, the default, or IA_PD), and
 * listed in address order with an opaque cursor over {@code lease6-get-page}.
 */
@RestController
@RequestMapping("/api/v1/leases6")
@Tag(name = "leases6", description = "DHCPv6 leases (Kea's lease_cmds: lease6-get-page, lease6-get, lease6-add, lease6-del)")
class Lease6Resource {
    private static final int MAX_LIMIT = 1000;
    private static final String CURSOR_PREFIX = "v6:";
    private final ServiceClient client;

    Lease6Resource(ServiceClient client) {
        this.client = client;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LeasePage(List<JsonNode> items, @JsonProperty("next-cursor") String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "List DHCPv6 leases in address order, optionally of one subnet, with cursor pagination")
    LeasePage list(
            @Parameter(description = "only leases of this subnet") @RequestParam(name = "subnet-id", required = false) Long subnetId,
            @Parameter(description = "at most this many leases (1-1000)") @RequestParam(name = "limit", defaultValue = "100") int limit,
            @Parameter(description = "next-cursor of the previous page") @RequestParam(name = "cursor", required = false) String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.invalidParameter("limit must be between 1 and " + MAX_LIMIT);
        }
        String from = cursor == null || cursor.isEmpty() ? "start" : decode(cursor);
        List<JsonNode> items = new ArrayList<>();
        int scanned = 0;
        while (items.size() < limit && scanned < LeaseLister.SCAN_BUDGET) {
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("from", from).put("limit", MAX_LIMIT);
            CommandResponse page = lease(CommandRequest.of("lease6-get-page", args));
            if (page.result() == ResultCode.EMPTY) {
                return new LeasePage(items, null);
            }
            List<JsonNode> leases = expect(page).arguments().path("leases").valueStream().toList();
            for (JsonNode l : leases) {
                scanned++;
                from = l.path("ip-address").asString();
                if (subnetId == null || l.path("subnet-id").asLong() == subnetId) {
                    items.add(l);
                    if (items.size() == limit) {
                        return new LeasePage(items, encode(from));
                    }
                }
            }
            if (leases.size() < MAX_LIMIT) {
                return new LeasePage(items, null);
            }
        }
        return new LeasePage(items, encode(from));
    }

    @GetMapping("/{address}")
    @Operation(summary = "One lease by address or prefix (lease6-get)")
    JsonNode get(@PathVariable String address,
                 @Parameter(description = "IA_NA (default) or IA_PD") @RequestParam(name = "type", defaultValue = "IA_NA") String type) {
        return expect(lease(CommandRequest.of("lease6-get", addressArgs(address, type)))).arguments();
    }

    @DeleteMapping("/{address}")
    @Operation(summary = "Delete a lease (lease6-del)")
    ResponseEntity<Void> delete(@PathVariable String address,
                                @RequestParam(name = "type", defaultValue = "IA_NA") String type) {
        expect(lease(CommandRequest.of("lease6-del", addressArgs(address, type))));
        return ResponseEntity.noContent().build();
    }

    @PostMapping
    @Operation(summary = "Add a lease (lease6-add); the body is lease6-add's arguments",
            description = "ip-address, duid and iaid are required; type (IA_NA/IA_PD), prefix-len and subnet-id "
                    + "(required for IA_PD), preferred-lft, valid-lft, expire, hw-address, hostname, fqdn-fwd, "
                    + "fqdn-rev, state and user-context are optional. 409 when the lease exists.")
    ResponseEntity<JsonNode> add(@RequestBody JsonNode lease) {
        if (lease == null || !lease.isObject()) {
            throw Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST, "Malformed request",
                    "the body must be a JSON map with the lease");
        }
        expect(lease(CommandRequest.of("lease6-add", lease)));
        String address = lease.path("ip-address").asString();
        String type = lease.path("type").asString("IA_NA");
        JsonNode stored = expect(lease(CommandRequest.of("lease6-get", addressArgs(address, type)))).arguments();
        return ResponseEntity.created(URI.create("/api/v1/leases6/" + stored.path("ip-address").asString()
                + ("IA_PD".equals(type) ? "?type=IA_PD" : ""))).body(stored);
    }

    private static ObjectNode addressArgs(String address, String type) {
        if (!address.contains(":")) {
            throw Problems.invalidParameter("'" + address + "' is not an IPv6 address");
        }
        if (!type.equals("IA_NA") && !type.equals("IA_PD")) {
            throw Problems.invalidParameter("type must be IA_NA or IA_PD");
        }
        return JsonNodeFactory.instance.objectNode().put("ip-address", address).put("type", type);
    }

    private CommandResponse lease(CommandRequest request) {
        return client.forward("dhcp6", request);
    }

    private static CommandResponse expect(CommandResponse answer) {
        if (answer.result() != ResultCode.SUCCESS) {
            throw Problems.fromKea(answer, Problems.LEASE_NOT_FOUND, Problems.LEASE_CONFLICT);
        }
        return answer;
    }

    private static String encode(String lastAddress) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + lastAddress).getBytes(StandardCharsets.US_ASCII));
    }

    private static String decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            text = "";
        }
        if (!text.startsWith(CURSOR_PREFIX) || !text.substring(CURSOR_PREFIX.length()).matches("[0-9a-fA-F:.]+")) {
            throw Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_CURSOR, "Invalid cursor",
                    "the cursor was not issued by this API; start again without one");
        }
        return text.substring(CURSOR_PREFIX.length());
    }
}
