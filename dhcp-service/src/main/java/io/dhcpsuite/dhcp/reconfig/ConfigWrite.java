package io.dhcpsuite.dhcp.reconfig;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.SuiteConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's {@code config-write}: the whole running document (Dhcp4 and the other top-level sections,
 * passwords included, as Kea writes them: the file is the operator's) to {@code filename}, by
 * default the file the service was started with. Kea 2.7.9 writes only into the directory of that
 * file; a bare name is taken as a file in that directory.
 */
public final class ConfigWrite {
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ConfigWrite() {
    }

    public static void register(CommandDispatcher d, Supplier<SuiteConfig> config) {
        d.register("config-write", a -> write(config.get(), a));
    }

    static CommandResponse write(SuiteConfig config, JsonNode a) {
        Path source = config.source() == null ? null : config.source().toAbsolutePath().normalize();
        JsonNode f = a.get("filename");
        if (f != null && !f.isString()) {
            throw CommandException.badArgument("Argument 'filename' is not a string");
        }
        String given = f == null ? null : f.asString();
        if (source == null) {
            throw CommandException.badArgument("Unable to determine filename. Please specify filename explicitly.");
        }
        Path dir = source.getParent();
        Path target;
        if (given == null || given.isEmpty()) {
            target = source;
            given = source.toString();
        } else {
            Path p = Path.of(given);
            target = (p.getParent() == null ? dir.resolve(p) : p.toAbsolutePath()).normalize();
            if (!dir.equals(target.getParent())) {
                throw CommandException.badArgument("not allowed to write config into " + given + ": file " + given
                        + " must be in the same directory as the config file (" + config.source() + ")");
            }
        }
        byte[] bytes;
        ObjectNode doc = config.raw() != null && config.raw().isObject() ? (ObjectNode) config.raw()
                : PRETTY.createObjectNode();
        bytes = (PRETTY.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path tmp = Files.createTempFile(dir, ".config-write-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw CommandException.badArgument("Unable to open file " + target + " for writing: " + e.getMessage());
        }
        ObjectNode out = PRETTY.createObjectNode();
        out.put("size", bytes.length);
        out.put("filename", target.toString());
        return CommandResponse.success("Configuration written to " + target + " successful", out);
    }
}
