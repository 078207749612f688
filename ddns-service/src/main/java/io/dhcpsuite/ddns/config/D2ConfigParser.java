package io.dhcpsuite.ddns.config;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.ddns.config.D2Config.DdnsDomain;
import io.dhcpsuite.ddns.config.D2Config.DnsServer;
import io.dhcpsuite.ddns.config.D2Config.TsigKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses {@code DhcpDdns} with Kea's defaults and checks ({@code d2_simple_parser.cc},
 * {@code d2_config.cc}): TCP as {@code ncr-protocol} is refused as "not yet supported", a domain
 * or server naming an undefined key is refused, a domain needs at least one server, and
 * {@code hostname} in a server is refused as Kea does (not implemented there either).
 */
public final class D2ConfigParser {
    static final String ROOT = "DhcpDdns";
    private static final Set<String> TOP = Set.of("ip-address", "port", "dns-server-timeout", "ncr-protocol",
            "ncr-format", "forward-ddns", "reverse-ddns", "tsig-keys", "control-socket", "control-sockets",
            "loggers", "hooks-libraries", "user-context", "comment");
    private static final Set<String> DDNS = Set.of("ddns-domains", "user-context", "comment");
    private static final Set<String> DOMAIN = Set.of("name", "key-name", "dns-servers", "user-context", "comment");
    private static final Set<String> SERVER = Set.of("ip-address", "port", "key-name", "hostname",
            "user-context", "comment");
    private static final Set<String> KEY = Set.of("name", "algorithm", "secret", "secret-file", "digest-bits",
            "user-context", "comment");
    /** Full MAC length in bits per algorithm, Kea's accepted names. */
    private static final Map<String, Integer> ALGORITHMS = Map.of("HMAC-MD5", 128, "HMAC-SHA1", 160,
            "HMAC-SHA224", 224, "HMAC-SHA256", 256, "HMAC-SHA384", 384, "HMAC-SHA512", 512);

    private D2ConfigParser() {
    }

    /** Parses the {@code DhcpDdns} member of a whole Kea document; an absent section gives the defaults. */
    public static D2Config fromDocument(JsonNode document) {
        JsonNode section = document == null ? null : document.get(ROOT);
        return parse(section == null || section.isNull() ? JsonNodeFactory.instance.objectNode() : section);
    }

    public static D2Config parse(JsonNode d2) {
        if (!d2.isObject()) {
            throw new ConfigException(ROOT, "must be a map");
        }
        known(d2, ROOT, TOP);
        String ip = string(d2, ROOT, "ip-address", "127.0.0.1");
        address(ip, ROOT + "/ip-address");
        if (ip.equals("0.0.0.0") || ip.equals("::")) {
            throw new ConfigException(ROOT + "/ip-address", "IP address cannot be \"" + ip + "\"");
        }
        int port = integer(d2, ROOT, "port", 53001, 1, 65535);
        int timeout = integer(d2, ROOT, "dns-server-timeout", 500, 1, Integer.MAX_VALUE);
        String protocol = string(d2, ROOT, "ncr-protocol", "UDP").toUpperCase(Locale.ROOT);
        if (protocol.equals("TCP")) {
            throw new ConfigException(ROOT + "/ncr-protocol", "TCP is not yet supported");
        }
        if (!protocol.equals("UDP")) {
            throw new ConfigException(ROOT + "/ncr-protocol", "invalid value '" + protocol + "', expected UDP");
        }
        String format = string(d2, ROOT, "ncr-format", "JSON").toUpperCase(Locale.ROOT);
        if (!format.equals("JSON")) {
            throw new ConfigException(ROOT + "/ncr-format", "invalid value '" + format + "', only JSON is supported");
        }
        Map<String, TsigKey> keys = keys(d2.get("tsig-keys"), ROOT + "/tsig-keys");
        List<DdnsDomain> forward = domains(d2.get("forward-ddns"), ROOT + "/forward-ddns", keys, false);
        List<DdnsDomain> reverse = domains(d2.get("reverse-ddns"), ROOT + "/reverse-ddns", keys, true);
        for (String socketKey : List.of("control-socket", "control-sockets", "loggers", "hooks-libraries")) {
            JsonNode n = d2.get(socketKey);
            boolean list = !socketKey.equals("control-socket");
            if (n != null && (list ? !n.isArray() : !n.isObject())) {
                throw new ConfigException(ROOT + "/" + socketKey, "must be a " + (list ? "list" : "map"));
            }
        }
        return new D2Config(ip, port, timeout, protocol, format, forward, reverse, keys, d2.deepCopy());
    }

