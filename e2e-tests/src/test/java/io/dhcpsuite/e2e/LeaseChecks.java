package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Assertions on the suite's lease store, made through the Kea command API as an operator would. */
final class LeaseChecks {
    private LeaseChecks() {
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
