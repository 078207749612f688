package io.dhcpsuite.config.ha;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.HookLibrary;
import io.dhcpsuite.config.KeaJson;
import java.io.IOException;
import io.dhcpsuite.codec.Ipv4;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code parameters} of a {@code libdhcp_ha.so} hook entry with Kea's defaults, limits
 * and validation rules ({@code ha_config_parser.cc}, {@code ha_config.cc}), refusing with the full
 * path of the offending key. It is stricter than Kea in one way, on purpose: an unknown key inside
 * the HA parameters is refused (Kea ignores it, so a typo such as {@code max-unacked-client}
 * silently keeps the default).
 */
public final class HaConfigParser {

    private static final Set<String> PARAMETERS = Set.of("high-availability");
    private static final Set<String> RELATIONSHIP = Set.of("this-server-name", "mode", "heartbeat-delay",
            "max-response-delay", "max-ack-delay", "max-unacked-clients", "max-rejected-lease-updates",
            "delayed-updates-limit", "send-lease-updates", "sync-leases", "sync-timeout", "sync-page-limit",
            "wait-backup-ack", "require-client-certs", "restrict-commands", "trust-anchor", "cert-file",
            "key-file", "multi-threading", "state-machine", "peers", "user-context", "comment");
    private static final Set<String> PEER = Set.of("name", "url", "role", "auto-failover", "basic-auth-user",
            "basic-auth-password", "basic-auth-password-file", "trust-anchor", "cert-file", "key-file",
            "user-context", "comment");
    private static final Set<String> MULTI_THREADING = Set.of("enable-multi-threading", "http-dedicated-listener",
            "http-listener-threads", "http-client-threads");
    private static final Set<String> STATE_MACHINE = Set.of("states");
    private static final Set<String> STATE = Set.of("state", "pause", "user-context", "comment");
    private static final long UINT16 = 0xFFFF;
    private static final long UINT32 = 0xFFFF_FFFFL;

    private HaConfigParser() {
    }

    /** Whether a {@code library} path names Kea's HA hook, in any directory. */
    public static boolean isHaLibrary(String library) {
        return library != null && (library.equals("libdhcp_ha.so") || library.endsWith("/libdhcp_ha.so"));
    }

    /**
     * The HA configuration of the first {@code libdhcp_ha.so} entry of {@code hooks}, or null when
     * none is configured.
     *
     * @param hooksPath the path of the {@code hooks-libraries} list, e.g. {@code Dhcp4/hooks-libraries}
     */
    public static HaConfig fromHooks(List<HookLibrary> hooks, String hooksPath) {
        for (int i = 0; i < hooks.size(); i++) {
            if (isHaLibrary(hooks.get(i).library())) {
                return parse(KeaJson.of(hooks.get(i).parameters(), hooksPath + "[" + i + "]/parameters"));
            }
        }
        return null;
    }

    /**
     * The HA configuration of a {@code Dhcp6} section's {@code libdhcp_ha.so} entry, or null. The
     * parameters are Kea's, as for {@code Dhcp4}; one relationship only, since DHCPv6 subnets have
     * no {@code ha-server-name} to split a hub's traffic by yet.
     */
    public static HaConfig fromDhcp6Hooks(List<HookLibrary> hooks) {
        HaConfig ha = fromHooks(hooks, "Dhcp6/hooks-libraries");
        if (ha != null && ha.relationships().size() > 1) {
            for (int i = 0; i < hooks.size(); i++) {
                if (isHaLibrary(hooks.get(i).library())) {
                    throw new io.dhcpsuite.config.ConfigException("Dhcp6/hooks-libraries[" + i
                            + "]/parameters/high-availability", "several relationships (hub and spoke) are not supported"
                            + " for DHCPv6; configure one");
                }
            }
        }
        return ha;
    }

