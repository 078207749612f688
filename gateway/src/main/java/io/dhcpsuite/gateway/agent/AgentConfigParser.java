package io.dhcpsuite.gateway.agent;

import io.dhcpsuite.config.ConfigException;
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
        JsonNode section = root == null ? null : root.get(SECTION);
        if (section == null || section.isNull()) {
            return AgentConfig.NONE;
        }
        String path = SECTION;
        requireMap(section, path);
        for (Map.Entry<String, JsonNode> e : section.properties()) {
            if (!KEYS.contains(e.getKey())) {
                throw new ConfigException(path + "/" + e.getKey(), "unknown parameter");
            }
        }
        String host = optString(section, "http-host", path);
        Integer port = null;
        if (section.has("http-port")) {
            JsonNode p = section.get("http-port");
            if (!p.isIntegralNumber() || p.asLong() < 0 || p.asLong() > 65535) {
                throw new ConfigException(path + "/http-port", "expected an integer between 0 and 65535, got " + p);
            }
            port = p.asInt();
        }
        for (String list : List.of("hooks-libraries", "loggers")) {
            if (section.has(list) && !section.get(list).isArray()) {
                throw new ConfigException(path + "/" + list, "expected list");
            }
        }
        if (section.has("control-sockets")) {
            requireMap(section.get("control-sockets"), path + "/control-sockets");
        }
        AgentConfig.Authentication auth = section.has("authentication")
                ? authentication(section.get("authentication"), path + "/authentication") : null;
        return new AgentConfig(host, port, auth, tls(section, path), headers(section, path));
    }

    private static AgentConfig.Tls tls(JsonNode section, String path) {
        String anchor = optString(section, "trust-anchor", path);
        String cert = optString(section, "cert-file", path);
        String key = optString(section, "key-file", path);
        boolean certRequired = true;
        if (section.has("cert-required")) {
            JsonNode r = section.get("cert-required");
            if (!r.isBoolean()) {
                throw new ConfigException(path + "/cert-required", "expected boolean, got " + r);
            }
            certRequired = r.asBoolean();
        }
        int given = (blank(anchor) ? 0 : 1) + (blank(cert) ? 0 : 1) + (blank(key) ? 0 : 1);
        if (given == 0) {
            return null;
        }
        if (given != 3) {
            // Kea: "bad TLS config: trust-anchor, cert-file and key-file must be all set or all unset".
            throw new ConfigException(path, "trust-anchor, cert-file and key-file must be all set or all unset");
        }
        for (Map.Entry<String, String> f : Map.of("trust-anchor", anchor, "cert-file", cert, "key-file", key).entrySet()) {
            if (!Files.exists(Path.of(f.getValue()))) {
                throw new ConfigException(path + "/" + f.getKey(), "no such file or directory: " + f.getValue());
            }
        }
        return new AgentConfig.Tls(Path.of(anchor), Path.of(cert), Path.of(key), certRequired);
    }

    private static AgentConfig.Authentication authentication(JsonNode auth, String path) {
        requireMap(auth, path);
        for (Map.Entry<String, JsonNode> e : auth.properties()) {
            if (!AUTH_KEYS.contains(e.getKey())) {
                throw new ConfigException(path + "/" + e.getKey(), "unknown parameter");
            }
        }
        String type = optString(auth, "type", path);
        if (type == null) {
            throw new ConfigException(path + "/type", "missing parameter (the only supported type is 'basic')");
        }
        if (!"basic".equals(type)) {
            throw new ConfigException(path + "/type", "unsupported authentication type '" + type
                    + "' (the only supported type is 'basic')");
        }
        String realm = optString(auth, "realm", path);
        String directory = optString(auth, "directory", path);
        Path dir = Path.of(directory == null ? "" : directory);
        Set<String> tokens = new LinkedHashSet<>();
        JsonNode clients = auth.get("clients");
        if (clients != null && !clients.isArray()) {
            throw new ConfigException(path + "/clients", "expected list");
        }
        if (clients != null) {
            for (int i = 0; i < clients.size(); i++) {
                tokens.add(client(clients.get(i), dir, path + "/clients[" + i + "]"));
            }
        }
        return new AgentConfig.Authentication(realm == null ? DEFAULT_REALM : realm, Set.copyOf(tokens));
    }

    /** One client as its basic-auth token: base64 of {@code user:password}. */
    private static String client(JsonNode client, Path dir, String path) {
        requireMap(client, path);
        for (Map.Entry<String, JsonNode> e : client.properties()) {
            if (!CLIENT_KEYS.contains(e.getKey())) {
                throw new ConfigException(path + "/" + e.getKey(), "unknown parameter");
            }
        }
        String user = optString(client, "user", path);
        String userFile = optString(client, "user-file", path);
        String password = optString(client, "password", path);
        String passwordFile = optString(client, "password-file", path);
        if (user != null && userFile != null) {
            throw new ConfigException(path, "'user' and 'user-file' cannot both be given");
        }
        if (password != null && passwordFile != null) {
            throw new ConfigException(path, "'password' and 'password-file' cannot both be given");
        }
        String secret;
        if (user == null && userFile == null) {
            if (passwordFile == null) {
                throw new ConfigException(path + "/user", "missing parameter");
            }
            // Kea: a password-file without a user holds the whole "user:password" secret.
            secret = readSecret(dir, passwordFile, path + "/password-file");
            int colon = secret.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(path + "/password-file",
                        "without 'user' the file must hold 'user:password'");
            }
        } else {
            String u = user != null ? user : readSecret(dir, userFile, path + "/user-file");
            if (u.isEmpty()) {
                throw new ConfigException(path + (user != null ? "/user" : "/user-file"), "user cannot be empty");
            }
            if (u.indexOf(':') >= 0) {
                throw new ConfigException(path + (user != null ? "/user" : "/user-file"), "user must not contain a ':'");
            }
            String p = password != null ? password
                    : passwordFile != null ? readSecret(dir, passwordFile, path + "/password-file") : "";
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

    private static List<AgentConfig.Header> headers(JsonNode section, String path) {
        JsonNode list = section.get("http-headers");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(path + "/http-headers", "expected list");
        }
        List<AgentConfig.Header> headers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String p = path + "/http-headers[" + i + "]";
            requireMap(list.get(i), p);
            String name = optString(list.get(i), "name", p);
            String value = optString(list.get(i), "value", p);
            if (blank(name)) {
                throw new ConfigException(p + "/name", "missing parameter");
            }
            if (value == null) {
                throw new ConfigException(p + "/value", "missing parameter");
            }
            headers.add(new AgentConfig.Header(name, value));
        }
        return List.copyOf(headers);
    }

    private static void requireMap(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(path, "expected map");
        }
    }

    private static String optString(JsonNode map, String key, String path) {
        JsonNode v = map.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new ConfigException(path + "/" + key, "expected string, got " + v.getNodeType().name().toLowerCase());
        }
        return v.asString();
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
