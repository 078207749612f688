package io.dhcpsuite.gateway.rest;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.gateway.api.ServiceClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Host reservations as resources, over Kea's host_cmds: a reservation is addressed by its scope and
 * identifier ({@code /api/v1/reservations4|6/{subnet-id}/{identifier-type}/{identifier}}) and reads
 * as {@code reservation-get} prints it. Changes go to the hosts database, as the commands' default;
 * the next packet sees them. {@link ReservationResource} serves DHCPv4 ({@code dhcp4}),
 * {@link Reservation6Resource} DHCPv6 ({@code dhcp6}).
 */
abstract class HostReservationResource {
    private final ServiceClient client;
    private final String keaService;
    private final String base;
    private final java.util.List<String> identifierTypes;

    HostReservationResource(ServiceClient client, String keaService, String base, java.util.List<String> identifierTypes) {
        this.client = client;
        this.keaService = keaService;
        this.base = base;
        this.identifierTypes = identifierTypes;
    }

    @GetMapping
    @Operation(summary = "One page of reservations, file first, then the hosts databases (reservation-get-page)",
            description = "The answer is reservation-get-page's: count, hosts, and next {from, source-index} to pass "
                    + "back as query parameters; no next on the last page.")
    JsonNode list(
            @Parameter(description = "only this subnet (0: global)") @RequestParam(name = "subnet-id", required = false) Long subnetId,
            @Parameter(description = "at most this many (1-1000)") @RequestParam(name = "limit", defaultValue = "100") int limit,
            @Parameter(description = "next.source-index of the previous page") @RequestParam(name = "source-index", defaultValue = "0") int source,
            @Parameter(description = "next.from of the previous page") @RequestParam(name = "from", defaultValue = "0") long from) {
        if (limit < 1 || limit > LeaseResource.MAX_LIMIT) {
            throw Problems.invalidParameter("limit must be between 1 and " + LeaseResource.MAX_LIMIT);
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("limit", limit).put("source-index", source)
                .put("from", from);
        if (subnetId != null) {
            args.put("subnet-id", subnetId);
        }
        CommandResponse answer = call("reservation-get-page", args);
        if (answer.result() == ResultCode.EMPTY && answer.arguments() != null) {
            return answer.arguments();
        }
        return expect(answer).arguments();
    }

    @GetMapping("/{subnetId}/{type}/{identifier}")
    @Operation(summary = "One reservation (reservation-get)")
    JsonNode get(@PathVariable long subnetId, @PathVariable String type, @PathVariable String identifier) {
        return expect(call("reservation-get", key(subnetId, type, identifier))).arguments();
    }

    @PostMapping
    @Operation(summary = "Add a reservation (reservation-add); the body is the reservation map with subnet-id",
            description = "As in a configuration file, plus subnet-id (0: global). 201 with Location.")
    ResponseEntity<JsonNode> add(@RequestBody JsonNode reservation) {
        String[] id = identifierOf(reservation);
        expect(call("reservation-add", JsonNodeFactory.instance.objectNode().set("reservation", reservation)));
        long subnetId = reservation.path("subnet-id").asLong(0);
        JsonNode stored = expect(call("reservation-get", key(subnetId, id[0], id[1]))).arguments();
        return ResponseEntity.created(URI.create(base + "/" + subnetId + "/" + id[0] + "/" + id[1]))
                .body(stored);
    }

    @PutMapping("/{subnetId}/{type}/{identifier}")
    @Operation(summary = "Replace a reservation (reservation-update); the body is the whole reservation")
    JsonNode update(@PathVariable long subnetId, @PathVariable String type, @PathVariable String identifier,
                    @RequestBody JsonNode reservation) {
        if (reservation == null || !reservation.isObject()) {
            throw malformed();
        }
        ObjectNode r = ((ObjectNode) reservation).deepCopy();
        r.put("subnet-id", subnetId);
        r.put(type, identifier);
        expect(call("reservation-update", JsonNodeFactory.instance.objectNode().set("reservation", r)));
        return expect(call("reservation-get", key(subnetId, type, identifier))).arguments();
    }

    @DeleteMapping("/{subnetId}/{type}/{identifier}")
    @Operation(summary = "Delete a reservation (reservation-del)")
    ResponseEntity<Void> delete(@PathVariable long subnetId, @PathVariable String type, @PathVariable String identifier) {
        expect(call("reservation-del", key(subnetId, type, identifier)));
        return ResponseEntity.noContent().build();
    }

    private static ObjectNode key(long subnetId, String type, String identifier) {
        return JsonNodeFactory.instance.objectNode().put("subnet-id", subnetId).put("identifier-type", type)
                .put("identifier", identifier);
    }

    private String[] identifierOf(JsonNode reservation) {
        if (reservation == null || !reservation.isObject()) {
            throw malformed();
        }
        for (String t : identifierTypes) {
            if (reservation.has(t)) {
                return new String[] {t, reservation.get(t).asString()};
            }
        }
        throw Problems.invalidParameter("the reservation needs one of " + String.join(", ", identifierTypes));
    }

    private static RuntimeException malformed() {
        return Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST, "Malformed request",
                "the body must be a JSON map with the reservation");
    }

    private CommandResponse call(String command, JsonNode args) {
        return client.forward(keaService, CommandRequest.of(command, args));
    }

    private static CommandResponse expect(CommandResponse answer) {
        if (answer.result() != ResultCode.SUCCESS) {
            throw Problems.fromKea(answer, Problems.RESERVATION_NOT_FOUND, Problems.CONFLICT);
        }
        return answer;
    }
}