    /** Parses a {@code libdhcp_ha.so} entry's {@code parameters} map. */
    public static HaConfig parse(KeaJson parameters) {
        if (parameters.isMissing()) {
            throw parameters.error("missing parameter 'high-availability'");
        }
        parameters.requireMap().allowOnly(PARAMETERS);
        KeaJson list = parameters.at("high-availability");
        if (list.isMissing()) {
            throw parameters.error("missing parameter 'high-availability'");
        }
        List<KeaJson> entries = list.elements();
        if (entries.isEmpty()) {
            throw list.error("a list of HA configurations must not be empty");
        }
        List<HaRelationship> out = new ArrayList<>();
        Map<String, String> peerPaths = new HashMap<>();
        for (int id = 0; id < entries.size(); id++) {
            HaRelationship r = relationship(id, entries.get(id));
            for (int p = 0; p < r.peers().size(); p++) {
                String name = r.peers().get(p).name();
                String path = entries.get(id).pathOf("peers") + "[" + p + "]/name";
                String earlier = peerPaths.putIfAbsent(name, path);
                if (earlier != null) {
                    throw new ConfigException(path, "server names must be unique for different relationships: '"
                            + name + "' is also at " + earlier);
                }
            }
            out.add(r);
        }
        if (out.size() > 1) {
            for (int id = 0; id < out.size(); id++) {
                if (out.get(id).mode() != HaMode.HOT_STANDBY) {
                    throw entries.get(id).error("mode",
                            "multiple HA relationships are only supported for 'hot-standby' mode");
                }
            }
        }
        return new HaConfig(out);
    }

    private static HaRelationship relationship(int id, KeaJson r) {
        r.requireMap();
        if (r.isMissing()) {
            throw r.error("HA configuration for a relationship must be a map");
        }
        r.allowOnly(RELATIONSHIP);
        HaMode mode = enumValue(r, "mode", HaMode.of(r.requiredString("mode")), "load-balancing, hot-standby, passive-backup");
        String thisServer = r.requiredString("this-server-name").strip();
        if (thisServer.isEmpty()) {
            throw r.error("this-server-name", "'this-server-name' value must not be empty");
        }
        int heartbeatDelay = (int) r.integer("heartbeat-delay", 10000, 0, UINT16);
        int maxResponseDelay = (int) r.integer("max-response-delay", 60000, 0, UINT16);
        int maxAckDelay = (int) r.integer("max-ack-delay", 10000, 0, UINT16);
        long maxUnacked = r.integer("max-unacked-clients", 10, 0, UINT32);
        long maxRejected = r.integer("max-rejected-lease-updates", 10, 0, UINT32);
        long delayedLimit = r.integer("delayed-updates-limit", mode == HaMode.LOAD_BALANCING ? 100 : 0, 0, UINT32);
        boolean sendUpdates = r.bool("send-lease-updates", true);
        boolean syncLeases = r.bool("sync-leases", true);
        long syncTimeout = r.integer("sync-timeout", 60000, 0, UINT32);
        long syncPageLimit = r.integer("sync-page-limit", 10000, 0, UINT32);
        if (syncPageLimit == 0) {
            // Kea accepts 0 but then cannot build a lease4-get-page ("limit ... must not be 0")
            throw r.error("sync-page-limit", "value 0 is out of range 1.." + UINT32);
        }
        boolean waitBackupAck = r.bool("wait-backup-ack", false);
        boolean requireClientCerts = r.bool("require-client-certs", true);
        boolean restrictCommands = r.bool("restrict-commands", false);
        String trustAnchor = r.string("trust-anchor", null);
        String certFile = r.string("cert-file", null);
        String keyFile = r.string("key-file", null);

        KeaJson mt = r.map("multi-threading").allowOnly(MULTI_THREADING);
        HaRelationship.MultiThreading multiThreading = new HaRelationship.MultiThreading(
                mt.bool("enable-multi-threading", true), mt.bool("http-dedicated-listener", true),
                mt.integer("http-listener-threads", 0, 0, UINT32), mt.integer("http-client-threads", 0, 0, UINT32));

        Map<HaState, HaPausePolicy> pauses = new EnumMap<>(HaState.class);
        KeaJson sm = r.map("state-machine").allowOnly(STATE_MACHINE);
        for (KeaJson s : sm.list("states")) {
            s.requireMap();
            if (s.isMissing()) {
                throw s.error("state configuration must be a map");
            }
            s.allowOnly(STATE);
            String name = s.requiredString("state");
            HaState state = HaState.of(name);
            if (state == null) {
                throw s.error("state", "unknown state " + name);
            }
            HaPausePolicy pause = enumValue(s, "pause", HaPausePolicy.of(s.string("pause", "never")), "always, once, never");
            if (pauses.put(state, pause) != null) {
                throw s.error("state", "duplicated configuration for the '" + name + "' state");
            }
        }

        KeaJson peersNode = r.at("peers");
        if (peersNode.isMissing()) {
            throw r.error("'peers' parameter missing in HA configuration");
        }
        List<HaPeer> peers = new ArrayList<>();
        Map<HaRole, Integer> firstOfRole = new EnumMap<>(HaRole.class);
        Map<String, Integer> names = new LinkedHashMap<>();
        List<KeaJson> peerNodes = peersNode.elements();
        for (int i = 0; i < peerNodes.size(); i++) {
            KeaJson p = peerNodes.get(i);
            HaPeer peer = peer(p, trustAnchor, certFile, keyFile);
            if (names.putIfAbsent(peer.name(), i) != null) {
                throw p.error("name", "peer with name '" + peer.name() + "' already specified");
            }
            Integer earlier = firstOfRole.putIfAbsent(peer.role(), i);
            if (earlier != null && peer.role() != HaRole.BACKUP) {
                throw p.error("role", "multiple " + peer.role().wire() + " servers specified");
            }
            peers.add(peer);
        }
        if (!names.containsKey(thisServer)) {
            throw r.error("this-server-name", "no peer configuration specified for the '" + thisServer + "'");
        }
        checkRoles(mode, peerNodes, peers, peersNode, r);
        if (waitBackupAck && mode != HaMode.PASSIVE_BACKUP) {
            throw r.error("wait-backup-ack", "'wait-backup-ack' must be set to false in the "
                    + (mode == HaMode.LOAD_BALANCING ? "load balancing" : "hot standby") + " configuration");
        }
        if (delayedLimit > 0 && mode != HaMode.LOAD_BALANCING) {
            throw r.error("delayed-updates-limit", "'delayed-updates-limit' must be set to 0 in the "
                    + (mode == HaMode.HOT_STANDBY ? "hot standby" : "passive backup") + " configuration");
        }
        return new HaRelationship(id, thisServer, mode, heartbeatDelay, maxResponseDelay, maxAckDelay, maxUnacked,
                maxRejected, delayedLimit, sendUpdates, syncLeases, syncTimeout, syncPageLimit, waitBackupAck,
                requireClientCerts, restrictCommands, multiThreading, pauses, peers);
    }

