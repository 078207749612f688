package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kea-shell against a gateway whose Control-agent section requires basic authentication: refused
 * without credentials (HTTP 401), served with {@code --auth-user/--auth-password}, for an inline
 * password and for a user-file/password-file pair.
 */
class KeaShellAuthIT {
    @TempDir
    static Path dir;
    static boolean started;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("user"), "operator\n");
        Files.writeString(dir.resolve("password"), "from-a-file\n");
        started = KeaShellIT.startSuite(dir, """
                "authentication": { "type": "basic", "realm": "kea-control-agent", "directory": "%s",
                  "clients": [ { "user": "admin", "password": "k3a-test" },
                               { "user-file": "user", "password-file": "password" } ] }
                """.formatted(dir));
    }

    @AfterAll
    static void stop() throws Exception {
        KeaShellIT.stopSuite(dir, started);
    }

    @Test
    void refusesKeaShellWithoutCredentials() throws Exception {
        Suite.Result r = KeaShellIT.keaShell("list-commands", "");

        assertThat(r.output()).contains("401");
    }

    @Test
    void refusesWrongCredentials() throws Exception {
        Suite.Result r = KeaShellIT.keaShell("list-commands", "", "--auth-user", "admin", "--auth-password", "wrong");

        assertThat(r.output()).contains("401");
    }

    @Test
    void servesKeaShellWithCredentials() throws Exception {
        JsonNode answer = KeaShellIT.kea("list-commands", "", "--auth-user", "operator", "--auth-password", "from-a-file").get(0);

        assertThat(answer.get("result").asInt()).isZero();
        KeaShellIT.leaseCycle("--auth-user", "admin", "--auth-password", "k3a-test");
    }
}
