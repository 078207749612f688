package io.dhcpsuite.gateway.rest;

import static io.dhcpsuite.gateway.Http.get;
import static io.dhcpsuite.gateway.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.gateway.FakeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every suite service down: the REST API answers 502 problems, status still answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceDownTest {
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        String dead = FakeService.deadUrl();
        for (String s : new String[] {"dhcp", "lease", "ha", "ddns"}) {
            registry.add("suite.services." + s + "-url", () -> dead);
        }
    }

    @Test
    void answersBadGatewayWhenTheOwningServiceIsDown() throws Exception {
        RestApiTest.assertProblem(get(port, "/api/v1/leases4/198.18.0.1"), 502, Problems.SERVICE_UNAVAILABLE);
        RestApiTest.assertProblem(get(port, "/api/v1/leases4"), 502, Problems.SERVICE_UNAVAILABLE);
        RestApiTest.assertProblem(get(port, "/api/v1/statistics"), 502, Problems.SERVICE_UNAVAILABLE);
        RestApiTest.assertProblem(get(port, "/api/v1/config"), 502, Problems.SERVICE_UNAVAILABLE);
    }

    @Test
    void stillReportsStatus() throws Exception {
        var status = json(get(port, "/api/v1/status"));

        assertThat(status.at("/services/lease-service/reachable").asBoolean()).isFalse();
        assertThat(status.at("/services/lease-service/text").asString()).endsWith("The server is likely to be offline");
    }

    @Test
    void mapsKeaResultCodesToHttpStatuses() {
        assertThat(status(new CommandResponse(ResultCode.EMPTY, "x", null))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(new CommandResponse(ResultCode.CONFLICT, "x", null))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(CommandResponse.unsupported("x"))).isEqualTo(HttpStatus.NOT_IMPLEMENTED);
        assertThat(status(CommandResponse.error("missing parameter 'ip-address'"))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status(CommandResponse.error("unable to forward command to the dhcp4 service: refused. "
                + "The server is likely to be offline"))).isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    private static HttpStatus status(CommandResponse answer) {
        return HttpStatus.valueOf(Problems.fromKea(answer, Problems.NOT_FOUND, Problems.CONFLICT).getStatusCode().value());
    }
}
