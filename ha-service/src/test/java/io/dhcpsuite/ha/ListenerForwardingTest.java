package io.dhcpsuite.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.tls.PeerTls;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.ha.listener.HaListener;
import io.dhcpsuite.api.tls.TestPki;
import io.dhcpsuite.ha.peer.CommandClient;
import io.dhcpsuite.ha.peer.PeerUnavailableException;
import io.dhcpsuite.ha.runtime.HaRuntime;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A suite partner's batched lease updates ({@code lease4-bulk-apply}) through the real HA
 * listener, with the relationship's TLS, basic auth and restrict-commands, to a local
 * lease-service played by a real HTTP server.
 */
class ListenerForwardingTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path dir;
    HttpServer leaseService;
    HaListener listener;
    final List<JsonNode> forwarded = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (leaseService != null) {
            leaseService.stop(0);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    URI leaseService() throws Exception {
        leaseService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        leaseService.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        leaseService.createContext("/", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            forwarded.add(body);
            int n = body.at("/arguments/leases").size() + body.at("/arguments/deleted-leases").size();
            byte[] answer = ("{\"result\": 0, \"text\": \"Bulk apply of " + n + " IPv4 leases completed.\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        leaseService.start();
        return URI.create("http://127.0.0.1:" + leaseService.getAddress().getPort() + "/");
    }

    @Test
    void aBulkApplyPassesTheListenersTlsAuthAndRestrictCommandsToTheLocalLeaseService() throws Exception {
        TestPki pki = new TestPki(dir, "ca");
        Path[] s1 = pki.issue("server1", TestPki.rsa(), false);
        Path[] s2 = pki.issue("server2", TestPki.ec(), true);
        int port = freePort();
        var config = KeaConfigLoader.parse("""
                { "Dhcp4": { "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {
                  "high-availability": [ { "this-server-name": "server1", "mode": "hot-standby",
                    "trust-anchor": "%s", "restrict-commands": true, "peers": [
                    { "name": "server1", "url": "https://127.0.0.1:%d/", "role": "primary", "cert-file": "%s",
                      "key-file": "%s", "basic-auth-user": "one", "basic-auth-password": "pw1" },
                    { "name": "server2", "url": "https://127.0.0.1:%d/", "role": "standby", "cert-file": "%s",
                      "key-file": "%s" } ] } ] } } ] } }"""
                .formatted(pki.caFile, port, s1[0], s1[1], freePort(), s2[0], s2[1]), null);
        HaRelationship r = HaConfigParser.fromHooks(config.dhcp4().hooksLibraries(), "Dhcp4/hooks-libraries").relationships()
                .getFirst();
        URI leases = leaseService();
        CommandClient local = new CommandClient(leases, null, null);
        HaRuntime runtime = new HaRuntime(r, Clock.systemUTC(), new CommandClient(r.partner().url(), null, null), local, local);
        URI url = URI.create("https://127.0.0.1:" + port + "/");
        listener = new HaListener(url, HaServiceApplication.listenerDispatcher(runtime, local, local),
                HaServiceApplication.listenerSecurity(r));
        listener.start();

        // the partner: its own certificate and this server's credentials, as a suite's lease-service sends them
        CommandClient partner = new CommandClient(url, "one", "pw1", PeerTls.client(pki.caFile, s2[0], s2[1]));
        JsonNode args = JSON.readTree("""
                {"origin": "ha-partner", "deleted-leases": [ {"ip-address": "192.0.2.9"} ],
                 "leases": [ {"ip-address": "192.0.2.10", "hw-address": "0e:00:00:00:00:01", "expire": 1800003600} ]}""");
        CommandResponse answer = partner.send(new CommandRequest("lease4-bulk-apply", List.of("dhcp4"), args),
                Duration.ofSeconds(10));
        assertThat(answer.result()).isZero();
        assertThat(answer.text()).isEqualTo("Bulk apply of 2 IPv4 leases completed.");
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.getFirst().get("command").asString()).isEqualTo("lease4-bulk-apply");
        assertThat(forwarded.getFirst().get("arguments")).isEqualTo(args);

        // wrong credentials: Kea's 401, nothing forwarded
        CommandClient intruder = new CommandClient(url, "one", "wrong", PeerTls.client(pki.caFile, s2[0], s2[1]));
        assertThatThrownBy(() -> intruder.send(new CommandRequest("lease4-bulk-apply", null, args), Duration.ofSeconds(10)))
                .isInstanceOf(PeerUnavailableException.class).hasMessageContaining("401");
        // restrict-commands still refuses what no partner sends
        assertThatThrownBy(() -> partner.send(CommandRequest.of("lease4-wipe", null), Duration.ofSeconds(10)))
                .isInstanceOf(PeerUnavailableException.Forbidden.class);
        assertThat(forwarded).hasSize(1);
    }
}
