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
    void theDhcpv6CopyPullsTheV6FeedAndIsFoundByTheNextLookup() throws Exception {
        HostReplica v4 = start();
        server.createContext("/internal/v1/hosts6", ex -> {
            asked.add("v6 " + ex.getRequestURI().getQuery());
            byte[] body = ("{\"epoch\": \"e9\", \"version\": 2, \"reset\": true, \"deleted\": [], \"hosts\": ["
                    + "{\"key\": \"1:4\", \"subnet-id\": 1, \"duid\": \"00:01:02:03\", "
                    + "\"ip-addresses\": [\"2001:db8:1::4\"], \"prefixes\": [\"2001:db8:200::/56\"]}]}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        io.dhcpsuite.config.Dhcp6Config config = KeaConfigLoader.parse(
                "{\"Dhcp6\": {\"subnet6\": [ {\"id\": 1, \"subnet\": \"2001:db8:1::/64\"} ]}}", null).dhcp6();
        io.dhcpsuite.dhcp.v6.HostReplica6 replica = new io.dhcpsuite.dhcp.v6.HostReplica6(config);
        io.dhcpsuite.dhcp.v6.Hosts6 hosts = new io.dhcpsuite.dhcp.v6.Hosts6(config, replica);
        assertThat(hosts.find(config.subnets(), "00:01:02:03", null)).isNull();
        try (HostSync sync6 = new HostSync(replica, "http://127.0.0.1:" + server.getAddress().getPort(),
                Duration.ZERO, Duration.ofSeconds(2))) {
            assertThat(sync6.pull()).isEqualTo(1);
        }
        assertThat(asked).containsExactly("v6 epoch=&since=0");
        assertThat(replica.version()).isEqualTo(2);
        assertThat(hosts.find(config.subnets(), "00:01:02:03", null).reservation().prefixes()).hasSize(1);
        assertThat(v4.size()).as("the v4 copy is another").isZero();
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
