package io.dhcpsuite.ddns.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.d2.D2Config;
import io.dhcpsuite.config.d2.D2ConfigParser;
import io.dhcpsuite.ddns.dns.D2Stats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class D2CommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Statistics stats = new Statistics();
    private final List<String> shutdowns = new ArrayList<>();
    private final D2Config config = D2ConfigParser.fromDocument(JSON.readTree("""
            {"DhcpDdns": {"tsig-keys": [{"name": "k1", "algorithm": "hmac-sha256", "secret": "c2VjcmV0c2VjcmV0"}],
              "forward-ddns": {"ddns-domains": [{"name": "example.org.", "key-name": "k1",
                "dns-servers": [{"ip-address": "127.0.0.1"}]}]}}}"""));
    private final CommandDispatcher dispatcher = D2Commands.register(new CommandDispatcher(), Clock.systemUTC(),
            stats, config, s -> s.put("ncr-queued", 0), shutdowns::add);

    private CommandResponse run(String command, String args) {
        return dispatcher.dispatch(CommandRequest.of(command, args == null ? null : JSON.readTree(args)));
    }

    @Test
    void listsD2CommandsAndLeavesTheUnimplementedOnesUnsupported() {
        CommandResponse answer = run("list-commands", null);
        assertThat(answer.arguments().valueStream().map(JsonNode::asString)).containsExactly("build-report",
                "config-get", "config-hash-get", "list-commands", "shutdown", "statistic-get", "statistic-get-all",
                "statistic-reset", "statistic-reset-all", "status-get", "version-get");
        for (String unsupported : List.of("config-set", "config-reload", "config-write", "config-test")) {
            CommandResponse r = run(unsupported, null);
            assertThat(r.result()).isEqualTo(2);
            assertThat(r.text()).isEqualTo("'" + unsupported + "' command not supported.");
        }
    }

    @Test
    void configGetMasksSecretsAndCarriesTheHash() {
        CommandResponse answer = run("config-get", null);
        assertThat(answer.result()).isZero();
        JsonNode key = answer.arguments().get("DhcpDdns").get("tsig-keys").get(0);
        assertThat(key.get("secret").asString()).isEqualTo("*****");
        assertThat(answer.toString()).doesNotContain("c2VjcmV0c2VjcmV0");
        String hash = run("config-hash-get", null).arguments().get("hash").asString();
        assertThat(answer.arguments().get("hash").asString()).isEqualTo(hash).hasSize(64);
    }

    @Test
    void statisticsExistFromTheStartIncludingPerKeyOnes() {
        JsonNode all = run("statistic-get-all", null).arguments();
        assertThat(all.propertyNames()).contains("ncr-received", "ncr-invalid", "ncr-error", "queue-mgr-queue-full",
                "update-sent", "update-signed", "update-unsigned", "update-success", "update-timeout",
                "update-error", "key[k1].update-sent", "key[k1].update-success", "key[k1].update-timeout",
                "key[k1].update-error");
        stats.stat(D2Stats.UPDATE_SENT).add(5);
        assertThat(run("statistic-get", "{\"name\": \"update-sent\"}").arguments().get("update-sent").get(0).get(0)
                .asLong()).isEqualTo(5);
        assertThat(run("statistic-reset", "{\"name\": \"update-sent\"}").text())
                .isEqualTo("Statistic 'update-sent' reset.");
        assertThat(stats.value(D2Stats.UPDATE_SENT)).isZero();
        assertThat(run("statistic-reset", "{\"name\": \"nope\"}").text()).isEqualTo("No 'nope' statistic found");
        stats.stat(D2Stats.key("k1", "update-error")).add(2);
        assertThat(run("statistic-reset-all", null).result()).isZero();
        assertThat(stats.value(D2Stats.key("k1", "update-error"))).isZero();
    }

    @Test
    void shutdownAnswersThenStopsWithTheRequestedType() {
        assertThat(run("shutdown", null).text()).isEqualTo("Shutdown initiated, type is: normal");
        assertThat(run("shutdown", "{\"type\": \"drain_first\"}").text())
                .isEqualTo("Shutdown initiated, type is: drain_first");
        CommandResponse bad = run("shutdown", "{\"type\": \"later\"}");
        assertThat(bad.result()).isEqualTo(1);
        assertThat(bad.text()).isEqualTo("Invalid Shutdown type: later");
        assertThat(shutdowns).containsExactly("normal", "drain_first");
    }

    @Test
    void statusGetReportsThePidAndTheQueue() {
        JsonNode status = run("status-get", null).arguments();
        assertThat(status.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(status.has("ncr-queued")).isTrue();
    }
}
