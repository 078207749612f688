package io.dhcpsuite.lease.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ServiceDispatcher;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.ddns.LeaseDdns;
import io.dhcpsuite.lease.v6.Allocation6Engine;
import io.dhcpsuite.lease.v6.V6Support;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * lease-service's side of kea-dhcp6's config-set: the Dhcp6 section of the running document is
 * replaced, the v6 pools follow, the Dhcp4 side stays, and a refused section changes nothing.
 */
class RunningConfig6Test {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final SuiteConfig initial;
    private final AllocationEngine engine;
    private final Allocation6Engine engine6;
    private final RunningConfig running;
    private final ServiceDispatcher d = new ServiceDispatcher();

    RunningConfig6Test() {
        ObjectNode doc = (ObjectNode) JSON.readTree(TestSupport.CONFIG);
        doc.set("Dhcp6", JSON.readTree(V6Support.CONFIG).get("Dhcp6"));
        initial = KeaConfigLoader.parse(doc.toString(), null);
        engine = TestSupport.engine(initial.dhcp4(), clock);
        engine6 = V6Support.engine(initial.dhcp6(), clock);
        running = new RunningConfig(initial, engine, LeaseDdns.disabled(initial.dhcp4()), engine6::reconfigure);
        ConfigPhases.registerGet(d, running::dhcp4);
        ConfigPhases.register(d, running, running::dhcp4);
        ConfigPhases.registerGet(d.dhcp6(), ConfigPhases.DHCP6, running::dhcp6);
        ConfigPhases.register(d.dhcp6(), running, running::dhcp6, ConfigPhases.DHCP6);
    }

    private CommandResponse run6(String command, String args) {
        return d.dispatch(new CommandRequest(command, List.of("dhcp6"), JSON.readTree(args)));
    }

    private CommandResponse run4(String command, String args) {
        return d.dispatch(CommandRequest.of(command, JSON.readTree(args)));
    }

    /** The running Dhcp6 section with subnet 3 added and {@code extra} set at the top. */
    private String next(String extra) {
        ObjectNode dhcp6 = (ObjectNode) run6("config-get", "{}").arguments().get("Dhcp6").deepCopy();
        ((tools.jackson.databind.node.ArrayNode) dhcp6.get("subnet6")).add(JSON.readTree("""
                { "id": 3, "subnet": "2001:db8:3::/64", "pools": [ { "pool": "2001:db8:3::10 - 2001:db8:3::1f" } ] }
                """));
        if (extra != null) {
            dhcp6.setAll((ObjectNode) JSON.readTree(extra));
        }
        return "{\"Dhcp6\": " + dhcp6 + ", \"token\": \"t\"}";
    }

    @Test
    void configGetAnswersTheDhcp6SectionAndItsHash() {
        JsonNode got = run6("config-get", "{}").arguments();
        assertThat(got.has("Dhcp4")).isFalse();
        assertThat(got.at("/Dhcp6/subnet6/0/id").asLong()).isEqualTo(1);
        assertThat(got.get("hash").asString())
                .isEqualTo(ConfigPhases.hash("Dhcp6", initial.raw().get("Dhcp6")))
                .isEqualTo(run6("config-hash-get", "{}").arguments().get("hash").asString())
                .isNotEqualTo(run4("config-hash-get", "{}").arguments().get("hash").asString());
    }

    @Test
    void configSetOfDhcp6ReplacesTheV6PoolsAndKeepsDhcp4() {
        String hash4 = run4("config-hash-get", "{}").arguments().get("hash").asString();
        assertThat(engine6.subnet(3)).isNull();
        assertThat(run6(ConfigPhases.PREPARE, next(null)).result()).isZero();
        assertThat(engine6.subnet(3)).as("prepare installs nothing").isNull();
        CommandResponse commit = run6(ConfigPhases.COMMIT, "{\"token\": \"t\"}");
        assertThat(commit.text()).isEqualTo("Configuration successful.");
        assertThat(commit.arguments().get("hash").asString())
                .isEqualTo(run6("config-hash-get", "{}").arguments().get("hash").asString());
        assertThat(engine6.subnet(3)).isNotNull();
        assertThat(engine6.stats().statistics().value("subnet[3].total-nas")).isEqualTo(16);
        assertThat(run4("config-hash-get", "{}").arguments().get("hash").asString()).isEqualTo(hash4);
        assertThat(run4("config-get", "{}").arguments().get("Dhcp4")).isEqualTo(initial.raw().get("Dhcp4"));
    }

