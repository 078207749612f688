package io.dhcpsuite.config.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class AgentConfigParserTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void withoutASectionServesPlainHttpWithoutAuthentication() {
        assertThat(AgentConfigParser.parse(JSON.readTree("{\"Dhcp4\": {}}"))).isEqualTo(AgentConfig.NONE);
    }

    @Test
    void readsHostPortAndKeasDefaults() throws Exception {
        touch("ca.pem", "c.pem", "k.pem");
        AgentConfig c = parse("""
                { "http-host": "127.0.0.9", "http-port": 8001,
                  "trust-anchor": "%1$s/ca.pem", "cert-file": "%1$s/c.pem", "key-file": "%1$s/k.pem",
                  "authentication": { "type": "basic", "clients": [ { "user": "u", "password": "p" } ] } }
                """.formatted(dir));

        assertThat(c.httpHost()).isEqualTo("127.0.0.9");
        assertThat(c.httpPort()).isEqualTo(8001);
        assertThat(c.authentication().realm()).isEqualTo("kea-control-agent");
        assertThat(c.authentication().tokens()).containsExactly(token("u:p"));
        assertThat(c.tls().certRequired()).isTrue();
    }

    @Test
    void readsCredentialFilesRelativeToTheDirectory() throws Exception {
        Files.writeString(dir.resolve("user"), "alice\n");
        Files.writeString(dir.resolve("pass"), "wonder\r\n");
        Files.writeString(dir.resolve("both"), "bob:builder");
        AgentConfig c = parse("""
                { "authentication": { "type": "basic", "directory": "%s", "clients": [
                  { "user-file": "user", "password-file": "pass" }, { "password-file": "both" },
                  { "user": "carol", "password-file": "pass" } ] } }
                """.formatted(dir));

        assertThat(c.authentication().tokens())
                .containsExactlyInAnyOrder(token("alice:wonder"), token("bob:builder"), token("carol:wonder"));
        assertThat(c.authentication().toString()).doesNotContain(token("alice:wonder"));
    }

    @Test
    void refusesWhatKeaRefusesNamingTheKey() throws Exception {
        touch("ca.pem");
        assertRefused("{ \"http-prot\": 8000 }", "Control-agent/http-prot: unknown parameter");
        assertRefused("{ \"http-port\": \"8000\" }", "Control-agent/http-port");
        assertRefused("{ \"trust-anchor\": \"" + dir + "/ca.pem\" }", "all set or all unset");
        assertRefused("{ \"authentication\": { \"type\": \"digest\" } }", "Control-agent/authentication/type");
        assertRefused("{ \"authentication\": { \"type\": \"basic\", \"clients\": [ { \"user\": \"a:b\", \"password\": \"x\" } ] } }",
                "Control-agent/authentication/clients[0]/user: user must not contain a ':'");
        assertRefused("{ \"authentication\": { \"type\": \"basic\", \"clients\": [ { \"password\": \"x\" } ] } }",
                "Control-agent/authentication/clients[0]: missing parameter 'user'");
        assertRefused("{ \"authentication\": { \"type\": \"basic\", \"clients\": [ { \"password-file\": \"/nonexistent/f\" } ] } }",
                "Control-agent/authentication/clients[0]/password-file: cannot read");
        assertRefused("{ \"cert-required\": \"no\" }", "Control-agent/cert-required");
    }

    @Test
    void neverPutsAFilesContentIntoAnError() throws Exception {
        Files.writeString(dir.resolve("bad"), "no-colon-secret");
        assertThatThrownBy(() -> parse("""
                { "authentication": { "type": "basic", "clients": [ { "password-file": "%s/bad" } ] } }
                """.formatted(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("no-colon-secret");
    }

    private AgentConfig parse(String section) {
        return AgentConfigParser.parse(JSON.readTree("{\"Control-agent\": " + section + "}"));
    }

    private void assertRefused(String section, String message) {
        assertThatThrownBy(() -> parse(section)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    private void touch(String... names) throws Exception {
        for (String n : names) {
            Files.writeString(dir.resolve(n), "-----BEGIN CERTIFICATE-----\n");
        }
    }

    private static String token(String secret) {
        return Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }
}
