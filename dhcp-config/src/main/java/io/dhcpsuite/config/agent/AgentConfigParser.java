package io.dhcpsuite.config.agent;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.KeaJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads Kea's {@code Control-agent} section (ARM agent.rst, security.rst) and refuses what
 * {@code kea-ctrl-agent -t} refuses, naming the key's path. The credential files are read here,
 * once at start-up, as Kea does; their content is kept only as basic-auth tokens.
 *
 * <p>{@code control-sockets}, {@code hooks-libraries} and {@code loggers} are accepted and not
 * used: the suite routes by its own table and logs through Spring Boot.
 */
public final class AgentConfigParser {
    static final String SECTION = "Control-agent";
    static final String DEFAULT_REALM = "kea-control-agent";
    private static final Set<String> KEYS = Set.of("http-host", "http-port", "authentication", "trust-anchor",
            "cert-file", "key-file", "cert-required", "control-sockets", "hooks-libraries", "loggers",
            "http-headers", "user-context", "comment");
    private static final Set<String> AUTH_KEYS = Set.of("type", "realm", "directory", "clients",
            "user-context", "comment");
    private static final Set<String> CLIENT_KEYS = Set.of("user", "password", "user-file", "password-file",
            "user-context", "comment");

    private AgentConfigParser() {
    }

    /** Parses the {@code Control-agent} section of {@code root}; no section gives {@link AgentConfig#NONE}. */
    public static AgentConfig parse(JsonNode root) {
        KeaJson section = KeaJson.of(root, "").at(SECTION);
        if (section.isMissing()) {
            return AgentConfig.NONE;
        }
        section.requireMap().allowOnly(KEYS);
        String host = section.string("http-host", null);
        Integer port = section.has("http-port") ? (int) section.integer("http-port", 0, 0, 65535) : null;
        section.list("hooks-libraries");
        section.list("loggers");
        section.map("control-sockets");
        KeaJson authNode = section.map("authentication");
        AgentConfig.Authentication auth = authNode.isMissing() ? null : authentication(authNode);
        return new AgentConfig(host, port, auth, tls(section), headers(section));
    }

    private static AgentConfig.Tls tls(KeaJson section) {
        String anchor = section.string("trust-anchor", null);
        String cert = section.string("cert-file", null);
        String key = section.string("key-file", null);
        boolean certRequired = section.bool("cert-required", true);
        int given = (blank(anchor) ? 0 : 1) + (blank(cert) ? 0 : 1) + (blank(key) ? 0 : 1);
        if (given == 0) {
            return null;
        }
        if (given != 3) {
            // Kea: "bad TLS config: trust-anchor, cert-file and key-file must be all set or all unset".
            throw section.error("trust-anchor, cert-file and key-file must be all set or all unset");
        }
        for (Map.Entry<String, String> f : Map.of("trust-anchor", anchor, "cert-file", cert, "key-file", key).entrySet()) {
            if (!Files.exists(Path.of(f.getValue()))) {
                throw section.error(f.getKey(), "no such file or directory: " + f.getValue());
            }
        }
        return new AgentConfig.Tls(Path.of(anchor), Path.of(cert), Path.of(key), certRequired);
    }

    private static AgentConfig.Authentication authentication(KeaJson auth) {
        auth.allowOnly(AUTH_KEYS);
        String type = auth.string("type", null);
        if (type == null) {
            throw auth.error("missing parameter 'type' (the only supported type is 'basic')");
        }
        if (!"basic".equals(type)) {
            throw auth.error("type", "unsupported authentication type '" + type
                    + "' (the only supported type is 'basic')");
        }
        String realm = auth.string("realm", null);
        String directory = auth.string("directory", null);
        Path dir = Path.of(directory == null ? "" : directory);
        Set<String> tokens = new LinkedHashSet<>();
        for (KeaJson client : auth.list("clients")) {
            tokens.add(client(client, dir));
        }
        return new AgentConfig.Authentication(realm == null ? DEFAULT_REALM : realm, Set.copyOf(tokens));
    }

    /** One client as its basic-auth token: base64 of {@code user:password}. */
    private static String client(KeaJson client, Path dir) {
        client.requireMap().allowOnly(CLIENT_KEYS);
        String user = client.string("user", null);
        String userFile = client.string("user-file", null);
        String password = client.string("password", null);
        String passwordFile = client.string("password-file", null);
        if (user != null && userFile != null) {
            throw client.error("'user' and 'user-file' cannot both be given");
        }
        if (password != null && passwordFile != null) {
            throw client.error("'password' and 'password-file' cannot both be given");
        }
        String secret;
        if (user == null && userFile == null) {
            if (passwordFile == null) {
                throw client.error("missing parameter 'user'");
            }
            // Kea: a password-file without a user holds the whole "user:password" secret.
            secret = readSecret(dir, passwordFile, client.pathOf("password-file"));
            int colon = secret.indexOf(':');
            if (colon <= 0) {
                throw client.error("password-file", "without 'user' the file must hold 'user:password'");
            }
        } else {
            String userKey = user != null ? "user" : "user-file";
            String u = user != null ? user : readSecret(dir, userFile, client.pathOf("user-file"));
            if (u.isEmpty()) {
                throw client.error(userKey, "user cannot be empty");
            }
            if (u.indexOf(':') >= 0) {
                throw client.error(userKey, "user must not contain a ':'");
            }
            String p = password != null ? password
                    : passwordFile != null ? readSecret(dir, passwordFile, client.pathOf("password-file")) : "";
            secret = u + ":" + p;
        }
        return Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A credential file's content without its final line end. The message never includes the content. */
    private static String readSecret(Path dir, String name, String path) {
        Path file = dir.resolve(name);
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            if (s.endsWith("\n")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.endsWith("\r")) {
                s = s.substring(0, s.length() - 1);
            }
            return s;
        } catch (IOException e) {
            throw new ConfigException(path, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static List<AgentConfig.Header> headers(KeaJson section) {
        List<AgentConfig.Header> headers = new ArrayList<>();
        for (KeaJson h : section.list("http-headers")) {
            h.requireMap();
            String name = h.string("name", null);
            String value = h.string("value", null);
            if (blank(name)) {
                throw h.error("missing parameter 'name'");
            }
            if (value == null) {
                throw h.error("missing parameter 'value'");
            }
            headers.add(new AgentConfig.Header(name, value));
        }
        return List.copyOf(headers);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
