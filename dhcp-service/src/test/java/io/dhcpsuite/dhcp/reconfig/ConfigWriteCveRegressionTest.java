package io.dhcpsuite.dhcp.reconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CVE-2025-32801/32803: Kea's {@code config-write} wrote wherever the API user asked, which with
 * Kea's privileges meant any file (and a hook library loaded from it). The suite writes only into
 * the configuration file's directory (Kea 2.7.9's rule); every other path, including the ways of
 * spelling one, is refused with a clear error and nothing is written.
 */
class ConfigWriteCveRegressionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path root;

    @Test
    void cve_2025_32801_configWriteRefusesPathsOutsideTheConfigDirectory() throws Exception {
        Path dir = Files.createDirectories(root.resolve("etc"));
        Path file = dir.resolve("kea-dhcp4.json");
        Files.writeString(file, "{\"Dhcp4\": {\"subnet4\": []}}");
        SuiteConfig config = KeaConfigLoader.load(file);
        Path victim = root.resolve("victim.json");
        Files.writeString(victim, "untouched");

        for (String name : new String[] {victim.toString(), "../victim.json", dir + "/../victim.json",
                "./../victim.json", dir + "/sub/x.json", "sub/x.json", "/etc/passwd"}) {
            ObjectNode args = JSON.createObjectNode().put("filename", name);
            assertThatThrownBy(() -> ConfigWrite.write(config, args))
                    .as(name)
                    .isInstanceOf(CommandException.class)
                    .hasMessageContaining("not allowed to write config into")
                    .hasMessageContaining("must be in the same directory as the config file");
        }
        assertThat(Files.readString(victim)).isEqualTo("untouched");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    /** A symbolic link in the config directory is replaced by the written file, never followed out of it. */
    @Test
    void cve_2025_32803_configWriteDoesNotFollowALinkOutOfTheConfigDirectory() throws Exception {
        Path dir = Files.createDirectories(root.resolve("etc"));
        Path file = dir.resolve("kea-dhcp4.json");
        Files.writeString(file, "{\"Dhcp4\": {\"subnet4\": []}}");
        SuiteConfig config = KeaConfigLoader.load(file);
        Path victim = root.resolve("victim.json");
        Files.writeString(victim, "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), victim);

        ConfigWrite.write(config, JSON.createObjectNode().put("filename", "link.json"));

        assertThat(Files.readString(victim)).isEqualTo("untouched");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(KeaConfigLoader.load(link).raw()).isEqualTo(config.raw());
    }
}