    /** Kea's role rules per mode (ha_config.cc validate()). */
    private static void checkRoles(HaMode mode, List<KeaJson> nodes, List<HaPeer> peers, KeaJson peersNode,
            KeaJson r) {
        Set<HaRole> seen = new HashSet<>();
        peers.forEach(p -> seen.add(p.role()));
        String modeText = switch (mode) {
            case LOAD_BALANCING -> "load balancing";
            case HOT_STANDBY -> "hot standby";
            case PASSIVE_BACKUP -> "passive backup";
        };
        for (int i = 0; i < peers.size(); i++) {
            HaRole role = peers.get(i).role();
            boolean allowed = switch (role) {
                case PRIMARY, BACKUP -> true;
                case SECONDARY -> mode == HaMode.LOAD_BALANCING;
                case STANDBY -> mode == HaMode.HOT_STANDBY;
            };
            if (!allowed) {
                throw nodes.get(i).error("role", role.wire() + " servers not allowed in the " + modeText
                        + " configuration");
            }
        }
        if (!seen.contains(HaRole.PRIMARY)) {
            throw peersNode.error("primary server required in the " + modeText + " configuration");
        }
        if (mode == HaMode.LOAD_BALANCING && !seen.contains(HaRole.SECONDARY)) {
            throw peersNode.error("secondary server required in the load balancing configuration");
        }
        if (mode == HaMode.HOT_STANDBY && !seen.contains(HaRole.STANDBY)) {
            throw peersNode.error("standby server required in the hot standby configuration");
        }
    }

