package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.config.ha.QueryFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two whole suites as a load-balancing pair, as {@code ./dhcpctl pair start --mode load-balancing}
 * builds it from examples/ha-pair/load-balancing: each server answers exactly the clients the RFC
 * 3074 hash puts in its scope (checked against dhcp-config's {@link QueryFilter} for every ACKed
 * lease), from the pool of that scope, and both servers hold every lease; one server killed with
 * SIGKILL, the survivor goes partner-down and serves the clients of both scopes; the killed server
 * comes back through waiting, syncing and ready to load-balancing, and both hold the same lease set
 * with every ACKed address.
 */
class SuitePairLoadBalancingIT {
    private static final Pattern TRANSITION = Pattern.compile("HA_STATE_TRANSITION server transitions from (\\S+) to (\\S+) state");

    @Test
    void eachServerAnswersItsScopeTheSurvivorServesBothAndTheRejoinedServerSyncs(@TempDir Path dir) throws Exception {
        PairHarness.assumePairPossible();
        PairHarness pair = new PairHarness(dir.resolve("pair"));
        QueryFilter scopes = PairHarness.queryFilter("examples/ha-pair/load-balancing/server1.json");
        Set<String> acked = new LinkedHashSet<>();
        try {
            Suite.Result start = pair.dhcpctl(Duration.ofMinutes(8), "pair", "start", "--mode", "load-balancing");
            assertThat(start.exitCode()).as("dhcpctl pair start --mode load-balancing:\n" + start.output()).isZero();
            assertThat(start.output()).contains("pair in load-balancing");
            assertThat(PairHarness.state(1)).isEqualTo("load-balancing");
            assertThat(PairHarness.state(2)).isEqualTo("load-balancing");
            PairHarness.keaAccepts("examples/ha-pair/load-balancing");
            Suite.Result status = pair.dhcpctl(Duration.ofMinutes(1), "pair", "status");
            assertThat(status.output()).contains("mode load-balancing");

            // --- each server answers the clients of its own scope only, and both hold every lease
            PairHarness.Report one = pair.run(1, 20, 5, "0a:21:00:00:00:00");
            PairHarness.Report two = pair.run(2, 20, 5, "0a:22:00:00:00:00");
            Map<String, String> leases1 = PairHarness.leases(1);
            Map<String, String> leases2 = PairHarness.leases(2);
            Map<String, PairHarness.Client> clients1 = PairHarness.clients(1);
            for (int n = 1; n <= 2; n++) {
                PairHarness.Report r = n == 1 ? one : two;
                Map<String, String> own = n == 1 ? leases1 : leases2;
                assertThat(r.acks()).as("server" + n + " serves its scope:\n" + r.output()).isPositive();
                assertThat(r.nonUnique()).isZero();
                // about half the clients hash to the partner, and those get no OFFER
                assertThat(r.offers()).as("server" + n + " drops the partner's clients:\n" + r.output())
                        .isLessThan(r.discovers() * 8 / 10);
                for (String address : r.leases()) {
                    PairHarness.Client c = clients1.get(address);
                    assertThat(c).as("the ACKed " + address + " is on server1").isNotNull();
                    assertThat(own.get(address)).as("server" + n + " holds its ACKed " + address).isEqualTo(c.hwAddress());
                    assertThat(PairHarness.scopeOf(scopes, c)).as(c + " answered by server" + n).isEqualTo(n - 1);
                    assertThat(n == 1 ? PairHarness.inRange(address, "198.18.64.10", "198.18.95.250")
                            : PairHarness.inRange(address, "198.18.96.10", "198.18.127.250"))
                            .as(address + " from the pool of HA_server" + n).isTrue();
                }
                acked.addAll(r.leases());
            }
            assertThat(leases2.keySet()).as("server1's ACKed leases on server2 (lease4-update)").containsAll(one.leases());
            assertThat(leases1.keySet()).as("server2's ACKed leases on server1 (lease4-update)").containsAll(two.leases());
            for (String address : acked) {
                assertThat(leases1.get(address)).as("one client holds " + address).isEqualTo(leases2.get(address));
            }

            // --- server2 killed: server1 goes partner-down and serves the clients of both scopes
            pair.kill(2);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(PairHarness.state(1)).isEqualTo("partner-down"));
            PairHarness.Report alone = pair.run(1, 20, 5, "0a:23:00:00:00:00");
            assertThat(alone.acks()).as("the survivor serves:\n" + alone.output()).isPositive();
            assertThat(alone.nonUnique()).isZero();
            assertThat(alone.offers()).as("partner-down answers every client:\n" + alone.output())
                    .isGreaterThanOrEqualTo(alone.discovers() * 9 / 10);
            assertThat(alone.leases()).doesNotContainAnyElementsOf(acked);
            Map<String, PairHarness.Client> survivor = PairHarness.clients(1);
            List<Integer> served = new ArrayList<>();
            for (String address : alone.leases()) {
                served.add(PairHarness.scopeOf(scopes, survivor.get(address)));
            }
            assertThat(served).as("partner-down serves the partner's scope too").contains(0, 1);
            acked.addAll(alone.leases());

            // --- server2 comes back: waiting, syncing, ready, load-balancing; both hold the same leases
            Suite.Result restart = pair.dhcpctl(Duration.ofMinutes(6), "pair", "start", "server2");
            assertThat(restart.exitCode()).as("dhcpctl pair start server2:\n" + restart.output()).isZero();
            assertThat(PairHarness.state(1)).isEqualTo("load-balancing");
            assertThat(PairHarness.state(2)).isEqualTo("load-balancing");
            List<String> path = transitions(pair.log(2, "ha-service"));
            assertThat(path).as("server2's way back").containsSubsequence("waiting", "syncing", "ready", "load-balancing");
            assertThat(pair.log(2, "ha-service")).contains("HA_SYNC_SUCCESSFUL");

            PairHarness.Report again = pair.run(2, 20, 4, "0a:24:00:00:00:00");
            assertThat(again.acks()).as("the rejoined server serves its scope again:\n" + again.output()).isPositive();
            assertThat(again.leases()).doesNotContainAnyElementsOf(acked);
            acked.addAll(again.leases());

            Map<String, String> end1 = PairHarness.leases(1);
            Map<String, String> end2 = PairHarness.leases(2);
            assertThat(end1.keySet()).as("server1 holds every ACKed lease").containsAll(acked);
            assertThat(end2.keySet()).as("server2 holds every ACKed lease").containsAll(acked);
            assertThat(end2).as("both servers hold the same lease set").isEqualTo(end1);
            System.out.printf("SuitePairLoadBalancingIT: server1 answered %d of %d DISCOVERs, server2 %d of %d; "
                    + "partner-down %d of %d; %d ACKed leases on both servers%n", one.offers(), one.discovers(),
                    two.offers(), two.discovers(), alone.offers(), alone.discovers(), acked.size());
        } finally {
            pair.stop();
        }
    }

    /** The states entered, in order, from HA_STATE_TRANSITION lines. */
    private static List<String> transitions(String log) {
        List<String> out = new ArrayList<>();
        Matcher m = TRANSITION.matcher(log);
        while (m.find()) {
            if (out.isEmpty()) {
                out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            out.add(m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
