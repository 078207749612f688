package io.dhcpsuite.gateway.rest;

import static io.dhcpsuite.gateway.Http.get;
import static io.dhcpsuite.gateway.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.gateway.FakeService;
import io.dhcpsuite.gateway.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1} over fake dhcp-service and lease-service: resources, problems, OpenAPI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestApiTest {
    static FakeService dhcp;
    static FakeService lease;
    static final FakeLeaseStore store = new FakeLeaseStore();
    static final java.util.Map<String, JsonNode> HOSTS = new java.util.concurrent.ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        dhcp = new FakeService();
        lease = new FakeService();
        store.register(lease.commands);
        for (int i = 1; i <= 30; i++) {
            store.add("198.18.0." + i, "1a:1b:1c:1d:1e:" + String.format("%02x", i % 3), i <= 20 ? 1 : 2, 0, "pc-" + i);
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        dhcp.commands.register("statistic-get-all", a -> CommandResponse.success(null, json.objectNode()
                .set("pkt4-received", samples(12, 10))));
        lease.commands.register("statistic-get-all", a -> CommandResponse.success(null, json.objectNode()
                .set("subnet[1].assigned-addresses", samples(20))));
        dhcp.commands.register("statistic-get", a -> CommandResponse.success(null,
                "pkt4-received".equals(a.path("name").asString())
                        ? json.objectNode().set("pkt4-received", samples(12, 10)) : json.objectNode()));
        lease.commands.register("statistic-get", a -> CommandResponse.success(null,
                "subnet[1].assigned-addresses".equals(a.path("name").asString())
                        ? json.objectNode().set("subnet[1].assigned-addresses", samples(20)) : json.objectNode()));
        dhcp.commands.register("config-get", a -> {
            ObjectNode config = json.objectNode();
            config.putObject("Dhcp4").putObject("lease-database").put("type", "postgresql").put("password", "pg-secret");
            return CommandResponse.success(null, config.put("hash", "ABC"));
        });
        dhcp.commands.register("status-get", a -> CommandResponse.success(null, json.objectNode().put("pid", 42)));
        // reservations: a map standing in for lease-service's hosts store, keyed "subnet/type/identifier"
        lease.commands.register("reservation-add", a -> {
            JsonNode r = a.get("reservation");
            String key = r.path("subnet-id").asLong() + "/hw-address/" + r.path("hw-address").asString();
            return HOSTS.putIfAbsent(key, r) == null ? CommandResponse.success("Host added.")
                    : CommandResponse.error("Database duplicate entry error");
        });
        lease.commands.register("reservation-get", a -> {
            JsonNode r = HOSTS.get(a.path("subnet-id").asLong() + "/" + a.path("identifier-type").asString() + "/"
                    + a.path("identifier").asString());
            return r == null ? CommandResponse.empty("Host not found.") : CommandResponse.success("Host found.", r);
        });
        lease.commands.register("reservation-del", a -> HOSTS.remove(a.path("subnet-id").asLong() + "/"
                + a.path("identifier-type").asString() + "/" + a.path("identifier").asString()) != null
                ? CommandResponse.success("Host deleted.") : CommandResponse.empty("Host not deleted (not found)."));
        registerLeases6(lease);
        dhcp.commands.register("hosts-sync", a -> CommandResponse.success("1 host change(s) applied"));
        registry.add("suite.services.dhcp-url", dhcp::url);
        registry.add("suite.services.lease-url", lease::url);
        String dead = FakeService.deadUrl();
        registry.add("suite.services.ha-url", () -> dead);
        registry.add("suite.services.ddns-url", () -> dead);
    }

    /** A stand-in for lease-service's v6 store: address order, Kea's codes for the four commands. */
    static final java.util.NavigableMap<java.math.BigInteger, JsonNode> LEASES6 = new java.util.concurrent.ConcurrentSkipListMap<>();

    static java.math.BigInteger v6(String a) {
        return new java.math.BigInteger(1, io.dhcpsuite.codec.Ipv6.parse(a));
    }

    static void registerLeases6(FakeService lease) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        lease.commands.register("lease6-add", a -> LEASES6.putIfAbsent(v6(a.get("ip-address").asString()), a) == null
                ? CommandResponse.success("Lease for address " + a.get("ip-address").asString() + ", subnet-id 1 added.")
                : new CommandResponse(4, "IPv6 lease already exists.", null));
        lease.commands.register("lease6-get", a -> {
            JsonNode l = LEASES6.get(v6(a.get("ip-address").asString()));
            return l == null ? CommandResponse.empty("Lease not found.") : CommandResponse.success("IPv6 lease found.", l);
        });
        lease.commands.register("lease6-del", a -> LEASES6.remove(v6(a.get("ip-address").asString())) == null
                ? CommandResponse.empty("IPv6 lease not found.") : CommandResponse.success("IPv6 lease deleted."));
        lease.commands.register("lease6-get-page", a -> {
            String from = a.get("from").asString();
            var tail = from.equals("start") ? LEASES6 : LEASES6.tailMap(v6(from), false);
            ObjectNode args = json.objectNode();
            var arr = args.putArray("leases");
            tail.values().stream().limit(a.get("limit").asInt()).forEach(arr::add);
            args.put("count", arr.size());
            return arr.isEmpty() ? CommandResponse.empty("0 IPv6 lease(s) found.", args)
                    : CommandResponse.success(arr.size() + " IPv6 lease(s) found.", args);
        });
    }

    @Test
    void leases6AreListedAddedGotAndDeleted() throws Exception {
        for (int i = 1; i <= 12; i++) {
            String body = "{\"ip-address\": \"2001:db8:1::" + Integer.toHexString(i) + "\", \"duid\": \"01:02\", \"iaid\": "
                    + i + ", \"subnet-id\": " + (i % 2 + 1) + "}";
            HttpResponse<String> added = Http.post(port, "/api/v1/leases6", "application/json", body);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(added.headers().firstValue("Location")).hasValue("/api/v1/leases6/2001:db8:1::" + Integer.toHexString(i));
        }
        assertProblem(Http.post(port, "/api/v1/leases6", "application/json", "{\"ip-address\": \"2001:db8:1::1\", \"duid\": \"01:02\", \"iaid\": 1}"),
                409, Problems.LEASE_CONFLICT);
        JsonNode first = json(get(port, "/api/v1/leases6?subnet-id=1&limit=4"));
        JsonNode second = json(get(port, "/api/v1/leases6?subnet-id=1&limit=4&cursor=" + first.get("next-cursor").asString()));
        assertThat(first.get("items").valueStream().map(l -> l.get("ip-address").asString()))
                .containsExactly("2001:db8:1::2", "2001:db8:1::4", "2001:db8:1::6", "2001:db8:1::8");
        assertThat(second.get("items").valueStream().map(l -> l.get("ip-address").asString()))
                .containsExactly("2001:db8:1::a", "2001:db8:1::c");
        assertThat(second.has("next-cursor")).isFalse();
        assertThat(json(get(port, "/api/v1/leases6/2001:db8:1::5")).get("iaid").asInt()).isEqualTo(5);
        assertThat(Http.delete(port, "/api/v1/leases6/2001:db8:1::5").statusCode()).isEqualTo(204);
        assertProblem(get(port, "/api/v1/leases6/2001:db8:1::5"), 404, Problems.LEASE_NOT_FOUND);
        assertProblem(get(port, "/api/v1/leases6/198.18.0.1"), 400, Problems.INVALID_PARAMETER);
        assertProblem(get(port, "/api/v1/leases6?cursor=bogus"), 400, Problems.INVALID_CURSOR);
    }

    @AfterAll
    static void stop() {
        dhcp.close();
        lease.close();
    }

    @Test
    void listsLeasesWithFiltersAndCursors() throws Exception {
        JsonNode first = json(get(port, "/api/v1/leases4?subnet-id=1&limit=8"));
        JsonNode second = json(get(port, "/api/v1/leases4?subnet-id=1&limit=8&cursor=" + first.get("next-cursor").asString()));
        JsonNode third = json(get(port, "/api/v1/leases4?subnet-id=1&limit=8&cursor=" + second.get("next-cursor").asString()));
        JsonNode byHw = json(get(port, "/api/v1/leases4?hw-address=1A:1B:1C:1D:1E:00&hostname=PC-1"));

        assertThat(first.get("items")).hasSize(8);
        assertThat(first.at("/items/0/ip-address").asString()).isEqualTo("198.18.0.1");
        assertThat(second.at("/items/0/ip-address").asString()).isEqualTo("198.18.0.9");
        assertThat(third.get("items")).hasSize(4);
        assertThat(third.has("next-cursor")).isFalse();
        assertThat(byHw.get("items").valueStream().map(l -> l.get("ip-address").asString()))
                .containsExactly("198.18.0.12", "198.18.0.15", "198.18.0.18");
    }

    @Test
    void getsAndDeletesALeaseWithProblemsForMissingOnes() throws Exception {
        store.add("198.18.0.200", "aa:bb:cc:dd:ee:ff", 1, 0, "");
        HttpResponse<String> found = get(port, "/api/v1/leases4/198.18.0.200");
        HttpResponse<String> deleted = Http.delete(port, "/api/v1/leases4/198.18.0.200");
        HttpResponse<String> gone = get(port, "/api/v1/leases4/198.18.0.200");
        HttpResponse<String> deletedAgain = Http.delete(port, "/api/v1/leases4/198.18.0.200");

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found).get("hw-address").asString()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertProblem(gone, 404, Problems.LEASE_NOT_FOUND);
        assertThat(json(gone).get("kea-result").asInt()).isEqualTo(3);
        assertProblem(deletedAgain, 404, Problems.LEASE_NOT_FOUND);
    }

    @Test
    void addsALeaseAndRefusesADuplicateOrAnIncompleteOne() throws Exception {
        String body = "{\"ip-address\": \"198.18.0.77\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"subnet-id\": 1}";
        HttpResponse<String> created = Http.post(port, "/api/v1/leases4", "application/json", body);
        HttpResponse<String> duplicate = Http.post(port, "/api/v1/leases4", "application/json", body);
        HttpResponse<String> incomplete = Http.post(port, "/api/v1/leases4", "application/json",
                "{\"ip-address\": \"198.18.0.78\"}");
        HttpResponse<String> malformed = Http.post(port, "/api/v1/leases4", "application/json", "{\"ip-address\": ");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/leases4/198.18.0.77");
        assertThat(json(created).get("ip-address").asString()).isEqualTo("198.18.0.77");
        assertProblem(duplicate, 409, Problems.LEASE_CONFLICT);
        assertThat(json(duplicate).get("detail").asString()).isEqualTo("IPv4 lease already exists.");
        assertProblem(incomplete, 400, Problems.BAD_ARGUMENT);
        assertProblem(malformed, 400, Problems.MALFORMED_REQUEST);
    }

    @Test
    void addsGetsAndDeletesAReservation() throws Exception {
        String body = "{\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"ip-address\": \"198.18.0.9\"}";
        HttpResponse<String> created = Http.post(port, "/api/v1/reservations4", "application/json", body);
        HttpResponse<String> duplicate = Http.post(port, "/api/v1/reservations4", "application/json", body);
        HttpResponse<String> found = get(port, "/api/v1/reservations4/1/hw-address/1a:1b:1c:1d:1e:1f");
        HttpResponse<String> deleted = Http.delete(port, "/api/v1/reservations4/1/hw-address/1a:1b:1c:1d:1e:1f");
        HttpResponse<String> gone = get(port, "/api/v1/reservations4/1/hw-address/1a:1b:1c:1d:1e:1f");
        HttpResponse<String> noIdentifier = Http.post(port, "/api/v1/reservations4", "application/json",
                "{\"subnet-id\": 1, \"ip-address\": \"198.18.0.9\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/reservations4/1/hw-address/1a:1b:1c:1d:1e:1f");
        assertProblem(duplicate, 400, Problems.BAD_ARGUMENT);
        assertThat(json(found).get("ip-address").asString()).isEqualTo("198.18.0.9");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertProblem(gone, 404, Problems.RESERVATION_NOT_FOUND);
        assertProblem(noIdentifier, 400, Problems.INVALID_PARAMETER);
    }

    @Test
    void dhcp6ReservationsAreResourcesOfTheirOwn() throws Exception {
        String body = "{\"subnet-id\": 2, \"hw-address\": \"2a:1b:1c:1d:1e:1f\", \"ip-addresses\": [\"2001:db8:2::9\"]}";
        HttpResponse<String> created = Http.post(port, "/api/v1/reservations6", "application/json", body);
        HttpResponse<String> found = get(port, "/api/v1/reservations6/2/hw-address/2a:1b:1c:1d:1e:1f");
        HttpResponse<String> v4Identifier = Http.post(port, "/api/v1/reservations6", "application/json",
                "{\"subnet-id\": 2, \"client-id\": \"01:02:03\"}");
        HttpResponse<String> deleted = Http.delete(port, "/api/v1/reservations6/2/hw-address/2a:1b:1c:1d:1e:1f");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/reservations6/2/hw-address/2a:1b:1c:1d:1e:1f");
        assertThat(json(found).get("ip-addresses").get(0).asString()).isEqualTo("2001:db8:2::9");
        assertProblem(v4Identifier, 400, Problems.INVALID_PARAMETER);
        assertThat(json(v4Identifier).get("detail").asString()).contains("duid, hw-address, flex-id");
        assertThat(deleted.statusCode()).isEqualTo(204);
    }

    @Test
    void refusesInvalidParametersWithProblems() throws Exception {
        assertProblem(get(port, "/api/v1/leases4?limit=0"), 400, Problems.INVALID_PARAMETER);
        assertProblem(get(port, "/api/v1/leases4?limit=many"), 400, Problems.INVALID_PARAMETER);
        assertProblem(get(port, "/api/v1/leases4?cursor=bogus"), 400, Problems.INVALID_CURSOR);
        assertProblem(get(port, "/api/v1/leases4/not-an-address"), 400, Problems.INVALID_PARAMETER);
    }

    @Test
    void servesStatisticsOfBothServices() throws Exception {
        JsonNode all = json(get(port, "/api/v1/statistics"));
        HttpResponse<String> one = get(port, "/api/v1/statistics/pkt4-received");
        HttpResponse<String> subnet = get(port, "/api/v1/statistics/subnet%5B1%5D.assigned-addresses");
        HttpResponse<String> unknown = get(port, "/api/v1/statistics/no-such-statistic");

        assertThat(all.at("/pkt4-received/value").asInt()).isEqualTo(12);
        assertThat(all.at("/subnet[1].assigned-addresses/value").asInt()).isEqualTo(20);
        assertThat(json(one).get("value").asInt()).isEqualTo(12);
        assertThat(json(one).get("samples")).hasSize(2);
        assertThat(json(subnet).get("value").asInt()).isEqualTo(20);
        assertProblem(unknown, 404, Problems.STATISTIC_NOT_FOUND);
    }

    @Test
    void servesTheConfigWithPasswordsMasked() throws Exception {
        HttpResponse<String> r = get(port, "/api/v1/config");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).at("/Dhcp4/lease-database/password").asString()).isEqualTo("*****");
        assertThat(r.body()).doesNotContain("pg-secret");
    }

    @Test
    void reportsEachServicesStatusEvenWhenSomeAreDown() throws Exception {
        JsonNode status = json(get(port, "/api/v1/status"));

        assertThat(status.at("/gateway/pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(status.at("/services/dhcp-service/status/pid").asInt()).isEqualTo(42);
        assertThat(status.at("/services/lease-service/reachable").asBoolean()).isTrue();
        assertThat(status.at("/services/lease-service/result").asInt()).as("status-get unsupported by the fake").isEqualTo(2);
        assertThat(status.at("/services/ha-service/reachable").asBoolean()).isFalse();
    }

    @Test
    void describesTheApiInOpenApi() throws Exception {
        HttpResponse<String> r = get(port, "/v3/api-docs");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("paths").propertyNames()).contains("/api/v1/leases4", "/api/v1/leases4/{address}",
                "/api/v1/statistics", "/api/v1/statistics/{name}", "/api/v1/config", "/api/v1/status");
    }

    static void assertProblem(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode body = json(r);
        assertThat(body.get("type").asString()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception");
    }

    private static tools.jackson.databind.node.ArrayNode samples(int... values) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        tools.jackson.databind.node.ArrayNode list = json.arrayNode();
        for (int v : values) {
            list.add(json.arrayNode().add(v).add("2026-01-01 00:00:00.000000"));
        }
        return list;
    }
}