    /** The section as config-get shows it: every TSIG {@code secret} replaced by stars. */
    public static ObjectNode masked(D2Config config) {
        ObjectNode copy = (ObjectNode) config.section().deepCopy();
        JsonNode keys = copy.get("tsig-keys");
        if (keys != null && keys.isArray()) {
            for (JsonNode k : keys) {
                if (k.isObject() && k.has("secret")) {
                    ((ObjectNode) k).put("secret", "*****");
                }
            }
        }
        return copy;
    }

    private static Map<String, TsigKey> keys(JsonNode list, String path) {
        Map<String, TsigKey> keys = new LinkedHashMap<>();
        if (list == null) {
            return keys;
        }
        if (!list.isArray()) {
            throw new ConfigException(path, "must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode k = map(list.get(i), p);
            known(k, p, KEY);
            String name = requiredString(k, p, "name");
            if (name.isEmpty()) {
                throw new ConfigException(p + "/name", "TSIG key name cannot be blank");
            }
            try {
                org.xbill.DNS.Name.fromString(name, org.xbill.DNS.Name.root);
            } catch (org.xbill.DNS.TextParseException e) {
                throw new ConfigException(p + "/name", "'" + name + "' is not a valid key name: " + e.getMessage());
            }
            String algorithm = requiredString(k, p, "algorithm").toUpperCase(Locale.ROOT);
            Integer fullBits = ALGORITHMS.get(algorithm);
            if (fullBits == null) {
                throw new ConfigException(p + "/algorithm", "unknown TSIG key algorithm '" + algorithm
                        + "', expected one of HMAC-MD5, HMAC-SHA1, HMAC-SHA224, HMAC-SHA256, HMAC-SHA384, HMAC-SHA512");
            }
            int bits = integer(k, p, "digest-bits", 0, 0, fullBits);
            if (bits != 0 && (bits % 8 != 0 || bits < 80 || bits < fullBits / 2)) {
                throw new ConfigException(p + "/digest-bits", "must be 0, or a multiple of 8 of at least 80 and"
                        + " at least half of the algorithm's " + fullBits + " bits, got " + bits);
            }
            String secretText;
            String secretPath;
            if (k.has("secret-file")) {
                secretPath = p + "/secret-file";
                String file = requiredString(k, p, "secret-file");
                try {
                    secretText = Files.readString(Path.of(file)).trim();
                } catch (IOException | RuntimeException e) {
                    throw new ConfigException(secretPath, "cannot read '" + file + "': " + e.getMessage());
                }
            } else {
                secretPath = p + "/secret";
                if (!k.has("secret")) {
                    throw new ConfigException(p, "either 'secret' or 'secret-file' is required");
                }
                secretText = requiredString(k, p, "secret");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(secretText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(secretPath, "secret is not valid base64: " + e.getMessage());
            }
            if (secret.length == 0) {
                throw new ConfigException(secretPath, "secret cannot be blank");
            }
            if (keys.putIfAbsent(name, new TsigKey(name, algorithm, secret, bits)) != null) {
                throw new ConfigException(p + "/name", "duplicate TSIG key name '" + name + "'");
            }
        }
        return keys;
    }

    private static List<DdnsDomain> domains(JsonNode ddns, String path, Map<String, TsigKey> keys, boolean reverse) {
        if (ddns == null) {
            return List.of();
        }
        map(ddns, path);
        known(ddns, path, DDNS);
        JsonNode list = ddns.get("ddns-domains");
        List<DdnsDomain> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        String lp = path + "/ddns-domains";
        if (!list.isArray()) {
            throw new ConfigException(lp, "must be a list");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = lp + "[" + i + "]";
            JsonNode d = map(list.get(i), p);
            known(d, p, DOMAIN);
            String name = requiredString(d, p, "name");
            if (name.isEmpty()) {
                throw new ConfigException(p + "/name", "domain name cannot be blank");
            }
            String canonical = canonical(name);
            if (reverse && !canonical.equals("*.") && !canonical.endsWith("in-addr.arpa.")
                    && !canonical.endsWith("ip6.arpa.")) {
                throw new ConfigException(p + "/name", "'" + name + "' is not under in-addr.arpa. or ip6.arpa.");
            }
            if (!canonical.equals("*.")) {
                try {
                    org.xbill.DNS.Name.fromString(canonical);
                } catch (org.xbill.DNS.TextParseException e) {
                    throw new ConfigException(p + "/name", "'" + name + "' is not a valid domain name: " + e.getMessage());
                }
            }
            if (!names.add(canonical)) {
                throw new ConfigException(p + "/name", "duplicate domain '" + name + "'");
            }
            String keyName = keyName(d, p, keys);
            JsonNode servers = d.get("dns-servers");
            String sp = p + "/dns-servers";
            if (servers == null || !servers.isArray() || servers.isEmpty()) {
                throw new ConfigException(sp, "a domain needs a list of at least one DNS server");
            }
            List<DnsServer> list2 = new ArrayList<>();
            for (int j = 0; j < servers.size(); j++) {
                String q = sp + "[" + j + "]";
                JsonNode s = map(servers.get(j), q);
                known(s, q, SERVER);
                if (s.has("hostname") && !s.get("hostname").asString("").isEmpty()) {
                    throw new ConfigException(q + "/hostname", "hostname is not yet supported, use ip-address");
                }
                String ip = requiredString(s, q, "ip-address");
                address(ip, q + "/ip-address");
                int port = integer(s, q, "port", 53, 1, 65535);
                String serverKey = keyName(s, q, keys);
                list2.add(new DnsServer(ip, port, serverKey != null ? serverKey : keyName));
            }
            out.add(new DdnsDomain(canonical.equals("*.") ? "*" : canonical, keyName,
                    Collections.unmodifiableList(list2)));
        }
        return Collections.unmodifiableList(out);
    }

    private static String keyName(JsonNode n, String path, Map<String, TsigKey> keys) {
        if (!n.has("key-name")) {
            return null;
        }
        String name = requiredString(n, path, "key-name");
        if (name.isEmpty()) {
            return null;
        }
        if (!keys.containsKey(name)) {
            throw new ConfigException(path + "/key-name", "specifies an undefined key '" + name + "'");
        }
        return name;
    }

    /** Lower case with the trailing dot: how zone names are compared. */
    static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    private static void address(String ip, String path) {
        boolean literal = ip.matches("[0-9.]+") && ip.split("\\.", -1).length == 4 || ip.contains(":");
        try {
            if (!literal) {
                throw new UnknownHostException();
            }
            InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new ConfigException(path, "'" + ip + "' is not an IPv4 or IPv6 address");
        }
    }

    private static JsonNode map(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new ConfigException(path, "must be a map");
        }
        return n;
    }

    private static void known(JsonNode n, String path, Set<String> allowed) {
        for (String key : n.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new ConfigException(path + "/" + key, "unknown parameter");
            }
        }
    }

    private static String requiredString(JsonNode n, String path, String key) {
        JsonNode v = n.get(key);
        if (v == null) {
            throw new ConfigException(path + "/" + key, "missing mandatory parameter");
        }
        if (!v.isString()) {
            throw new ConfigException(path + "/" + key, "must be a string, got " + v);
        }
        return v.asString().trim();
    }

    private static String string(JsonNode n, String path, String key, String dflt) {
        return n.has(key) ? requiredString(n, path, key) : dflt;
    }

    private static int integer(JsonNode n, String path, String key, int dflt, long min, long max) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new ConfigException(path + "/" + key, "must be an integer from " + min + " to " + max + ", got " + v);
        }
        return (int) v.asLong();
    }
}
