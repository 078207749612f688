package io.dhcpsuite.config.d2;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.KeaJson;
import io.dhcpsuite.config.d2.D2Config.DdnsDomain;
import io.dhcpsuite.config.d2.D2Config.DnsServer;
import io.dhcpsuite.config.d2.D2Config.TsigKey;
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
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses {@code DhcpDdns} with Kea's defaults and checks ({@code d2_simple_parser.cc},
 * {@code d2_config.cc}): TCP as {@code ncr-protocol} is refused as "not yet supported", a domain
 * or server naming an undefined key is refused, a domain needs at least one server, and
 * {@code hostname} in a server is refused as Kea does (not implemented there either). Pure
 * parsing, no Spring: ddns-service runs on the result and {@code dhcpctl test} checks with it.
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

    public static D2Config parse(JsonNode section) {
        KeaJson d2 = KeaJson.of(section, ROOT);
        if (d2.isMissing() || !section.isObject()) {
            throw d2.error("expected map, got " + KeaJson.typeName(section));
        }
        d2.allowOnly(TOP);
        String ip = d2.string("ip-address", "127.0.0.1").trim();
        address(ip, d2.pathOf("ip-address"));
        if (ip.equals("0.0.0.0") || ip.equals("::")) {
            throw d2.error("ip-address", "IP address cannot be \"" + ip + "\"");
        }
        int port = (int) d2.integer("port", 53001, 1, 65535);
        int timeout = (int) d2.integer("dns-server-timeout", 500, 1, Integer.MAX_VALUE);
        String protocol = d2.string("ncr-protocol", "UDP").trim().toUpperCase(Locale.ROOT);
        if (protocol.equals("TCP")) {
            throw d2.error("ncr-protocol", "TCP is not yet supported");
        }
        if (!protocol.equals("UDP")) {
            throw d2.error("ncr-protocol", "invalid value '" + protocol + "', expected UDP");
        }
        String format = d2.string("ncr-format", "JSON").trim().toUpperCase(Locale.ROOT);
        if (!format.equals("JSON")) {
            throw d2.error("ncr-format", "invalid value '" + format + "', only JSON is supported");
        }
        Map<String, TsigKey> keys = keys(d2.list("tsig-keys"));
        List<DdnsDomain> forward = domains(d2.map("forward-ddns"), keys, false);
        List<DdnsDomain> reverse = domains(d2.map("reverse-ddns"), keys, true);
        d2.map("control-socket");
        d2.list("control-sockets");
        d2.list("loggers");
        d2.list("hooks-libraries");
        return new D2Config(ip, port, timeout, protocol, format, forward, reverse, keys, section.deepCopy());
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

    private static Map<String, TsigKey> keys(List<KeaJson> list) {
        Map<String, TsigKey> keys = new LinkedHashMap<>();
        for (KeaJson k : list) {
            k.requireMap().allowOnly(KEY);
            String name = k.requiredString("name").trim();
            if (name.isEmpty()) {
                throw k.error("name", "TSIG key name cannot be blank");
            }
            try {
                Name.fromString(name, Name.root);
            } catch (TextParseException e) {
                throw k.error("name", "'" + name + "' is not a valid key name: " + e.getMessage());
            }
            String algorithm = k.requiredString("algorithm").trim().toUpperCase(Locale.ROOT);
            Integer fullBits = ALGORITHMS.get(algorithm);
            if (fullBits == null) {
                throw k.error("algorithm", "unknown TSIG key algorithm '" + algorithm
                        + "', expected one of HMAC-MD5, HMAC-SHA1, HMAC-SHA224, HMAC-SHA256, HMAC-SHA384, HMAC-SHA512");
            }
            int bits = (int) k.integer("digest-bits", 0, 0, fullBits);
            if (bits != 0 && (bits % 8 != 0 || bits < 80 || bits < fullBits / 2)) {
                throw k.error("digest-bits", "must be 0, or a multiple of 8 of at least 80 and"
                        + " at least half of the algorithm's " + fullBits + " bits, got " + bits);
            }
            String secretText;
            String secretPath;
            if (k.has("secret-file")) {
                secretPath = k.pathOf("secret-file");
                String file = k.requiredString("secret-file").trim();
                try {
                    secretText = Files.readString(Path.of(file)).trim();
                } catch (IOException | RuntimeException e) {
                    throw new ConfigException(secretPath, "cannot read '" + file + "': " + e.getMessage());
                }
            } else {
                secretPath = k.pathOf("secret");
                if (!k.has("secret")) {
                    throw k.error("either 'secret' or 'secret-file' is required");
                }
                secretText = k.requiredString("secret").trim();
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
                throw k.error("name", "duplicate TSIG key name '" + name + "'");
            }
        }
        return keys;
    }

    private static List<DdnsDomain> domains(KeaJson ddns, Map<String, TsigKey> keys, boolean reverse) {
        if (ddns.isMissing()) {
            return List.of();
        }
        ddns.allowOnly(DDNS);
        List<DdnsDomain> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (KeaJson d : ddns.list("ddns-domains")) {
            d.requireMap().allowOnly(DOMAIN);
            String name = d.requiredString("name").trim();
            if (name.isEmpty()) {
                throw d.error("name", "domain name cannot be blank");
            }
            String canonical = canonical(name);
            if (reverse && !canonical.equals("*.") && !canonical.endsWith("in-addr.arpa.")
                    && !canonical.endsWith("ip6.arpa.")) {
                throw d.error("name", "'" + name + "' is not under in-addr.arpa. or ip6.arpa.");
            }
            if (!canonical.equals("*.")) {
                try {
                    Name.fromString(canonical);
                } catch (TextParseException e) {
                    throw d.error("name", "'" + name + "' is not a valid domain name: " + e.getMessage());
                }
            }
            if (!names.add(canonical)) {
                throw d.error("name", "duplicate domain '" + name + "'");
            }
            String keyName = keyName(d, keys);
            List<KeaJson> servers = d.list("dns-servers");
            if (servers.isEmpty()) {
                throw d.error("dns-servers", "a domain needs a list of at least one DNS server");
            }
            List<DnsServer> list = new ArrayList<>();
            for (KeaJson s : servers) {
                s.requireMap().allowOnly(SERVER);
                if (!s.string("hostname", "").isEmpty()) {
                    throw s.error("hostname", "hostname is not yet supported, use ip-address");
                }
                String ip = s.requiredString("ip-address").trim();
                address(ip, s.pathOf("ip-address"));
                int port = (int) s.integer("port", 53, 1, 65535);
                String serverKey = keyName(s, keys);
                list.add(new DnsServer(ip, port, serverKey != null ? serverKey : keyName));
            }
            out.add(new DdnsDomain(canonical.equals("*.") ? "*" : canonical, keyName,
                    Collections.unmodifiableList(list)));
        }
        return Collections.unmodifiableList(out);
    }

    private static String keyName(KeaJson n, Map<String, TsigKey> keys) {
        String name = n.string("key-name", "").trim();
        if (name.isEmpty()) {
            return null;
        }
        if (!keys.containsKey(name)) {
            throw n.error("key-name", "specifies an undefined key '" + name + "'");
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
}
