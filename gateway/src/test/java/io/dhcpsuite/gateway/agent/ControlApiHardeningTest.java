package io.dhcpsuite.gateway.agent;

import static io.dhcpsuite.gateway.agent.BasicAuthTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.gateway.FakeService;
import io.dhcpsuite.gateway.Http;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
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
 * The control API against hostile or careless clients, over real HTTP: secrets in config-get and
 * logs, password guessing, and connection exhaustion. Loopback has many addresses, so each
 * "attacker" connects from its own (127.0.0.5, 127.0.0.6) and the tests do not block each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "suite.auth.max-failures=3",
    "server.tomcat.max-connections=20",
    "server.tomcat.accept-count=10",
    "server.tomcat.connection-timeout=1s",
})
@ExtendWith(OutputCaptureExtension.class)
class ControlApiHardeningTest {
    static final String ADMIN = basic("admin", "api-Pa55word");
    static final String[] SECRETS = {"api-Pa55word", "db-Pa55word", "ha-Pa55word"};
    static FakeService dhcp;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) throws Exception {
        // dhcp-service played by a peer that answers config-get in clear, as Kea does
        dhcp = new FakeService();
        dhcp.commands.register("config-get", a -> CommandResponse.success(null, Http.JSON.readTree("""
                { "Dhcp4": { "lease-database": { "type": "postgresql", "user": "kea", "password": "db-Pa55word" },
                             "hooks-libraries": [ { "library": "libdhcp_ha.so", "parameters": { "high-availability": [
                               { "peers": [ { "name": "s2", "basic-auth-user": "ha", "basic-auth-password": "ha-Pa55word" } ] } ] } } ] },
                  "hash": "00" }""")));
        Path config = Files.createTempFile("gateway-hardening", ".json");
        Files.writeString(config, """
                { "Control-agent": { "authentication": { "type": "basic", "realm": "r",
                      "clients": [ { "user": "admin", "password": "api-Pa55word" } ] } },
                  "Dhcp4": { "lease-database": { "type": "postgresql", "name": "kea", "password": "db-Pa55word" } } }
                """);
        registry.add("suite.config", config::toString);
        registry.add("suite.services.dhcp-url", dhcp::url);
    }

    @AfterAll
    static void stop() {
        dhcp.close();
    }

    @Test
    void configGetAndLogsNeverShowAPassword(CapturedOutput output) throws Exception {
        HttpResponse<String> local = Http.command(port, "{\"command\": \"config-get\"}", "Authorization", ADMIN);
        HttpResponse<String> dhcp4 = Http.command(port, "{\"command\": \"config-get\", \"service\": [\"dhcp4\"]}",
                "Authorization", ADMIN);
        HttpResponse<String> rest = Http.get(port, "/api/v1/config", "Authorization", ADMIN);
        // a refused command that carries a password must not echo it either
        HttpResponse<String> bad = Http.command(port,
                "{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": {\"lease-database\": {\"password\": \"db-Pa55word\"",
                "Authorization", ADMIN);

        assertThat(Http.json(local).get(0).at("/arguments/Control-agent/authentication/clients/0/password").asString())
                .isEqualTo("*****");
        JsonNode forwarded = Http.json(dhcp4).get(0).get("arguments");
        assertThat(forwarded.at("/Dhcp4/lease-database/password").asString()).isEqualTo("*****");
        assertThat(forwarded.at("/Dhcp4/lease-database/user").asString()).isEqualTo("kea");
        assertThat(bad.statusCode()).isEqualTo(400);
        for (HttpResponse<String> r : List.of(local, dhcp4, rest, bad)) {
            assertThat(r.body()).doesNotContain(SECRETS);
        }
        assertThat(output.getAll()).doesNotContain(SECRETS);
    }

    @Test
    void passwordGuessingIsRefusedAfterTheLimitAndLoggedWithoutThePassword(CapturedOutput output) throws Exception {
        HttpClient attacker = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.5")).build();
        for (int i = 0; i < 3; i++) {
            assertThat(send(attacker, basic("admin", "guess-" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = send(attacker, ADMIN);

        assertThat(blocked.statusCode()).as("even the right password, while blocked").isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(Http.json(blocked).get("result").asInt()).isEqualTo(429);
        assertThat(Http.json(blocked).get("text").asString()).contains("too many failed authentication attempts");
        assertThat(Http.command(port, "{\"command\": \"list-commands\"}", "Authorization", ADMIN).statusCode())
                .as("another address is not blocked").isEqualTo(200);
        assertThat(output.getAll())
                .contains("HTTP_CLIENT_REQUEST_NOT_AUTHORIZED", "from 127.0.0.5 (user 'admin')", "HTTP_CLIENT_REQUEST_RATE_LIMITED")
                .doesNotContain("guess-0", "guess-2", "api-Pa55word");
    }

    /**
     * CVE-2016-2774: dhcpd's control channel accepted connections without bound until it failed.
     * Three times the connection limit sit idle from one address; they are closed after the
     * connection timeout, and a real client is answered meanwhile.
     */
    @Test
    void cve_2016_2774_idleConnectionsDoNotStarveARealClient() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress("127.0.0.6", 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                idle.add(s);
            }
            long start = System.nanoTime();
            HttpResponse<String> r = Http.command(port, "{\"command\": \"list-commands\"}", "Authorization", ADMIN);
            long waited = (System.nanoTime() - start) / 1_000_000;

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(waited).as("ms the real client waited").isLessThan(10_000);
            // every idle connection the server accepted is closed by it, not held
            int closedByServer = 0;
            for (Socket s : idle) {
                s.setSoTimeout(8000);
                try (InputStream in = s.getInputStream()) {
                    if (in.read() == -1) {
                        closedByServer++;
                    }
                } catch (SocketTimeoutException | java.net.SocketException e) {
                    // SocketException: reset by the server, also a close
                    closedByServer += e instanceof SocketTimeoutException ? 0 : 1;
                }
            }
            assertThat(closedByServer).isEqualTo(idle.size());
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    private HttpResponse<String> send(HttpClient client, String authorization) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"list-commands\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
