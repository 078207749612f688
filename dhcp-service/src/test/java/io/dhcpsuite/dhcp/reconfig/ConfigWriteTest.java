package io.dhcpsuite.dhcp.reconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** config-write: the whole document, only into the directory of the config file (Kea 2.7.9). */
class ConfigWriteTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DOC = """
            {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "192.0.2.0/24"}],
                       "lease-database": {"type": "memfile", "persist": false}},
             "Control-agent": {"http-port": 8000}}
            """;

    @TempDir
    Path dir;

    private SuiteConfig config() throws Exception {
        Path file = dir.resolve("kea-dhcp4.json");
        Files.writeString(file, DOC);
        return KeaConfigLoader.load(file);
    }

    @Test
    void writesTheWholeDocumentNextToTheConfigFile() throws Exception {
        SuiteConfig config = config();
        CommandResponse r = ConfigWrite.write(config, JSON.readTree("{\"filename\": \"copy.json\"}"));
        Path copy = dir.resolve("copy.json");
        assertThat(r.result()).isZero();
        assertThat(r.text()).isEqualTo("Configuration written to " + copy + " successful");
        assertThat(r.arguments().get("filename").asString()).isEqualTo(copy.toString());
        assertThat(r.arguments().get("size").asLong()).isEqualTo(Files.size(copy));
        SuiteConfig back = KeaConfigLoader.load(copy);
        assertThat(back.raw()).isEqualTo(config.raw());
        assertThat(back.raw().has("Control-agent")).isTrue();
    }

    @Test
    void defaultsToTheConfigFile() throws Exception {
        SuiteConfig config = config();
        CommandResponse r = ConfigWrite.write(config, JSON.createObjectNode());
        assertThat(r.arguments().get("filename").asString()).isEqualTo(config.source().toAbsolutePath().toString());
        assertThat(KeaConfigLoader.load(config.source()).raw()).isEqualTo(config.raw());
    }

    @Test
    void refusesAFileOutsideTheConfigDirectory() throws Exception {
        SuiteConfig config = config();
        Path outside = dir.getParent().resolve("elsewhere-" + System.nanoTime() + ".json");
        assertThatThrownBy(() -> ConfigWrite.write(config, JSON.readTree("{\"filename\": \"" + outside + "\"}")))
                .isInstanceOf(CommandException.class)
                .hasMessage("not allowed to write config into " + outside + ": file " + outside
                        + " must be in the same directory as the config file (" + config.source() + ")");
        assertThat(outside).doesNotExist();
        assertThatThrownBy(() -> ConfigWrite.write(config, JSON.readTree("{\"filename\": \"../x.json\"}")))
                .hasMessageContaining("must be in the same directory");
    }
}
