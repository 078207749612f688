package io.dhcpsuite.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.gateway.agent.SlowSendersTest.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slow senders against the gateway's management port (health and metrics, 8090 under dhcpctl, the
 * image and the chart), which Spring Boot serves from a Tomcat of its own: the control API's guard
 * did not reach it, and 600 slow header senders held its 512 connections, so a liveness probe
 * waited or timed out and Kubernetes would have restarted a healthy gateway. Now the probe is
 * answered in every round and every slow connection is closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.server.address=127.0.0.1"})
class ManagementPortSlowSendersTest {
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) throws Exception {
        SlowSendersTest.config(registry);
    }

    @Test
    void sixHundredSlowHeaderSendersDoNotStarveAProbeAndAreClosed() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(15)).build();
        String start = "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        Outcome o = SlowSendersTest.attack(managementPort, "127.0.0.10", 600, start, "X-Slow: " + "a".repeat(400), 8,
                () -> {
                    HttpResponse<String> r = client.send(probe, HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    assertThat(r.body()).contains("UP");
                });
        assertThat(o.maxWaitMillis()).as("ms the probe waited").isLessThan(3_000);
        assertThat(o.closedByServer()).as("slow connections the server closed").isEqualTo(600);
    }
}
