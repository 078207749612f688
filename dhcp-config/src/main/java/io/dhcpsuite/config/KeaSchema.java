package io.dhcpsuite.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The single table of every key Kea 2.2–2.7 accepts in a {@code Dhcp4} and a {@code Dhcp6}
 * section, scope by scope (from Kea's {@code dhcp4_parser.yy} / {@code dhcp6_parser.yy} keyword
 * lists and the 2.3–2.7 additions), each marked as
 * implemented by the suite, accepted silently, or accepted with an "accepted but not implemented"
 * warning. The loader validates key names against it before it reads any value, so a typo
 * anywhere, even inside a section the suite ignores, is refused like {@code kea-dhcp4 -t} does.
 */
final class KeaSchema {

    enum Status {
        /** Parsed into the model. */
        IMPLEMENTED,
        /** Accepted without effect and without a warning (documentation, tuning the JVM does itself). */
        SILENT,
        /** Accepted with a warning naming its path. */
        UNIMPLEMENTED
    }

    /** A key: its status and, for a map or a list of maps, the scope of its entries. */
    record Entry(Status status, Scope child, boolean list) {
    }

    /** A map scope. {@code free} scopes (hook parameters, queue parameters) take any key. */
    static final class Scope {
        final String name;
        final Map<String, Entry> keys = new LinkedHashMap<>();
        boolean free;

        Scope(String name) {
            this.name = name;
        }

        Scope add(Status status, String... names) {
            for (String n : names) {
                keys.put(n, new Entry(status, null, false));
            }
            return this;
        }

        Scope map(Status status, String key, Scope child) {
            keys.put(key, new Entry(status, child, false));
            return this;
        }

        Scope list(Status status, String key, Scope child) {
            keys.put(key, new Entry(status, child, true));
            return this;
        }

        Entry get(String key) {
            return keys.get(key);
        }
    }

    private static final Status I = Status.IMPLEMENTED;
    private static final Status S = Status.SILENT;
    private static final Status U = Status.UNIMPLEMENTED;

    /** ddns-* and hostname sanitising keys; valid at global, shared network, subnet and (2.7.6) pool. */
    private static final String[] DDNS_KEYS = {
        "ddns-send-updates", "ddns-override-no-update", "ddns-override-client-update",
        "ddns-replace-client-name", "ddns-generated-prefix", "ddns-qualifying-suffix",
        "ddns-update-on-renew", "ddns-use-conflict-resolution", "ddns-conflict-resolution-mode",
        "ddns-ttl-percent", "ddns-ttl", "ddns-ttl-min", "ddns-ttl-max",
        "hostname-char-set", "hostname-char-replacement"};

    /** Keys shared by global, shared network and subnet scopes (Kea's Network4 parameters). */
    private static final String[] NETWORK_IMPLEMENTED = {
        "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "renew-timer", "rebind-timer",
        "calculate-tee-times", "t1-percent", "t2-percent", "option-data", "match-client-id",
        "authoritative", "next-server", "server-hostname", "boot-file-name", "reservation-mode",
        "reservations-global", "reservations-in-subnet", "reservations-out-of-pool", "allocator"};

    private static final String[] NETWORK_UNIMPLEMENTED = {
        "store-extended-info", "cache-threshold", "cache-max-age", "offer-lifetime"};

    /** Network4 keys Kea's Network6 does not have (Dhcp6 scopes are derived from the Dhcp4 ones). */
    private static final String[] NETWORK4_ONLY = {
        "match-client-id", "authoritative", "next-server", "server-hostname", "boot-file-name", "offer-lifetime"};

    /** Network6 keys beyond the Network4 ones. */
    private static final String[] NETWORK6_ONLY = {
        "preferred-lifetime", "min-preferred-lifetime", "max-preferred-lifetime", "rapid-commit", "pd-allocator"};

    static final Scope TOP;
    static final Scope DHCP4;
    static final Scope DHCP6;

