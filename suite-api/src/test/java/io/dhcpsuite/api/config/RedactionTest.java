package io.dhcpsuite.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RedactionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void masksPasswordsAndSecretsAtAnyDepthAndKeepsFileNames() {
        JsonNode doc = JSON.readTree("""
                { "authentication": { "clients": [ { "user": "a", "password": "p1" }, { "password-file": "f" } ] },
                  "lease-database": { "type": "postgresql", "password": "p2" },
                  "tsig-keys": [ { "name": "k", "algorithm": "HMAC-SHA256", "secret": "c2VjcmV0" } ],
                  "hooks-libraries": [ { "library": "libdhcp_ha.so", "parameters": { "high-availability": [
                      { "peers": [ { "name": "s2", "basic-auth-user": "ha", "basic-auth-password": "p3" } ] } ] } } ],
                  "user-context": { "password": "the operator's note" } }
                """);
        JsonNode masked = Redaction.redacted(doc);

        assertThat(masked.toString()).doesNotContain("p1", "p2", "p3", "c2VjcmV0")
                .contains("\"password-file\":\"f\"", "\"basic-auth-user\":\"ha\"");
        assertThat(masked.at("/lease-database/password").asString()).isEqualTo(Redaction.MASK);
        assertThat(masked.at("/tsig-keys/0/secret").asString()).isEqualTo(Redaction.MASK);
        assertThat(masked.at("/user-context/password").asString()).as("Kea skips user-context").isEqualTo("the operator's note");
        assertThat(doc.at("/lease-database/password").asString()).as("the original is untouched").isEqualTo("p2");
    }

    @Test
    void configGetShowsNoPasswordButItsHashFollowsTheRealDocument() {
        JsonNode a = JSON.readTree("{\"lease-database\": {\"type\": \"postgresql\", \"password\": \"one\"}}");
        JsonNode b = JSON.readTree("{\"lease-database\": {\"type\": \"postgresql\", \"password\": \"two\"}}");

        assertThat(ConfigPhases.configGet(a).toString()).doesNotContain("one").contains(Redaction.MASK);
        assertThat(ConfigPhases.configGet(a).get("hash")).as("a changed password is a changed configuration")
                .isNotEqualTo(ConfigPhases.configGet(b).get("hash"));
    }

    @Test
    void aMaskedPasswordSentBackKeepsTheRunningOneAndANewOneWins() {
        JsonNode running = JSON.readTree("""
                {"lease-database": {"type": "postgresql", "password": "old"},
                 "hooks-libraries": [{"parameters": {"peers": [{"basic-auth-password": "ha-old"}]}}]}""");
        JsonNode roundTrip = Redaction.redacted(running);
        JsonNode changed = JSON.readTree("{\"lease-database\": {\"type\": \"postgresql\", \"password\": \"new\"}}");

        assertThat(Redaction.restored(roundTrip, running)).isEqualTo(running);
        assertThat(Redaction.restored(changed, running).at("/lease-database/password").asString()).isEqualTo("new");
        assertThat(Redaction.restored(roundTrip, null)).isEqualTo(roundTrip);
    }
}
