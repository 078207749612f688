package io.dhcpsuite.ddns.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.ddns.dns.D2Stats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service as the suite runs it: the REST NCR path and the command envelope over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"suite.config=src/test/resources/d2-rest-test.json", "suite.ddns.udp=false"})
class DdnsHttpTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    @LocalServerPort
    int port;
    @Autowired
    Statistics stats;

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restNcrIsQueuedOrRefusedNamingTheField() throws Exception {
        long received = stats.value(D2Stats.NCR_RECEIVED);
        long invalid = stats.value(D2Stats.NCR_INVALID);
        String ncr = """
                {"change-type": 0, "forward-change": true, "reverse-change": false, "fqdn": "rest.example.org.",
                 "ip-address": "198.18.0.7", "dhcid": "0001010203", "lease-expires-on": "20300101000000",
                 "lease-length": 600}""";

        HttpResponse<String> ok = post(NcrCodec.REST_PATH, ncr);
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(ok.body()).get("result").asInt()).isZero();
        assertThat(stats.value(D2Stats.NCR_RECEIVED)).isEqualTo(received + 1);

        HttpResponse<String> bad = post(NcrCodec.REST_PATH, ncr.replace("\"0001010203\"", "\"xyz\""));
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode answer = JSON.readTree(bad.body());
        assertThat(answer.get("result").asInt()).isEqualTo(1);
        assertThat(answer.get("text").asString()).startsWith("dhcid: ");
        assertThat(stats.value(D2Stats.NCR_INVALID)).isEqualTo(invalid + 1);
    }

    @Test
    void commandsAnswerOnTheSuitePathWithSecretsMasked() throws Exception {
        JsonNode list = JSON.readTree(post("/internal/v1/command", "{\"command\": \"list-commands\"}").body());
        assertThat(list.get("arguments").toString()).contains("statistic-get-all", "shutdown");
        String config = post("/internal/v1/command", "{\"command\": \"config-get\"}").body();
        assertThat(config).contains("\"secret\":\"*****\"").doesNotContain("c2VjcmV0c2VjcmV0");
        JsonNode stat = JSON.readTree(post("/internal/v1/command",
                "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"key[k1].update-sent\"}}").body());
        assertThat(stat.get("arguments").has("key[k1].update-sent")).isTrue();
        assertThat(JSON.readTree(post("/internal/v1/command", "{\"command\": \"config-write\"}").body())
                .get("result").asInt()).isEqualTo(2);
    }
}