    static {
        Scope optionData = new Scope("option-data")
                .add(I, "name", "data", "code", "space", "csv-format", "always-send", "never-send",
                        "client-classes")
                .add(S, "metadata");
        Scope optionDef = new Scope("option-def")
                .add(I, "name", "code", "type", "record-types", "space", "encapsulate", "array")
                .add(S, "metadata");
        Scope relay = new Scope("relay").add(I, "ip-addresses", "ip-address");
        Scope pool = new Scope("pools")
                .add(I, "pool", "pool-id", "client-class", "client-classes")
                .list(I, "option-data", optionData)
                .add(U, "require-client-classes", "evaluate-additional-classes")
                .add(I, DDNS_KEYS)
                .add(S, "metadata");
        Scope reservation = new Scope("reservations")
                .add(I, "hw-address", "client-id", "circuit-id", "flex-id", "duid", "ip-address",
                        "hostname", "client-classes", "next-server", "server-hostname", "boot-file-name")
                .list(I, "option-data", optionData)
                .add(S, "metadata");
        Scope subnet = new Scope("subnet4")
                .add(I, NETWORK_IMPLEMENTED)
                .add(I, "id", "subnet", "interface", "client-class", "client-classes")
                .list(I, "option-data", optionData)
                .list(I, "pools", pool)
                .list(I, "reservations", reservation)
                .map(I, "relay", relay)
                .add(U, NETWORK_UNIMPLEMENTED)
                .add(I, DDNS_KEYS)
                .add(U, "require-client-classes", "evaluate-additional-classes", "4o6-interface",
                        "4o6-interface-id", "4o6-subnet")
                .add(S, "metadata");
        Scope shared = new Scope("shared-networks")
                .add(I, NETWORK_IMPLEMENTED)
                .add(I, "name", "interface", "client-class", "client-classes")
                .list(I, "option-data", optionData)
                .list(I, "subnet4", subnet)
                .map(I, "relay", relay)
                .add(U, NETWORK_UNIMPLEMENTED)
                .add(I, DDNS_KEYS)
                .add(U, "require-client-classes", "evaluate-additional-classes")
                .add(S, "metadata");
        Scope clientClass = new Scope("client-classes")
                .add(I, "name", "test", "only-if-required", "only-in-additional-list", "next-server",
                        "server-hostname", "boot-file-name", "valid-lifetime", "min-valid-lifetime",
                        "max-valid-lifetime")
                .list(I, "option-data", optionData)
                .list(U, "option-def", optionDef)
                .add(U, "template-test", "offer-lifetime")
                .add(S, "metadata");
        Scope interfaces = new Scope("interfaces-config")
                .add(I, "interfaces", "dhcp-socket-type", "re-detect")
                .add(U, "outbound-interface", "service-sockets-require-all",
                        "service-sockets-max-retries", "service-sockets-retry-wait-time");
        Scope database = new Scope("database")
                .add(I, "type", "name", "persist", "lfc-interval", "host", "port", "user", "password",
                        "connect-timeout", "max-row-errors",
                        "max-reconnect-tries", "reconnect-wait-time", "on-fail", "retry-on-startup")
                .add(U, "readonly", "read-timeout", "write-timeout", "tcp-user-timeout",
                        "trust-anchor", "cert-file", "key-file", "cipher-list", "ssl-mode");
        Scope hostsDatabase = new Scope("hosts-database")
                .add(I, "type", "name", "host", "port", "user", "password", "connect-timeout", "readonly")
                .add(U, "persist", "lfc-interval", "max-row-errors", "read-timeout", "write-timeout", "tcp-user-timeout",
                        "max-reconnect-tries", "reconnect-wait-time", "on-fail", "retry-on-startup",
                        "trust-anchor", "cert-file", "key-file", "cipher-list", "ssl-mode");
        Scope expired = new Scope("expired-leases-processing")
                .add(I, "reclaim-timer-wait-time", "flush-reclaimed-timer-wait-time", "hold-reclaimed-time",
                        "max-reclaim-leases", "max-reclaim-time", "unwarned-reclaim-cycles");
        Scope multiThreading = new Scope("multi-threading")
                .add(S, "enable-multi-threading", "thread-pool-size", "packet-queue-size");
        Scope queueControl = new Scope("dhcp-queue-control")
                .add(I, "enable-queue", "queue-type", "capacity");
        queueControl.free = true; // Kea passes unknown entries to the queue implementation
        Scope authClient = new Scope("clients")
                .add(I, "user", "password", "user-file", "password-file");
        Scope authentication = new Scope("authentication")
                .add(I, "type", "realm", "directory")
                .list(I, "clients", authClient);
        Scope controlSocket = new Scope("control-socket")
                .add(I, "socket-type", "socket-name", "socket-address", "socket-port", "trust-anchor",
                        "cert-file", "key-file", "cert-required", "http-headers")
                .map(I, "authentication", authentication);
        Scope dhcpDdns = new Scope("dhcp-ddns")
                .add(I, "enable-updates", "server-ip", "server-port", "sender-ip", "sender-port",
                        "max-queue-size", "ncr-protocol", "ncr-format")
                // deprecated in 1.7, still parsed by 2.2
                .add(I, "always-include-fqdn", "override-no-update", "override-client-update",
                        "replace-client-name", "generated-prefix", "qualifying-suffix",
                        "hostname-char-set", "hostname-char-replacement");
        // Kea's Dhcp6 never had always-include-fqdn
        Scope dhcpDdns6 = derive("dhcp-ddns", dhcpDdns, "always-include-fqdn");
        Scope outputOptions = new Scope("output-options")
                .add(I, "output", "flush", "maxsize", "maxver", "pattern");
        Scope logger = new Scope("loggers")
                .add(I, "name", "severity", "debuglevel")
                .list(I, "output_options", outputOptions)
                .list(I, "output-options", outputOptions);
        Scope sanity = new Scope("sanity-checks").add(U, "lease-checks", "extended-info-checks");
        Scope compatibility = new Scope("compatibility")
                .add(U, "lenient-option-parsing", "ignore-dhcp-server-identifier",
                        "ignore-rai-link-selection", "exclude-first-last-24");
        Scope configControl = new Scope("config-control")
                .list(I, "config-databases", database)
                .add(I, "config-fetch-wait-time");
        Scope hooksLibrary = new Scope("hooks-libraries").add(I, "library", "parameters");

        DHCP4 = new Scope("Dhcp4")
                .add(I, NETWORK_IMPLEMENTED)
                .add(I, "decline-probation-period", "echo-client-id", "server-tag",
                        "host-reservation-identifiers", "ip-reservations-unique")
                .list(I, "option-data", optionData)
                .list(I, "option-def", optionDef)
                .list(I, "subnet4", subnet)
                .list(I, "shared-networks", shared)
                .list(I, "client-classes", clientClass)
                .list(I, "reservations", reservation)
                .map(I, "interfaces-config", interfaces)
                .map(I, "lease-database", database)
                .map(I, "expired-leases-processing", expired)
                .map(S, "multi-threading", multiThreading)
                .map(I, "dhcp-ddns", dhcpDdns)
                .list(I, "hooks-libraries", hooksLibrary)
                .list(I, "loggers", logger)
                .map(I, "hosts-database", hostsDatabase)
                .list(I, "hosts-databases", hostsDatabase)
                .map(U, "control-socket", controlSocket)
                .list(U, "control-sockets", controlSocket)
                .map(U, "dhcp-queue-control", queueControl)
                .map(U, "sanity-checks", sanity)
                .map(U, "compatibility", compatibility)
                .map(U, "config-control", configControl)
                .add(U, NETWORK_UNIMPLEMENTED)
                .add(I, DDNS_KEYS)
                .add(U, "dhcp4o6-port", "statistic-default-sample-count", "statistic-default-sample-age",
                        "early-global-reservations-lookup", "reservations-lookup-first",
                        "parked-packet-limit", "stash-agent-options");

        // ---- Dhcp6: the scopes it shares with Dhcp4 above, and its own
        Scope pdPool = new Scope("pd-pools")
                .add(I, "prefix", "prefix-len", "delegated-len", "excluded-prefix", "excluded-prefix-len",
                        "pool-id", "client-class", "client-classes")
                .list(I, "option-data", optionData)
                .add(U, "require-client-classes", "evaluate-additional-classes")
                .add(S, "metadata");
        Scope reservation6 = new Scope("reservations")
                .add(I, "hw-address", "duid", "flex-id", "ip-addresses", "prefixes", "hostname", "client-classes")
                .list(I, "option-data", optionData)
                .add(U, "excluded-prefixes")
                .add(S, "metadata");
        Scope subnet6 = derive("subnet6", subnet, NETWORK4_ONLY, "4o6-interface", "4o6-interface-id", "4o6-subnet")
                .add(I, NETWORK6_ONLY)
                .add(I, "interface-id")
                .list(I, "pd-pools", pdPool)
                .list(I, "reservations", reservation6);
        Scope shared6 = derive("shared-networks", shared, NETWORK4_ONLY, "subnet4")
                .add(I, NETWORK6_ONLY)
                .add(I, "interface-id")
                .list(I, "subnet6", subnet6);
        Scope clientClass6 = new Scope("client-classes")
                .add(I, "name", "test", "only-if-required", "only-in-additional-list", "valid-lifetime",
                        "min-valid-lifetime", "max-valid-lifetime", "preferred-lifetime",
                        "min-preferred-lifetime", "max-preferred-lifetime")
                .list(I, "option-data", optionData)
                .add(U, "template-test")
                .add(S, "metadata");
        Scope interfaces6 = new Scope("interfaces-config")
                .add(I, "interfaces", "re-detect")
                .add(U, "service-sockets-require-all", "service-sockets-max-retries",
                        "service-sockets-retry-wait-time");
        Scope serverId = new Scope("server-id")
                .add(I, "type", "identifier", "htype", "time", "enterprise-id", "persist");
        Scope compatibility6 = new Scope("compatibility").add(U, "lenient-option-parsing");

        // Dhcp4's global scope with the DHCPv6 keys and scopes in place of the DHCPv4 ones
        DHCP6 = derive("Dhcp6", DHCP4, NETWORK4_ONLY, "echo-client-id", "stash-agent-options", "subnet4")
                .add(I, NETWORK6_ONLY)
                .add(I, "data-directory")
                .list(I, "subnet6", subnet6)
                .list(I, "shared-networks", shared6)
                .list(I, "client-classes", clientClass6)
                .list(I, "reservations", reservation6)
                .map(I, "interfaces-config", interfaces6)
                .map(I, "server-id", serverId)
                .map(I, "dhcp-ddns", dhcpDdns6)
                .map(U, "compatibility", compatibility6)
                .add(U, "mac-sources", "relay-supplied-options");

        Scope any = new Scope("any");
        any.free = true;
        TOP = new Scope("")
                .map(I, "Dhcp4", DHCP4)
                .map(I, "Dhcp6", DHCP6)
                .map(S, "DhcpDdns", any)
                .map(S, "Control-agent", any)
                .map(S, "Netconf", any);
    }

