package io.dhcpsuite.web.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The shared endpoint over real HTTP, in an application that imports it as the services do. */
@SpringBootTest(classes = CommandEndpointTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "suite.command.max-request-bytes=65536")
class CommandEndpointTest {
    @SpringBootApplication
    @Import(CommandEndpoint.class)
    static class App {
        @Bean
        CommandDispatcher commandDispatcher() {
            return new CommandDispatcher().register("echo", a -> CommandResponse.success("echo " + a.path("word").asString()));
        }
    }

    @Autowired
    Environment env;

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + env.getProperty("local.server.port") + CommandDispatcher.PATH))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneEnvelopeInOneAnswerOut() throws Exception {
        HttpResponse<String> r = post("{\"command\": \"echo\", \"arguments\": {\"word\": \"hi\"}}", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"result\":0").contains("\"text\":\"echo hi\"");
    }

    @Test
    void anUnknownCommandIsUnsupportedNotAnError() throws Exception {
        HttpResponse<String> r = post("{\"command\": \"nope\"}", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"result\":2");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedByTheWebLayer() throws Exception {
        assertThat(post("command=echo", "text/plain").statusCode()).isEqualTo(415);
    }

    /** CVE-2026-3608 on a service's own port: deep nesting is Kea's 400, at once, and the service goes on. */
    @Test
    void cve_2026_3608_deeplyNestedCommandGetsBadRequest() throws Exception {
        String deep = "{\"command\": \"echo\", \"arguments\": {\"word\": " + "[".repeat(5000) + "]".repeat(5000) + "}}";
        HttpResponse<String> r = post(deep, "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"result\":400").contains("\"text\":\"Bad Request\"");
        assertThat(post("{\"command\": \"echo\", \"arguments\": {\"word\": [[[1]]]}}", "application/json").statusCode())
                .as("nesting within the limit").isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsRefusedWithKeas413() throws Exception {
        HttpResponse<String> r = post("{\"command\": \"echo\", \"arguments\": {\"word\": \"" + "x".repeat(70_000) + "\"}}",
                "application/json");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"result\":413");
        assertThat(post("{\"command\": ", "application/json").statusCode()).as("truncated JSON").isEqualTo(400);
    }
}
