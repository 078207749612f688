package io.dhcpsuite.gateway.rest;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.api.config.Redaction;
import io.dhcpsuite.gateway.api.LocalCommands;
import io.dhcpsuite.gateway.api.ServiceClient;
import io.dhcpsuite.gateway.routing.ServiceRoutes.Target;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Statistics, the running DHCPv4 configuration and the status of every service. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "server", description = "Statistics (statistic-get, statistic-get-all), configuration (config-get), status")
class ServerResource {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ServiceClient client;
    private final LocalCommands local;

    ServerResource(ServiceClient client, LocalCommands local) {
        this.client = client;
        this.local = local;
    }

    @GetMapping("/statistics")
    @Operation(summary = "The current value of every statistic, under Kea's names",
            description = "A map from statistic name (e.g. pkt4-received, subnet[1].assigned-addresses) to "
                    + "{value, timestamp}; the full sample history is at /api/v1/statistics/{name}.")
    JsonNode statistics() {
        JsonNode all = expect(client.forward("dhcp4", CommandRequest.of("statistic-get-all", null)),
                Problems.STATISTIC_NOT_FOUND).arguments();
        ObjectNode out = JSON.objectNode();
        if (all != null) {
            for (Map.Entry<String, JsonNode> e : all.properties()) {
                JsonNode samples = e.getValue();
                if (samples.isArray() && !samples.isEmpty()) {
                    out.set(e.getKey(), sample(samples.get(0)));
                }
            }
        }
        return out;
    }

    @GetMapping("/statistics/{name}")
    @Operation(summary = "One statistic with its sample history, newest first",
            description = "Percent-encode brackets in names: subnet%5B1%5D.assigned-addresses.")
    JsonNode statistic(@Parameter(description = "Kea statistic name") @PathVariable String name) {
        ObjectNode args = JSON.objectNode().put("name", name);
        JsonNode answer = expect(client.forward("dhcp4", CommandRequest.of("statistic-get", args)),
                Problems.STATISTIC_NOT_FOUND).arguments();
        JsonNode samples = answer == null ? null : answer.get(name);
        if (samples == null || !samples.isArray() || samples.isEmpty()) {
            // Kea answers an unknown name with result 0 and {}: here that is a missing resource.
            throw Problems.of(HttpStatus.NOT_FOUND, Problems.STATISTIC_NOT_FOUND, "Not found",
                    "no statistic named '" + name + "'");
        }
        ObjectNode out = JSON.objectNode().put("name", name);
        out.setAll(sample(samples.get(0)));
        ArrayNode history = out.putArray("samples");
        samples.forEach(s -> history.add(sample(s)));
        return out;
    }

    @GetMapping("/config")
    @Operation(summary = "The running Dhcp4 configuration (config-get), passwords masked")
    JsonNode config() {
        return Redaction.redacted(expect(client.forward("dhcp4", CommandRequest.of("config-get", null)),
                Problems.NOT_FOUND).arguments());
    }

    @GetMapping("/status")
    @Operation(summary = "status-get of the gateway and of each suite service",
            description = "Always 200: a service that cannot be reached is reported with reachable=false.")
    JsonNode status() {
        ObjectNode out = JSON.objectNode();
        out.set("gateway", local.handle(CommandRequest.of("status-get", null)).arguments());
        ObjectNode services = out.putObject("services");
        for (Target t : Target.values()) {
            CommandResponse answer = client.forward(t, "dhcp4", CommandRequest.of("status-get", null));
            ObjectNode s = services.putObject(t.name().toLowerCase(Locale.ROOT) + "-service");
            boolean reachable = !ServiceClient.isForwardFailure(answer);
            s.put("reachable", reachable);
            if (answer.result() == ResultCode.SUCCESS) {
                s.set("status", answer.arguments());
            } else {
                s.put("result", answer.result());
                s.put("text", answer.text());
            }
        }
        return out;
    }

    /** Kea's sample {@code [value, "YYYY-MM-DD HH:MM:SS.ffffff"]} as a map. */
    private static ObjectNode sample(JsonNode s) {
        ObjectNode out = JSON.objectNode();
        out.set("value", s.path(0));
        out.set("timestamp", s.path(1));
        return out;
    }

    private static CommandResponse expect(CommandResponse answer, String notFoundType) {
        if (answer.result() != ResultCode.SUCCESS) {
            throw Problems.fromKea(answer, notFoundType, Problems.CONFLICT);
        }
        return answer;
    }
}