    private KeaSchema() {
    }

    /**
     * A scope with the keys of {@code from} but those in {@code drop}; keys added later with the
     * name of a kept one replace it in place (a Dhcp6 scope replacing its Dhcp4 counterpart).
     */
    private static Scope derive(String name, Scope from, String[] drop, String... more) {
        Scope s = new Scope(name);
        s.keys.putAll(from.keys);
        for (String k : drop) {
            s.keys.remove(k);
        }
        for (String k : more) {
            s.keys.remove(k);
        }
        return s;
    }

    private static Scope derive(String name, Scope from, String... drop) {
        return derive(name, from, new String[0], drop);
    }

    /**
     * Paths of the keys accepted with a warning, one per scope (a subnet inside a shared network is
     * listed once, under {@code Dhcp4/subnet4}), e.g. {@code Dhcp4/subnet4/ddns-send-updates}.
     */
    static List<String> unimplementedKeys() {
        List<String> out = new ArrayList<>();
        collect(DHCP4, "Dhcp4", out, new HashSet<>());
        return out;
    }

    private static void collect(Scope scope, String path, List<String> out, Set<Scope> seen) {
        if (!seen.add(scope)) {
            return;
        }
        for (Map.Entry<String, Entry> e : scope.keys.entrySet()) {
            String p = path + "/" + e.getKey();
            if (e.getValue().status() == Status.UNIMPLEMENTED) {
                out.add(p);
            } else if (e.getValue().child() != null && e.getValue().status() == Status.IMPLEMENTED) {
                collect(e.getValue().child(), p, out, seen);
            }
        }
    }

    /** Levenshtein distance, for "did you mean" hints. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The closest known key of {@code scope} within edit distance 2 (or 3 for long keys), or null. */
    static String suggest(Scope scope, String key) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : scope.keys.keySet()) {
            int d = distance(key, k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        int limit = key.length() > 12 ? 3 : 2;
        return bestD <= limit ? best : null;
    }
}
