package io.dhcpsuite.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SecretsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void masksPasswordsAtAnyDepthAndKeepsFileNames() {
        JsonNode doc = JSON.readTree("""
                { "authentication": { "clients": [ { "user": "a", "password": "p1" }, { "password-file": "f" } ] },
                  "lease-database": { "type": "postgresql", "password": "p2" } }
                """);
        JsonNode masked = Secrets.masked(doc);

        assertThat(masked.toString()).doesNotContain("p1").doesNotContain("p2").contains("\"password-file\":\"f\"");
        assertThat(doc.at("/lease-database/password").asString()).as("the original is untouched").isEqualTo("p2");
    }
}