    private static HaPeer peer(KeaJson p, String trustAnchor, String certFile, String keyFile) {
        p.requireMap();
        if (p.isMissing()) {
            throw p.error("peer configuration must be a map");
        }
        p.allowOnly(PEER);
        String name = p.requiredString("name");
        if (name.isBlank()) {
            throw p.error("name", "peer name must not be empty");
        }
        HaRole role = enumValue(p, "role", HaRole.of(p.requiredString("role")), "primary, secondary, standby, backup");
        boolean autoFailover = p.bool("auto-failover", true);
        String ca = tlsValue(p.string("trust-anchor", null), trustAnchor);
        String cert = tlsValue(p.string("cert-file", null), certFile);
        String key = tlsValue(p.string("key-file", null), keyFile);
        URI url = url(p, name, ca != null || cert != null || key != null);
        if (ca != null || cert != null || key != null) {
            String missing = ca == null ? "trust-anchor" : cert == null ? "cert-file" : key == null ? "key-file" : null;
            if (missing != null) {
                throw p.error("bad TLS config for server " + name + ": " + missing
                        + " parameter is missing or empty: all or none of TLS parameters must be set");
            }
        }
        String password = p.string("basic-auth-password", null);
        String passwordFile = p.string("basic-auth-password-file", null);
        if (password != null && passwordFile != null) {
            throw p.error("basic-auth-password-file", "only one of basic-auth-password and "
                    + "basic-auth-password-file parameter can be configured in peer '" + name + "'");
        }
        if (passwordFile != null) {
            password = readPasswordFile(p, name, passwordFile);
        }
        String user = p.string("basic-auth-user", null);
        if (user != null && user.isEmpty()) {
            user = null; // Kea: an empty user means no basic auth
        }
        if (user != null && user.indexOf(':') >= 0) {
            throw p.error("basic-auth-user", "user '" + user + "' must not contain a ':' in peer '" + name + "'");
        }
        return new HaPeer(name, url, role, autoFailover, user, user == null ? null : (password == null ? "" : password),
                passwordFile, ca, cert, key);
    }

    /** Kea reads the first word of the file ({@code ifstream >> string}). */
    private static String readPasswordFile(KeaJson p, String name, String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw p.error("basic-auth-password-file", "bad password file in peer '" + name
                    + "': Expected '" + file + "' to be a regular file");
        }
        try {
            String content = Files.readString(path).strip();
            int space = content.isEmpty() ? -1 : firstSpace(content);
            return space < 0 ? content : content.substring(0, space);
        } catch (IOException e) {
            throw p.error("basic-auth-password-file", "bad password file in peer '" + name + "': Cannot open '"
                    + file + "'");
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static URI url(KeaJson p, String name, boolean tls) {
        String text = p.requiredString("url");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw p.error("url", "invalid URL '" + text + "' for server " + name + ": " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw p.error("url", "invalid URL '" + text + "' for server " + name + ": the scheme must be http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw p.error("url", "invalid URL '" + text + "' for server " + name + ": no host");
        }
        if (!isIpLiteral(host)) {
            throw p.error("url", "bad url '" + text + "': the host must be an IP address (IPv6 in brackets)"
                    + " for server " + name);
        }
        if ("https".equals(scheme) && !tls) {
            throw p.error("url", "bad url '" + text + "': https scheme is not supported for server " + name
                    + " where TLS is disabled");
        }
        return uri;
    }

    private static boolean isIpLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (host.startsWith("[") != h.contains(":")) {
            return false;
        }
        if (!h.contains(":")) {
            return Ipv4.tryParse(h) != null;
        }
        try {
            // a string with ':' is parsed as an IPv6 literal, never looked up in DNS
            return java.net.InetAddress.getByName(h) instanceof java.net.Inet6Address;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A peer's own value wins; an empty string means unset. */
    private static String tlsValue(String own, String global) {
        String v = own != null ? own : global;
        return v == null || v.isEmpty() ? null : v;
    }

    private static <E> E enumValue(KeaJson node, String key, E value, String allowed) {
        if (value == null) {
            throw node.error(key, "unsupported value '" + node.string(key, "") + "' for " + key
                    + " parameter (expected one of " + allowed + ")");
        }
        return value;
    }
}