    @Test
    void refusedDhcp6SectionChangesNothing() {
        String before = run6("config-hash-get", "{}").arguments().get("hash").asString();
        CommandResponse bad = run6(ConfigPhases.PREPARE, next(null).replace("2001:db8:3::10 - 2001:db8:3::1f",
                "2001:db8:4::10 - 2001:db8:4::1f"));
        assertThat(bad.result()).isEqualTo(1);
        assertThat(bad.text()).startsWith("Dhcp6/subnet6[2]/pools[0]/pool: ");
        CommandResponse db = run6(ConfigPhases.PREPARE, next("{\"lease-database\": {\"type\": \"memfile\"}}"));
        assertThat(db.text()).isEqualTo("Dhcp6/lease-database: changing the lease database needs a restart");
        CommandResponse test = run6("config-test", next("{\"lease-database\": {\"type\": \"memfile\"}}"));
        assertThat(test.result()).isEqualTo(1);
        assertThat(run6(ConfigPhases.COMMIT, "{\"token\": \"t\"}").result()).isEqualTo(1);
        assertThat(run6("config-hash-get", "{}").arguments().get("hash").asString()).isEqualTo(before);
        assertThat(engine6.subnet(3)).isNull();
    }

    @Test
    void eachServerTakesOnlyItsOwnSection() {
        CommandResponse four = run4("config-test", next(null).replace(", \"token\": \"t\"", ""));
        assertThat(four.result()).isEqualTo(1);
        assertThat(four.text()).isEqualTo("Unsupported 'Dhcp6' parameter.");
        CommandResponse six = run6("config-test", "{\"Dhcp4\": {}}");
        assertThat(six.text()).isEqualTo("Unsupported 'Dhcp4' parameter.");
        assertThat(run6("config-test", "{\"Dhcp6\": []}").text()).isEqualTo("'Dhcp6' parameter expected to be a map.");
        assertThat(run6("config-test", next(null).replace(", \"token\": \"t\"", "")).text())
                .startsWith("Configuration seems sane.");
    }

    @Test
    void aDhcp6OnlyFileIsChangedByDhcp6ConfigSet() {
        SuiteConfig parsed = KeaConfigLoader.parse(V6Support.CONFIG, null);
        // as lease-service's configuration makes it: an empty v4 side beside the Dhcp6 section
        SuiteConfig v6only = new SuiteConfig(null, parsed.raw(), KeaConfigLoader.parse("{\"Dhcp4\": {}}", null).dhcp4(),
                parsed.warnings(), parsed.dhcp6());
        Allocation6Engine e6 = V6Support.engine(parsed.dhcp6(), clock);
        RunningConfig r = new RunningConfig(v6only, TestSupport.engine(v6only.dhcp4(), clock),
                LeaseDdns.disabled(v6only.dhcp4()), e6::reconfigure);
        ServiceDispatcher sd = new ServiceDispatcher();
        ConfigPhases.registerGet(sd.dhcp6(), ConfigPhases.DHCP6, r::dhcp6);
        ConfigPhases.register(sd.dhcp6(), r, r::dhcp6, ConfigPhases.DHCP6);
        String next = "{\"Dhcp6\": " + JSON.readTree(V6Support.CONFIG).get("Dhcp6").toString()
                .replace("\"subnet6\":[", "\"subnet6\":[{\"id\":3,\"subnet\":\"2001:db8:3::/64\"},") + ", \"token\": \"t\"}";
        CommandResponse prepared = sd.dispatch(new CommandRequest(ConfigPhases.PREPARE, List.of("dhcp6"), JSON.readTree(next)));
        assertThat(prepared.result()).as(prepared.text()).isZero();
        assertThat(sd.dispatch(new CommandRequest(ConfigPhases.COMMIT, List.of("dhcp6"), JSON.readTree("{\"token\": \"t\"}")))
                .result()).isZero();
        assertThat(e6.subnet(3)).isNotNull();
        assertThat(r.current().raw().has("Dhcp4")).isFalse();
    }
}
