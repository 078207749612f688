package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Assertions on the suite's lease store, made through the Kea command API as an operator would. */
final class LeaseChecks {
    private LeaseChecks() {
    }

    /**
     * Waits until the server has sent {@code more} ACKs beyond what it had sent on entry, or
     * {@code within} has passed: the moment a fault test strikes, with traffic flowing.
     */
    static void awaitAcks(Suite suite, long more, Duration within) throws Exception {
        long before = suite.statistic("pkt4-ack-sent");
        long deadline = System.nanoTime() + within.toNanos();
        while (suite.statistic("pkt4-ack-sent") < before + more && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * Adds a run's ACKs to {@code acked} (address to client) and fails if an address was ACKed
     * before to another client: a duplicate.
     */
    static void noDuplicates(Map<String, String> acked, Perfdhcp.Report report) {
        report.ackedTo().forEach((address, client) -> {
            String previous = acked.putIfAbsent(address, client);
            assertThat(previous == null || previous.equals(client))
                    .as("address " + address + " ACKed to " + previous + " and to " + client).isTrue();
        });
    }

    /** Every address in {@code addresses} has an active lease (lease4-get answers result 0). */
    static void allLeased(Suite suite, Collection<String> addresses) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String address : addresses) {
            JsonNode answer = suite.command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
            if (answer.path("result").asInt() != 0
                    || !address.equals(answer.path("arguments").path("ip-address").asString())) {
                missing.add(address + " -> " + answer);
            }
        }
        assertThat(missing).as("ACKed leases not found").isEmpty();
    }
}
