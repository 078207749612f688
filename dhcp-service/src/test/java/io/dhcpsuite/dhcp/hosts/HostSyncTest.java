package io.dhcpsuite.dhcp.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.dhcp.classification.HostReplica;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pull over real HTTP from a stand-in for lease-service's feed: the copy asks with the epoch and
 * version it holds, applies what comes back, and a failed pull leaves the copy as it was.
 */
class HostSyncTest {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile String answer;
    private volatile int status = 200;
    private HttpServer server;
    private HostSync sync;

    private HostReplica start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/hosts4", ex -> {
            asked.add(ex.getRequestURI().getQuery());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        HostReplica replica = new HostReplica(KeaConfigLoader.parse(
                "{\"Dhcp4\": {\"subnet4\": [ {\"id\": 1, \"subnet\": \"192.0.2.0/24\"} ]}}", null).dhcp4());
        sync = new HostSync(replica, "http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ZERO,
                Duration.ofSeconds(2));
        return replica;
    }

    @AfterEach
    void stop() {
        sync.close();
        server.stop(0);
    }

    @Test
    void asksForTheChangesAfterTheVersionItHolds() throws Exception {
        HostReplica replica = start();
        answer = "{\"epoch\": \"e7\", \"version\": 3, \"reset\": true, \"deleted\": [], \"hosts\": ["
                + "{\"key\": \"1:1\", \"subnet-id\": 1, \"hw-address\": \"02:00:00:00:00:01\", \"ip-address\": \"192.0.2.9\"}]}";
        assertThat(sync.pull()).isEqualTo(1);
        answer = "{\"epoch\": \"e7\", \"version\": 4, \"reset\": false, \"hosts\": [], \"deleted\": [\"1:1\"]}";
        assertThat(sync.pull()).isEqualTo(1);
        assertThat(asked).containsExactly("epoch=&since=0", "epoch=e7&since=3");
        assertThat(replica.size()).isZero();
        assertThat(replica.version()).isEqualTo(4);
    }

    @Test
    void aFailedPullLeavesTheCopyAsItWas() throws Exception {
        HostReplica replica = start();
        answer = "{\"epoch\": \"e1\", \"version\": 1, \"reset\": true, \"deleted\": [], \"hosts\": ["
                + "{\"key\": \"1:5\", \"subnet-id\": 1, \"hw-address\": \"02:00:00:00:00:05\"}]}";
        sync.pull();
        status = 500;
        assertThatThrownBy(sync::pull).hasMessageContaining("HTTP 500");
        assertThat(replica.size()).isEqualTo(1);
        assertThat(replica.version()).isEqualTo(1);
    }
}
