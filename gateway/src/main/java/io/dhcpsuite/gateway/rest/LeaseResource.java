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
import java.util.List;
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
 * DHCPv4 leases as resources. Leases are Kea's lease JSON (the {@code lease4-get} map), so what a
 * script learned from the command API reads the same here.
 */
@RestController
@RequestMapping("/api/v1/leases4")
@Tag(name = "leases4", description = "DHCPv4 leases (Kea's lease_cmds: lease4-get-page, lease4-get, lease4-add, lease4-del)")
class LeaseResource {
    static final int MAX_LIMIT = 1000;
    private final ServiceClient client;
    private final LeaseLister lister;

    LeaseResource(ServiceClient client) {
        this.client = client;
        this.lister = new LeaseLister(this::lease);
    }

    /** One page of {@code GET /api/v1/leases4}; {@code next-cursor} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LeasePage(List<JsonNode> items, @JsonProperty("next-cursor") String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "List leases, filtered, in address order, with cursor pagination")
    LeasePage list(
            @Parameter(description = "only leases of this subnet") @RequestParam(name = "subnet-id", required = false) Long subnetId,
            @Parameter(description = "0-4 or default, declined, expired-reclaimed, released, registered")
            @RequestParam(name = "state", required = false) String state,
            @Parameter(description = "hardware address, e.g. 1a:1b:1c:1d:1e:1f") @RequestParam(name = "hw-address", required = false) String hwAddress,
            @Parameter(description = "host name prefix, case-insensitive") @RequestParam(name = "hostname", required = false) String hostname,
            @Parameter(description = "at most this many leases (1-1000)") @RequestParam(name = "limit", defaultValue = "100") int limit,
            @Parameter(description = "next-cursor of the previous page") @RequestParam(name = "cursor", required = false) String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.invalidParameter("limit must be between 1 and " + MAX_LIMIT);
        }
        LeaseLister.Page page = lister.list(LeaseFilter.of(subnetId, state, hwAddress, hostname), limit, cursor);
        return new LeasePage(page.items(), page.nextCursor());
    }

    @GetMapping("/{address}")
    @Operation(summary = "One lease by address (lease4-get)")
    JsonNode get(@PathVariable String address) {
        return expect(lease(CommandRequest.of("lease4-get", addressArgs(address)))).arguments();
    }

    @DeleteMapping("/{address}")
    @Operation(summary = "Delete a lease (lease4-del)")
    ResponseEntity<Void> delete(@PathVariable String address) {
        expect(lease(CommandRequest.of("lease4-del", addressArgs(address))));
        return ResponseEntity.noContent().build();
    }

    @PostMapping
    @Operation(summary = "Add a lease (lease4-add); the body is lease4-add's arguments",
            description = "ip-address and hw-address are required; subnet-id, valid-lft, expire, hostname, "
                    + "fqdn-fwd, fqdn-rev, client-id, state and user-context are optional. 409 when the lease exists.")
    ResponseEntity<JsonNode> add(@RequestBody JsonNode lease) {
        if (lease == null || !lease.isObject()) {
            throw Problems.of(org.springframework.http.HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                    "Malformed request", "the body must be a JSON map with the lease");
        }
        expect(lease(CommandRequest.of("lease4-add", lease)));
        String address = lease.path("ip-address").asString();
        JsonNode stored = expect(lease(CommandRequest.of("lease4-get", addressArgs(address)))).arguments();
        return ResponseEntity.created(URI.create("/api/v1/leases4/" + address)).body(stored);
    }

    private static ObjectNode addressArgs(String address) {
        if (Ipv4.toLong(address) < 0) {
            throw Problems.invalidParameter("'" + address + "' is not an IPv4 address");
        }
        return JsonNodeFactory.instance.objectNode().put("ip-address", address);
    }

    private CommandResponse lease(CommandRequest request) {
        return client.forward("dhcp4", request);
    }

    private static CommandResponse expect(CommandResponse answer) {
        if (answer.result() != ResultCode.SUCCESS) {
            throw Problems.fromKea(answer, Problems.LEASE_NOT_FOUND, Problems.LEASE_CONFLICT);
        }
        return answer;
    }
}
