package io.dhcpsuite.gateway.agent;

import static io.dhcpsuite.gateway.Http.command;
import static io.dhcpsuite.gateway.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.gateway.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Basic authentication configured as in Kea's Control-agent section: a client with an inline
 * password, one with user-file/password-file under {@code directory}, and one whose password-file
 * holds {@code user:password}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BasicAuthTest {
    static final String LIST = "{\"command\": \"list-commands\"}";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("gateway-auth");
        Files.writeString(dir.resolve("kea-api-user"), "script\n");
        Files.writeString(dir.resolve("kea-api-password"), "s3cret-from-file\n");
        Files.writeString(dir.resolve("whole-secret"), "stork:st0rk-pass");
        Path config = dir.resolve("kea.json");
        Files.writeString(config, """
                {
                  "Control-agent": {
                    "http-headers": [ { "name": "Strict-Transport-Security", "value": "max-age=31536000" } ],
                    "authentication": {
                      "type": "basic",
                      "realm": "dhcp-suite-test",
                      "directory": "%s",
                      "clients": [
                        { "user": "admin", "password": "1234-inline" },
                        { "user-file": "kea-api-user", "password-file": "kea-api-password" },
                        { "password-file": "whole-secret" }
                      ]
                    },
                    "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "/tmp/kea4-ctrl-socket" } },
                    "hooks-libraries": [],
                    "loggers": [ { "name": "kea-ctrl-agent", "severity": "INFO" } ]
                  }
                }
                """.formatted(dir));
        registry.add("suite.config", config::toString);
    }

    @Test
    void refusesARequestWithoutCredentialsWithKeasBodyAndRealm() throws Exception {
        HttpResponse<String> r = command(port, LIST);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"dhcp-suite-test\"");
        JsonNode body = json(r);
        assertThat(body.isObject()).as("a single map, not a list").isTrue();
        assertThat(body.get("result").asInt()).isEqualTo(401);
        assertThat(body.get("text").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void refusesWrongCredentials() throws Exception {
        assertThat(command(port, LIST, "Authorization", basic("admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(command(port, LIST, "Authorization", basic("nobody", "1234-inline")).statusCode()).isEqualTo(401);
        assertThat(command(port, LIST, "Authorization", "Bearer abc").statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsEachConfiguredClient() throws Exception {
        for (String auth : new String[] {basic("admin", "1234-inline"), basic("script", "s3cret-from-file"),
                basic("stork", "st0rk-pass")}) {
            HttpResponse<String> r = command(port, LIST, "Authorization", auth);
            assertThat(r.statusCode()).as(auth).isEqualTo(200);
            assertThat(json(r).get(0).get("result").asInt()).isZero();
        }
    }

    @Test
    void protectsTheRestApiWithAProblem() throws Exception {
        HttpResponse<String> r = Http.get(port, "/api/v1/status");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(r).get("type").asString()).isEqualTo("https://dhcp-suite.io/problems/unauthorized");
    }

    @Test
    void leavesHealthOpenForProbes() throws Exception {
        assertThat(Http.get(port, "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    @Test
    void addsTheConfiguredHttpHeaders() throws Exception {
        HttpResponse<String> r = command(port, LIST, "Authorization", basic("admin", "1234-inline"));

        assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    @Test
    void neverReturnsOrLogsPasswords(CapturedOutput output) throws Exception {
        HttpResponse<String> r = command(port, "{\"command\": \"config-get\"}", "Authorization", basic("admin", "1234-inline"));

        JsonNode agent = json(r).get(0).get("arguments").get("Control-agent");
        assertThat(agent.at("/authentication/clients/0/password").asString()).isEqualTo("*****");
        assertThat(agent.at("/authentication/clients/1/password-file").asString()).isEqualTo("kea-api-password");
        for (String secret : new String[] {"1234-inline", "s3cret-from-file", "st0rk-pass"}) {
            assertThat(r.body()).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
