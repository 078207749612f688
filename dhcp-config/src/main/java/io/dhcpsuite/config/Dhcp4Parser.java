package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.OptionDataCodec;
import io.dhcpsuite.codec.OptionDefinition;
import io.dhcpsuite.codec.OptionType;
import io.dhcpsuite.codec.StandardOptions4;
import io.dhcpsuite.config.expr.ClassExpression;
import io.dhcpsuite.config.expr.ClassExpressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link Dhcp4Config} from a {@code Dhcp4} map whose key names {@link KeaSchema} already
 * checked. Applies Kea's defaults and resolves inheritance global → shared network → subnet, so
 * every {@link Subnet4} carries effective values. One instance per load.
 */
final class Dhcp4Parser {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** Kea's SUBNET_ID_MAX: 0 and 2^32-1 are reserved. */
    private static final long SUBNET_ID_MAX = UINT32_MAX - 1;
    private static final Set<String> BUILT_IN_NO_TEST = Set.of("ALL", "KNOWN", "UNKNOWN", "BOOTP");
    private static final List<String> BUILT_IN_PREFIXES = List.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_");
    private static final List<String> IDENTIFIER_TYPES = List.of("hw-address", "duid", "circuit-id", "client-id", "flex-id");

    /** Kea's DOCSIS3_V4_OPTION_DEFINITIONS: the standard definitions of vendor space vendor-4491. */
    private static final List<OptionDefinition> DOCSIS3_V4 = List.of(
            OptionDefinition.of("oro", 1, "vendor-4491", OptionType.UINT8, true),
            OptionDefinition.of("tftp-servers", 2, "vendor-4491", OptionType.IPV4_ADDRESS, true));

    private final List<ConfigWarning> warnings;
    /** Custom definitions by space then code, and by space then name. */
    private final Map<String, Map<Integer, OptionDefinition>> defsByCode = new HashMap<>();
    private final Map<String, Map<String, OptionDefinition>> defsByName = new HashMap<>();
    private final Set<String> classNames = new LinkedHashSet<>();
    private boolean ipReservationsUnique = true;
    /** The deprecated names inside {@code dhcp-ddns} (Kea 1.6), as the last level of every chain; or null. */
    private Level legacyDdns;

    Dhcp4Parser(List<ConfigWarning> warnings) {
        this.warnings = warnings;
    }

    /** One level of the inheritance chain: the map and its path. */
    private record Level(JsonNode node, String path) {
        boolean has(String key) {
            JsonNode v = node.get(key);
            return v != null && !v.isNull();
        }
    }

    // ------------------------------------------------------------------ top

    Dhcp4Config parse(JsonNode d) {
        String p = "Dhcp4";
        Level global = new Level(d, p);
        List<OptionDefinition> optionDefs = parseOptionDefs(d.get("option-def"), p + "/option-def");
        ipReservationsUnique = bool(d, p, "ip-reservations-unique", true);
        List<ClientClassDef> classes = parseClientClasses(d.get("client-classes"), p + "/client-classes");
        List<OptionData> globalOptions = parseOptionData(d.get("option-data"), p + "/option-data");
        InterfacesConfig interfaces = parseInterfaces(d.get("interfaces-config"), p + "/interfaces-config");
        LeaseDatabase leaseDb = parseLeaseDatabase(d.get("lease-database"), p + "/lease-database");
        ExpiredLeasesProcessing elp = parseExpired(d.get("expired-leases-processing"), p + "/expired-leases-processing");
        long decline = integer(d, p, "decline-probation-period", 86400, 0, UINT32_MAX);
        boolean echo = bool(d, p, "echo-client-id", true);
        String serverTag = string(d, p, "server-tag", "");
        List<String> hri = parseHostReservationIdentifiers(d.get("host-reservation-identifiers"),
                p + "/host-reservation-identifiers");
        List<HookLibrary> hooks = parseHooks(d.get("hooks-libraries"), p + "/hooks-libraries");
        List<LoggerConfig> loggers = parseLoggers(d.get("loggers"), p + "/loggers");
        JsonNode ddns = d.get("dhcp-ddns");
        DhcpDdnsClient ddnsClient = DhcpDdnsClient.DEFAULTS;
        if (ddns != null && !ddns.isNull()) {
            ddnsClient = parseDhcpDdns(ddns, p + "/dhcp-ddns");
            legacyDdns = legacyDdnsLevel(ddns, p + "/dhcp-ddns");
        }
        DdnsParams globalDdns = ddnsParams(List.of(global));
        // checks the global level on its own, so a bad global value is reported there
        lifetimes(List.of(global));
        reservationFlags(List.of(global));
        allocator(List.of(global));

        List<Reservation4> globalReservations = parseReservations(d.get("reservations"), p + "/reservations", null);

        List<Subnet4> subnets = new ArrayList<>();
        List<String> subnetPaths = new ArrayList<>();
        JsonNode list = listOrNull(d, p, "subnet4");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                String sp = p + "/subnet4[" + i + "]";
                subnets.add(parseSubnet(list.get(i), sp, List.of(global), null, List.of()));
                subnetPaths.add(sp);
            }
        }
        List<SharedNetwork4> networks = new ArrayList<>();
        JsonNode nets = listOrNull(d, p, "shared-networks");
        if (nets != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < nets.size(); i++) {
                String np = p + "/shared-networks[" + i + "]";
                JsonNode net = nets.get(i);
                String name = string(net, np, "name", null);
                if (name == null || name.isBlank()) {
                    throw new ConfigException(np, "missing parameter 'name'");
                }
                if (!names.add(name)) {
                    throw new ConfigException(np + "/name", "duplicate shared network '" + name + "'");
                }
                Level netLevel = new Level(net, np);
                lifetimes(List.of(netLevel, global));
                List<OptionData> netOptions = parseOptionData(net.get("option-data"), np + "/option-data");
                List<Long> ids = new ArrayList<>();
                JsonNode subs = listOrNull(net, np, "subnet4");
                if (subs != null) {
                    for (int j = 0; j < subs.size(); j++) {
                        String sp = np + "/subnet4[" + j + "]";
                        Subnet4 s = parseSubnet(subs.get(j), sp, List.of(netLevel, global), name, netOptions);
                        subnets.add(s);
                        subnetPaths.add(sp);
                        ids.add(s.id());
                    }
                }
                networks.add(new SharedNetwork4(name, List.copyOf(ids), netOptions));
            }
        }
        checkSubnetSet(subnets, subnetPaths);
        return new Dhcp4Config(interfaces, leaseDb, List.copyOf(subnets), List.copyOf(networks), globalOptions,
                optionDefs, classes, globalReservations, hri, decline, elp, echo, serverTag, hooks, loggers, ddns,
                ddnsClient, globalDdns);
    }

    // ------------------------------------------------------------------ subnets

    private Subnet4 parseSubnet(JsonNode s, String p, List<Level> parents, String network,
                                List<OptionData> networkOptions) {
        if (!s.isObject()) {
            throw new ConfigException(p, "expected map, got " + typeName(s));
        }
        List<Level> chain = new ArrayList<>();
        chain.add(new Level(s, p));
        chain.addAll(parents);

        if (!has(s, "id")) {
            throw new ConfigException(p, "missing parameter 'id' (required since Kea 2.7; ids must be unique and > 0)");
        }
        long id = integer(s, p, "id", 0, 1, SUBNET_ID_MAX);
        String text = string(s, p, "subnet", null);
        if (text == null) {
            throw new ConfigException(p, "missing parameter 'subnet'");
        }
        int[] prefix = parsePrefix(text, p + "/subnet");
        int mask = Ipv4.mask(prefix[1]);
        if ((prefix[0] & ~mask) != 0) {
            // Kea accepts host bits silently; the suite uses the network address
            warnings.add(new ConfigWarning(p + "/subnet", "'" + text + "' has host bits set; using "
                    + Ipv4.format(prefix[0] & mask) + "/" + prefix[1]));
        }
        int network4 = prefix[0] & mask;
        int len = prefix[1];

        List<Pool4> pools = new ArrayList<>();
        JsonNode pl = listOrNull(s, p, "pools");
        if (pl != null) {
            for (int i = 0; i < pl.size(); i++) {
                String pp = p + "/pools[" + i + "]";
                Pool4 pool = parsePool(pl.get(i), pp, chain);
                if (!Ipv4.inPrefix(pool.first(), network4, len) || !Ipv4.inPrefix(pool.last(), network4, len)) {
                    throw new ConfigException(pp + "/pool", "pool " + Ipv4.format(pool.first()) + " - "
                            + Ipv4.format(pool.last()) + " is not inside subnet " + Ipv4.format(network4) + "/" + len);
                }
                for (int j = 0; j < pools.size(); j++) {
                    Pool4 o = pools.get(j);
                    if (overlap(o, pool)) {
                        throw new ConfigException(pp + "/pool", "pool " + Ipv4.format(pool.first()) + " - "
                                + Ipv4.format(pool.last()) + " overlaps with " + p + "/pools[" + j + "]");
                    }
                }
                pools.add(pool);
            }
        }

        List<Integer> relays = relayAddresses(chain);
        String iface = null;
        for (Level l : chain) {
            if (l.path().contains("/shared-networks[") || l.node() == s) {
                if (l.has("interface")) {
                    iface = string(l.node(), l.path(), "interface", "");
                    if (iface.isEmpty()) {
                        iface = null;
                    }
                    break;
                }
            }
        }
        List<OptionData> options = parseOptionData(s.get("option-data"), p + "/option-data");
        List<Reservation4> reservations = parseReservations(s.get("reservations"), p + "/reservations",
                new int[] {network4, len});
        Lifetimes lifetimes = lifetimes(chain);
        boolean matchClientId = inheritedBool(chain, "match-client-id", true);
        boolean authoritative = inheritedBool(chain, "authoritative", false);
        List<String> guard = List.of();
        for (Level l : chain) {
            if (l.node() == s || l.path().contains("/shared-networks[")) {
                List<String> g = classGuard(l.node(), l.path());
                if (!g.isEmpty()) {
                    guard = g;
                    break;
                }
            }
        }
        int nextServer = 0;
        String serverHostname = "";
        String bootFileName = "";
        Level l = find(chain, "next-server");
        if (l != null) {
            nextServer = address(l.node(), l.path(), "next-server");
        }
        l = find(chain, "server-hostname");
        if (l != null) {
            serverHostname = string(l.node(), l.path(), "server-hostname", "");
        }
        l = find(chain, "boot-file-name");
        if (l != null) {
            bootFileName = string(l.node(), l.path(), "boot-file-name", "");
        }
        boolean[] flags = reservationFlags(chain);
        return new Subnet4(id, network4, len, network, List.copyOf(pools), relays, iface, options,
                networkOptions, reservations, lifetimes, matchClientId, authoritative, guard, nextServer,
                serverHostname, bootFileName, allocator(chain), flags[0], flags[1], flags[2], ddnsParams(chain));
    }

    private static boolean overlap(Pool4 a, Pool4 b) {
        return Integer.compareUnsigned(a.first(), b.last()) <= 0 && Integer.compareUnsigned(b.first(), a.last()) <= 0;
    }

    /** Unique ids and prefixes; no address in two pools, even across subnets. */
    private void checkSubnetSet(List<Subnet4> subnets, List<String> paths) {
        Map<Long, Integer> ids = new HashMap<>();
        Map<Long, Integer> prefixes = new HashMap<>();
        for (int i = 0; i < subnets.size(); i++) {
            Subnet4 s = subnets.get(i);
            Integer prev = ids.putIfAbsent(s.id(), i);
            if (prev != null) {
                throw new ConfigException(paths.get(i) + "/id", "subnet id " + s.id() + " is already used by "
                        + paths.get(prev));
            }
            long key = (Integer.toUnsignedLong(s.prefix()) << 6) | s.prefixLength();
            prev = prefixes.putIfAbsent(key, i);
            if (prev != null) {
                throw new ConfigException(paths.get(i) + "/subnet", "subnet " + s.text() + " is already defined by "
                        + paths.get(prev));
            }
        }
        // pools across subnets: the lease store is keyed by address, so two subnets may not share one
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = 0; j < i; j++) {
                Subnet4 a = subnets.get(i);
                Subnet4 b = subnets.get(j);
                for (int pa = 0; pa < a.pools().size(); pa++) {
                    for (int pb = 0; pb < b.pools().size(); pb++) {
                        if (overlap(a.pools().get(pa), b.pools().get(pb))) {
                            throw new ConfigException(paths.get(i) + "/pools[" + pa + "]/pool",
                                    "pool overlaps with " + paths.get(j) + "/pools[" + pb + "] of subnet id " + b.id());
                        }
                    }
                }
            }
        }
    }

    private Pool4 parsePool(JsonNode n, String p, List<Level> subnetChain) {
        if (!n.isObject()) {
            throw new ConfigException(p, "expected map, got " + typeName(n));
        }
        String text = string(n, p, "pool", null);
        if (text == null) {
            throw new ConfigException(p, "missing parameter 'pool'");
        }
        int first;
        int last;
        String t = text.trim();
        int dash = t.indexOf('-');
        try {
            if (dash >= 0) {
                first = Ipv4.parse(t.substring(0, dash).trim());
                last = Ipv4.parse(t.substring(dash + 1).trim());
            } else if (t.indexOf('/') >= 0) {
                int[] pr = parsePrefix(t, p + "/pool");
                int m = Ipv4.mask(pr[1]);
                first = pr[0] & m;
                last = first | ~m;
            } else {
                throw new IllegalArgumentException("'" + text + "' is neither 'first - last' nor 'prefix/length'");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p + "/pool", e.getMessage());
        }
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new ConfigException(p + "/pool", "first address " + Ipv4.format(first)
                    + " is greater than last address " + Ipv4.format(last));
        }
        long poolId = integer(n, p, "pool-id", 0, 0, UINT32_MAX);
        List<String> guard = classGuard(n, p);
        List<OptionData> options = parseOptionData(n.get("option-data"), p + "/option-data");
        List<Level> chain = new ArrayList<>();
        chain.add(new Level(n, p));
        chain.addAll(subnetChain);
        return new Pool4(first, last, poolId, guard, options, ddnsParams(chain));
    }

    /** {@code client-class} (a string, before 2.7.5) or {@code client-classes} (a list). */
    private List<String> classGuard(JsonNode n, String p) {
        boolean one = has(n, "client-class");
        boolean many = has(n, "client-classes");
        if (one && many) {
            throw new ConfigException(p, "cannot specify both 'client-class' and 'client-classes'; use only 'client-classes'");
        }
        List<String> out;
        if (one) {
            String c = string(n, p, "client-class", "");
            out = c.isEmpty() ? List.of() : List.of(c);
        } else if (many) {
            out = stringList(n.get("client-classes"), p + "/client-classes");
        } else {
            return List.of();
        }
        for (String c : out) {
            if (!classKnown(c)) {
                // Kea accepts a guard naming an undefined class (the subnet is then never selected)
                warnings.add(new ConfigWarning(p + (one ? "/client-class" : "/client-classes"),
                        "class '" + c + "' is not defined in client-classes"));
            }
        }
        return out;
    }

    private List<Integer> relayAddresses(List<Level> chain) {
        for (Level l : chain) {
            if (!l.has("relay")) {
                continue;
            }
            String rp = l.path() + "/relay";
            JsonNode relay = l.node().get("relay");
            if (!relay.isObject()) {
                throw new ConfigException(rp, "expected map, got " + typeName(relay));
            }
            List<Integer> out = new ArrayList<>();
            if (has(relay, "ip-address")) {
                out.add(address(relay, rp, "ip-address"));
            }
            JsonNode list = listOrNull(relay, rp, "ip-addresses");
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    out.add(parseAddress(list.get(i), rp + "/ip-addresses[" + i + "]"));
                }
            }
            return List.copyOf(out);
        }
        return List.of();
    }

    // ------------------------------------------------------------------ inherited parameters

    private static Level find(List<Level> chain, String key) {
        for (Level l : chain) {
            if (l.has(key)) {
                return l;
            }
        }
        return null;
    }

    private boolean inheritedBool(List<Level> chain, String key, boolean def) {
        Level l = find(chain, key);
        return l == null ? def : bool(l.node(), l.path(), key, def);
    }

    private Lifetimes lifetimes(List<Level> chain) {
        Level lv = find(chain, "valid-lifetime");
        long valid = lv == null ? 7200 : integer(lv.node(), lv.path(), "valid-lifetime", 7200, 0, UINT32_MAX);
        Level lmin = find(chain, "min-valid-lifetime");
        Level lmax = find(chain, "max-valid-lifetime");
        long min = lmin == null ? valid : integer(lmin.node(), lmin.path(), "min-valid-lifetime", 0, 0, UINT32_MAX);
        long max = lmax == null ? valid : integer(lmax.node(), lmax.path(), "max-valid-lifetime", 0, 0, UINT32_MAX);
        String here = chain.get(0).path();
        String validText = (lv == null ? "(default) " : "") + "valid-lifetime (" + valid + ")";
        if (min > valid) {
            throw new ConfigException(pathOf(chain.get(0), "min-valid-lifetime", "valid-lifetime"),
                    "the value of min-valid-lifetime (" + min + ") is not less than " + validText);
        }
        if (valid > max) {
            throw new ConfigException(pathOf(chain.get(0), "max-valid-lifetime", "valid-lifetime"),
                    "the value of " + validText + " is not less than max-valid-lifetime (" + max + ")");
        }
        Level lr = find(chain, "renew-timer");
        Level lb = find(chain, "rebind-timer");
        Long renew = lr == null ? null : integer(lr.node(), lr.path(), "renew-timer", 0, 0, UINT32_MAX);
        Long rebind = lb == null ? null : integer(lb.node(), lb.path(), "rebind-timer", 0, 0, UINT32_MAX);
        if (renew != null && rebind != null && renew > rebind && chain.get(0).has("renew-timer")) {
            // Kea logs DHCP4_CONFIG_... and sends no T1 in this case; warn rather than refuse
            warnings.add(new ConfigWarning(here + "/renew-timer", "renew-timer (" + renew
                    + ") is greater than rebind-timer (" + rebind + "); T1 will not be sent"));
        }
        boolean calc = inheritedBool(chain, "calculate-tee-times", false);
        Level l1 = find(chain, "t1-percent");
        Level l2 = find(chain, "t2-percent");
        double t1 = l1 == null ? 0.5 : real(l1.node(), l1.path(), "t1-percent");
        double t2 = l2 == null ? 0.875 : real(l2.node(), l2.path(), "t2-percent");
        String bad = null;
        String badPath = null;
        if (t1 <= 0 || t1 >= 1) {
            bad = "t1-percent: " + t1 + " is invalid, it must be greater than 0.0 and less than 1.0";
            badPath = l1.path() + "/t1-percent";
        } else if (t2 <= 0 || t2 >= 1) {
            bad = "t2-percent: " + t2 + " is invalid, it must be greater than 0.0 and less than 1.0";
            badPath = l2.path() + "/t2-percent";
        } else if (t1 >= t2) {
            bad = "t1-percent: " + t1 + " is invalid, it must be less than t2-percent: " + t2;
            badPath = l1 != null ? l1.path() + "/t1-percent" : l2.path() + "/t2-percent";
        }
        if (bad != null) {
            // Kea checks the percentages only when it uses them
            if (calc) {
                throw new ConfigException(badPath, bad);
            }
            if (badPath.startsWith(here + "/")) {
                warnings.add(new ConfigWarning(badPath, bad + " (ignored: calculate-tee-times is false)"));
            }
        }
        return new Lifetimes(valid, min, max, renew, rebind, calc, t1, t2);
    }

    private static String pathOf(Level here, String a, String b) {
        if (here.has(a)) {
            return here.path() + "/" + a;
        }
        if (here.has(b)) {
            return here.path() + "/" + b;
        }
        return here.path();
    }

    /** {in-subnet... } as [global, in-subnet, out-of-pool], from the flags or the old reservation-mode. */
    private boolean[] reservationFlags(List<Level> chain) {
        for (Level l : chain) {
            boolean mode = l.has("reservation-mode");
            boolean flags = l.has("reservations-global") || l.has("reservations-in-subnet")
                    || l.has("reservations-out-of-pool");
            if (mode && flags) {
                throw new ConfigException(l.path() + "/reservation-mode", "invalid use of both 'reservation-mode' and one of"
                        + " 'reservations-global', 'reservations-in-subnet' or 'reservations-out-of-pool' parameters");
            }
        }
        String[] keys = {"reservations-global", "reservations-in-subnet", "reservations-out-of-pool"};
        boolean[] defaults = {false, true, false};
        boolean[] out = new boolean[3];
        for (int k = 0; k < 3; k++) {
            out[k] = defaults[k];
            for (Level l : chain) {
                if (l.has(keys[k])) {
                    out[k] = bool(l.node(), l.path(), keys[k], defaults[k]);
                    break;
                }
                if (l.has("reservation-mode")) {
                    String m = string(l.node(), l.path(), "reservation-mode", "all");
                    boolean[] v = switch (m) {
                        case "disabled" -> new boolean[] {false, false, false};
                        case "out-of-pool" -> new boolean[] {false, true, true};
                        case "global" -> new boolean[] {true, false, false};
                        case "all" -> new boolean[] {false, true, false};
                        default -> throw new ConfigException(l.path() + "/reservation-mode", "invalid reservation-mode '"
                                + m + "': use disabled, out-of-pool, global or all");
                    };
                    out[k] = v[k];
                    break;
                }
            }
        }
        return out;
    }

    private String allocator(List<Level> chain) {
        Level l = find(chain, "allocator");
        if (l == null) {
            return "iterative";
        }
        String a = string(l.node(), l.path(), "allocator", "iterative");
        if (a.equals("flq")) {
            throw new ConfigException(l.path() + "/allocator", "allocator 'flq' is not supported by this suite, use iterative or random");
        }
        if (!a.equals("iterative") && !a.equals("random")) {
            throw new ConfigException(l.path() + "/allocator", "unsupported allocator '" + a + "': use iterative or random");
        }
        return a;
    }

    // ------------------------------------------------------------------ DDNS

    private static final java.util.regex.Pattern DNS_NAME =
            java.util.regex.Pattern.compile("([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final List<String> CONFLICT_MODES = List.of("check-with-dhcid", "check-exists-with-dhcid",
            "no-check-with-dhcid", "no-check-without-dhcid");
    private static final Map<String, String> LEGACY_DDNS_KEYS = Map.of(
            "override-no-update", "ddns-override-no-update",
            "override-client-update", "ddns-override-client-update",
            "replace-client-name", "ddns-replace-client-name",
            "generated-prefix", "ddns-generated-prefix",
            "qualifying-suffix", "ddns-qualifying-suffix",
            "hostname-char-set", "hostname-char-set",
            "hostname-char-replacement", "hostname-char-replacement");

    /** Kea 1.6 kept these inside dhcp-ddns; later versions read the global ddns-* first, then them. */
    private static Level legacyDdnsLevel(JsonNode ddns, String p) {
        tools.jackson.databind.node.ObjectNode renamed = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        LEGACY_DDNS_KEYS.forEach((old, now) -> {
            JsonNode v = ddns.get(old);
            if (v != null && !v.isNull()) {
                renamed.set(now, v);
            }
        });
        return renamed.isEmpty() ? null : new Level(renamed, p);
    }

    /** The effective DDNS parameters of a chain (most specific level first), with Kea's defaults. */
    private DdnsParams ddnsParams(List<Level> levels) {
        List<Level> chain = levels;
        if (legacyDdns != null) {
            chain = new ArrayList<>(levels);
            chain.add(legacyDdns);
        }
        DdnsParams d = DdnsParams.DEFAULTS;
        DdnsParams.ReplaceClientName replace = d.replaceClientName();
        Level l = find(chain, "ddns-replace-client-name");
        if (l != null) {
            JsonNode v = l.node().get("ddns-replace-client-name");
            String path = l.path() + "/ddns-replace-client-name";
            if (!v.isString()) {
                throw new ConfigException(path, "expected string (never, always, when-present or when-not-present), got "
                        + typeName(v) + (v.isBoolean() ? "; boolean values are no longer accepted" : ""));
            }
            replace = DdnsParams.ReplaceClientName.of(v.stringValue());
            if (replace == null) {
                throw new ConfigException(path, "invalid ReplaceClientName mode '" + v.stringValue()
                        + "': use never, always, when-present or when-not-present");
            }
        }
        String prefix = inheritedName(chain, "ddns-generated-prefix", d.generatedPrefix(), false);
        String suffix = inheritedName(chain, "ddns-qualifying-suffix", d.qualifyingSuffix(), true);
        String mode = d.conflictResolutionMode();
        for (Level lv : chain) {
            if (lv.has("ddns-conflict-resolution-mode")) {
                mode = string(lv.node(), lv.path(), "ddns-conflict-resolution-mode", mode);
                if (!CONFLICT_MODES.contains(mode)) {
                    throw new ConfigException(lv.path() + "/ddns-conflict-resolution-mode", "unsupported mode '" + mode
                            + "': use check-with-dhcid, check-exists-with-dhcid, no-check-with-dhcid or no-check-without-dhcid");
                }
                break;
            }
            if (lv.has("ddns-use-conflict-resolution")) {
                // deprecated 2.5.0: true is check-with-dhcid, false no-check-with-dhcid
                mode = bool(lv.node(), lv.path(), "ddns-use-conflict-resolution", true)
                        ? "check-with-dhcid" : "no-check-with-dhcid";
                break;
            }
        }
        Double pct = null;
        l = find(chain, "ddns-ttl-percent");
        if (l != null) {
            double v = real(l.node(), l.path(), "ddns-ttl-percent");
            if (v < 0) {
                throw new ConfigException(l.path() + "/ddns-ttl-percent", "ddns-ttl-percent " + v + " must not be negative");
            }
            pct = v == 0 ? null : v;
        }
        Long ttl = inheritedTtl(chain, "ddns-ttl");
        Long ttlMin = inheritedTtl(chain, "ddns-ttl-min");
        Long ttlMax = inheritedTtl(chain, "ddns-ttl-max");
        if (ttlMin != null && ttlMax != null && ttlMin > ttlMax) {
            throw new ConfigException(chain.get(0).path() + "/ddns-ttl-min", "ddns-ttl-min " + ttlMin
                    + " must be less than ddns-ttl-max " + ttlMax);
        }
        String charSet = d.hostnameCharSet();
        l = find(chain, "hostname-char-set");
        if (l != null) {
            charSet = string(l.node(), l.path(), "hostname-char-set", charSet);
            if (!charSet.isEmpty()) {
                try {
                    java.util.regex.Pattern.compile(charSet);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new ConfigException(l.path() + "/hostname-char-set", "invalid regex '" + charSet + "': "
                            + e.getDescription());
                }
            }
        }
        String replacement = d.hostnameCharReplacement();
        l = find(chain, "hostname-char-replacement");
        if (l != null) {
            replacement = string(l.node(), l.path(), "hostname-char-replacement", replacement);
            if (!replacement.matches("[A-Za-z0-9_.-]*")) {
                throw new ConfigException(l.path() + "/hostname-char-replacement", "'" + replacement
                        + "' would put characters into names that DNS does not allow");
            }
        }
        return new DdnsParams(inheritedBool(chain, "ddns-send-updates", d.sendUpdates()),
                inheritedBool(chain, "ddns-override-no-update", d.overrideNoUpdate()),
                inheritedBool(chain, "ddns-override-client-update", d.overrideClientUpdate()),
                replace, prefix, suffix, inheritedBool(chain, "ddns-update-on-renew", d.updateOnRenew()), mode,
                pct, ttl, ttlMin, ttlMax, charSet, replacement);
    }

    /** A DNS name parameter (prefix or suffix): checked as Kea checks it with isc::dns::Name. */
    private static String inheritedName(List<Level> chain, String key, String def, boolean emptyOk) {
        Level l = find(chain, key);
        if (l == null) {
            return def;
        }
        String v = string(l.node(), l.path(), key, def).trim();
        if (v.isEmpty() && emptyOk) {
            return v;
        }
        if (!DNS_NAME.matcher(v).matches() || v.length() > 253) {
            throw new ConfigException(l.path() + "/" + key, "'" + v + "' is not a valid domain name");
        }
        return v;
    }

    /** ddns-ttl, -min, -max: seconds; 0 unspecifies an inherited value (null). */
    private static Long inheritedTtl(List<Level> chain, String key) {
        Level l = find(chain, key);
        if (l == null) {
            return null;
        }
        long v = integer(l.node(), l.path(), key, 0, 0, UINT32_MAX);
        return v == 0 ? null : v;
    }

    // ------------------------------------------------------------------ reservations

    /** {@code subnet} = {network, length} for subnet reservations, null for global ones. */
    private List<Reservation4> parseReservations(JsonNode list, String p, int[] subnet) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(p, "expected list, got " + typeName(list));
        }
        List<Reservation4> out = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        Map<Integer, Integer> seenIps = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String rp = p + "[" + i + "]";
            JsonNode r = list.get(i);
            if (!r.isObject()) {
                throw new ConfigException(rp, "expected map, got " + typeName(r));
            }
            String idType = null;
            String idValue = null;
            for (String t : IDENTIFIER_TYPES) {
                if (has(r, t)) {
                    if (idType != null) {
                        throw new ConfigException(rp + "/" + t, "the '" + idType + "' and '" + t + "' are mutually exclusive");
                    }
                    idType = t;
                    idValue = identifier(string(r, rp, t, ""), t, rp + "/" + t);
                }
            }
            if (idType == null) {
                throw new ConfigException(rp, "one of the supported identifiers must be specified for host reservation:"
                        + " circuit-id, client-id, duid, flex-id, hw-address");
            }
            Integer prev = seenIds.putIfAbsent(idType + "=" + idValue, i);
            if (prev != null) {
                throw new ConfigException(rp + "/" + idType, "a reservation for " + idType + " '" + idValue
                        + "' already exists at " + p + "[" + prev + "]");
            }
            Integer ip = null;
            if (has(r, "ip-address")) {
                ip = address(r, rp, "ip-address");
                if (subnet != null && !Ipv4.inPrefix(ip, subnet[0], subnet[1])) {
                    throw new ConfigException(rp + "/ip-address", "specified reservation '" + Ipv4.format(ip)
                            + "' is not within the IPv4 subnet '" + Ipv4.format(subnet[0]) + "/" + subnet[1] + "'");
                }
                if (ipReservationsUnique) {
                    prev = seenIps.putIfAbsent(ip, i);
                    if (prev != null) {
                        throw new ConfigException(rp + "/ip-address", "there is already a reservation for "
                                + Ipv4.format(ip) + " at " + p + "[" + prev + "] (ip-reservations-unique is true)");
                    }
                }
            }
            String hostname = string(r, rp, "hostname", null);
            List<OptionData> options = parseOptionData(r.get("option-data"), rp + "/option-data");
            List<String> classes = has(r, "client-classes") ? stringList(r.get("client-classes"), rp + "/client-classes") : List.of();
            int next = has(r, "next-server") ? address(r, rp, "next-server") : 0;
            out.add(new Reservation4(
                    "hw-address".equals(idType) ? idValue : null,
                    "client-id".equals(idType) ? idValue : null,
                    "circuit-id".equals(idType) ? idValue : null,
                    "flex-id".equals(idType) ? idValue : null,
                    ip, hostname, options, classes, next,
                    string(r, rp, "server-hostname", ""), string(r, rp, "boot-file-name", ""),
                    "duid".equals(idType) ? idValue : null));
        }
        return List.copyOf(out);
    }

    /**
     * Normalises a host identifier to lower-case colon hex. Accepts "aa:bb", "aa-bb", "aa bb",
     * "aabb", "0xaabb" and, except for hw-address, a quoted text {@code 'text'} (Kea's forms).
     */
    static String identifier(String text, String type, String path) {
        String t = text.trim();
        byte[] bytes;
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'") && !"hw-address".equals(type)) {
            bytes = t.substring(1, t.length() - 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            bytes = hexBytes(t);
            if (bytes == null) {
                throw new ConfigException(path, "invalid host identifier value '" + text + "'");
            }
        }
        if (bytes.length == 0) {
            throw new ConfigException(path, "invalid host identifier value '" + text + "': empty");
        }
        if ("hw-address".equals(type) && bytes.length > 20) {
            throw new ConfigException(path, "hw-address '" + text + "' is longer than 20 bytes");
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (!sb.isEmpty()) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Hex with optional ':', '-' or ' ' separators (1–2 digits per group) or contiguous hex; null if invalid. */
    static byte[] hexBytes(String t) {
        String s = t;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            return new byte[0];
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (s.indexOf(':') >= 0 || s.indexOf('-') >= 0 || s.indexOf(' ') >= 0) {
            for (String g : s.split("[:\\- ]", -1)) {
                if (g.isEmpty() || g.length() > 2) {
                    return null;
                }
                int v = parseHex(g);
                if (v < 0) {
                    return null;
                }
                out.write(v);
            }
        } else {
            if (s.length() % 2 == 1) {
                s = "0" + s;
            }
            for (int i = 0; i < s.length(); i += 2) {
                int v = parseHex(s.substring(i, i + 2));
                if (v < 0) {
                    return null;
                }
                out.write(v);
            }
        }
        return out.toByteArray();
    }

    private static int parseHex(String g) {
        int v = 0;
        for (int i = 0; i < g.length(); i++) {
            int d = Character.digit(g.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    // ------------------------------------------------------------------ options

    private List<OptionDefinition> parseOptionDefs(JsonNode list, String p) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(p, "expected list, got " + typeName(list));
        }
        List<OptionDefinition> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String dp = p + "[" + i + "]";
            JsonNode d = list.get(i);
            String name = string(d, dp, "name", null);
            if (name == null || name.isBlank()) {
                throw new ConfigException(dp, "missing parameter 'name'");
            }
            if (!has(d, "code")) {
                throw new ConfigException(dp, "missing parameter 'code'");
            }
            String space = string(d, dp, "space", StandardOptions4.SPACE);
            long code = integer(d, dp, "code", 0, 1, StandardOptions4.SPACE.equals(space) ? 254 : 255);
            String typeName = string(d, dp, "type", null);
            if (typeName == null) {
                throw new ConfigException(dp, "missing parameter 'type'");
            }
            OptionType type = OptionType.fromKeaName(typeName);
            if (type == null || type == OptionType.INTERNAL) {
                throw new ConfigException(dp + "/type", "unknown option type '" + typeName + "'");
            }
            List<OptionType> recordTypes = new ArrayList<>();
            String rt = string(d, dp, "record-types", "");
            if (!rt.isBlank()) {
                for (String part : rt.split(",")) {
                    OptionType t = OptionType.fromKeaName(part.trim());
                    if (t == null || t == OptionType.RECORD || t == OptionType.INTERNAL) {
                        throw new ConfigException(dp + "/record-types", "invalid record type '" + part.trim() + "'");
                    }
                    recordTypes.add(t);
                }
            }
            if (type == OptionType.RECORD && recordTypes.isEmpty()) {
                throw new ConfigException(dp + "/record-types", "a record option needs record-types");
            }
            if (type != OptionType.RECORD && !recordTypes.isEmpty()) {
                throw new ConfigException(dp + "/record-types", "record-types is only valid with type 'record'");
            }
            boolean array = bool(d, dp, "array", false);
            String encapsulate = string(d, dp, "encapsulate", "");
            if (StandardOptions4.SPACE.equals(space) && StandardOptions4.byCode((int) code) != null) {
                throw new ConfigException(dp + "/code", "unable to override definition of option '" + code
                        + "' in standard option space 'dhcp4'");
            }
            Map<Integer, OptionDefinition> byCode = defsByCode.computeIfAbsent(space, k -> new HashMap<>());
            Map<String, OptionDefinition> byName = defsByName.computeIfAbsent(space, k -> new HashMap<>());
            if (byCode.containsKey((int) code)) {
                throw new ConfigException(dp + "/code", "option code " + code + " is already defined in space '" + space + "'");
            }
            if (byName.containsKey(name)) {
                throw new ConfigException(dp + "/name", "option '" + name + "' is already defined in space '" + space + "'");
            }
            OptionDefinition def;
            try {
                def = new OptionDefinition(name, (int) code, space, type, array, recordTypes, encapsulate);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(dp, e.getMessage());
            }
            byCode.put((int) code, def);
            byName.put(name, def);
            out.add(def);
        }
        return List.copyOf(out);
    }

    private OptionDefinition definitionByCode(String space, int code) {
        OptionDefinition d = defsByCode.getOrDefault(space, Map.of()).get(code);
        if (d != null) {
            return d;
        }
        if (StandardOptions4.SPACE.equals(space)) {
            return StandardOptions4.byCode(code);
        }
        if (StandardOptions4.AGENT_SPACE.equals(space)) {
            return StandardOptions4.agentByCode(code);
        }
        for (OptionDefinition d2 : DOCSIS3_V4) {
            if (d2.space().equals(space) && d2.code() == code) {
                return d2;
            }
        }
        return null;
    }

    private OptionDefinition definitionByName(String space, String name) {
        OptionDefinition d = defsByName.getOrDefault(space, Map.of()).get(name);
        if (d != null) {
            return d;
        }
        if (StandardOptions4.SPACE.equals(space)) {
            return StandardOptions4.byName(name);
        }
        if (StandardOptions4.AGENT_SPACE.equals(space)) {
            return StandardOptions4.agentByName(name);
        }
        for (OptionDefinition d2 : DOCSIS3_V4) {
            if (d2.space().equals(space) && d2.name().equals(name)) {
                return d2;
            }
        }
        return null;
    }

    /** The code of a dhcp4 option name, standard or from option-def, for {@code option[name]} in tests. */
    Integer optionCode(String name) {
        OptionDefinition d = definitionByName(StandardOptions4.SPACE, name);
        return d == null ? null : d.code();
    }

    private List<OptionData> parseOptionData(JsonNode list, String p) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(p, "expected list, got " + typeName(list));
        }
        List<OptionData> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String op = p + "[" + i + "]";
            JsonNode o = list.get(i);
            if (!o.isObject()) {
                throw new ConfigException(op, "expected map, got " + typeName(o));
            }
            String space = string(o, op, "space", StandardOptions4.SPACE);
            String name = string(o, op, "name", null);
            Integer code = null;
            if (has(o, "code")) {
                long max = StandardOptions4.SPACE.equals(space) ? 254 : 255;
                long c = integer(o, op, "code", 0, 0, 255);
                if (c == 0 || c > max) {
                    throw new ConfigException(op + "/code", "invalid option code '" + c + "': reserved for "
                            + (c == 0 ? "PAD" : "END"));
                }
                code = (int) c;
            }
            if (name == null && code == null) {
                throw new ConfigException(op, "option data configuration must contain 'name' or 'code'");
            }
            String data = string(o, op, "data", "");
            boolean csv = bool(o, op, "csv-format", true);
            boolean always = bool(o, op, "always-send", false);
            boolean never = bool(o, op, "never-send", false);
            List<String> classes = has(o, "client-classes") ? stringList(o.get("client-classes"), op + "/client-classes") : List.of();
            OptionDefinition def = null;
            if (name != null) {
                def = definitionByName(space, name);
                if (def == null) {
                    if (code == null) {
                        throw new ConfigException(op + "/name", "definition for the option '" + space + "." + name
                                + "' does not exist; add an option-def or give its code with csv-format false");
                    }
                } else if (code != null && def.code() != code) {
                    throw new ConfigException(op + "/code", "option '" + name + "' has code " + def.code() + ", not " + code);
                }
            }
            if (def == null && code != null) {
                def = definitionByCode(space, code);
            }
            byte[] encoded;
            if (def == null) {
                if (csv) {
                    throw new ConfigException(op, "definition for the option '" + space + "." + (name == null ? "" : name)
                            + "' having code '" + code + "' does not exist; set csv-format false to give its data as hex");
                }
                encoded = hexData(data, op + "/data");
            } else {
                if (!def.configurable()) {
                    // Kea lets option-data set these, but the suite derives them from the exchange
                    warnings.add(new ConfigWarning(op, "option '" + def.name() + "' (" + def.code()
                            + ") is set by the server from the exchange; this option-data entry is ignored"));
                    continue;
                }
                if (!csv) {
                    encoded = hexData(data, op + "/data");
                } else {
                    try {
                        encoded = OptionDataCodec.encode(def, data, true);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(op + "/data", e.getMessage());
                    }
                }
                name = def.name();
                code = def.code();
            }
            out.add(new OptionData(name == null ? "" : name, code, space, data, csv, always, never, classes, encoded));
        }
        return List.copyOf(out);
    }

    /** csv-format false: hex digits, optionally with ':' or ' ' separators or a 0x prefix (Kea). */
    private static byte[] hexData(String data, String path) {
        byte[] b = hexBytes(data.trim());
        if (b == null) {
            throw new ConfigException(path, "'" + data + "' is not valid hex data");
        }
        return b;
    }

    // ------------------------------------------------------------------ client classes

    private boolean classKnown(String name) {
        if (classNames.contains(name) || BUILT_IN_NO_TEST.contains(name) || "DROP".equals(name)) {
            return true;
        }
        for (String prefix : BUILT_IN_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private List<ClientClassDef> parseClientClasses(JsonNode list, String p) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(p, "expected list, got " + typeName(list));
        }
        List<ClientClassDef> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String cp = p + "[" + i + "]";
            JsonNode c = list.get(i);
            String name = string(c, cp, "name", null);
            if (name == null || name.isBlank()) {
                throw new ConfigException(cp, "missing parameter 'name'");
            }
            if (classNames.contains(name)) {
                throw new ConfigException(cp + "/name", "client class '" + name + "' is already defined");
            }
            String test = string(c, cp, "test", null);
            if (test != null && test.isBlank()) {
                test = null;
            }
            if (test != null && BUILT_IN_NO_TEST.contains(name)) {
                throw new ConfigException(cp + "/test", "built-in class '" + name + "' test expression must be empty");
            }
            ClassExpression expression = null;
            if (test != null) {
                try {
                    expression = ClassExpressions.compile(test, this::optionCode, this::classKnown);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(cp + "/test", "expression [" + test + "]: " + e.getMessage());
                }
            }
            boolean a = has(c, "only-if-required");
            boolean b = has(c, "only-in-additional-list");
            boolean additional = (a && bool(c, cp, "only-if-required", false))
                    || (b && bool(c, cp, "only-in-additional-list", false));
            List<OptionData> options = parseOptionData(c.get("option-data"), cp + "/option-data");
            int next = has(c, "next-server") ? address(c, cp, "next-server") : 0;
            Long valid = has(c, "valid-lifetime") ? integer(c, cp, "valid-lifetime", 0, 0, UINT32_MAX) : null;
            Long min = has(c, "min-valid-lifetime") ? integer(c, cp, "min-valid-lifetime", 0, 0, UINT32_MAX) : null;
            Long max = has(c, "max-valid-lifetime") ? integer(c, cp, "max-valid-lifetime", 0, 0, UINT32_MAX) : null;
            if (valid != null && min != null && min > valid) {
                throw new ConfigException(cp + "/min-valid-lifetime", "the value of min-valid-lifetime (" + min
                        + ") is not less than valid-lifetime (" + valid + ")");
            }
            if (valid != null && max != null && valid > max) {
                throw new ConfigException(cp + "/max-valid-lifetime", "the value of max-valid-lifetime (" + max
                        + ") is not more than valid-lifetime (" + valid + ")");
            }
            classNames.add(name);
            out.add(new ClientClassDef(name, test, expression, additional, options, next,
                    string(c, cp, "server-hostname", ""), string(c, cp, "boot-file-name", ""), valid, min, max));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ other sections

    private InterfacesConfig parseInterfaces(JsonNode n, String p) {
        if (n == null || n.isNull()) {
            return new InterfacesConfig(List.of(), "raw");
        }
        List<InterfacesConfig.Interface> out = new ArrayList<>();
        JsonNode list = listOrNull(n, p, "interfaces");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                String ip = p + "/interfaces[" + i + "]";
                JsonNode e = list.get(i);
                if (!e.isString()) {
                    throw new ConfigException(ip, "expected string, got " + typeName(e));
                }
                String s = e.stringValue().trim();
                int slash = s.indexOf('/');
                String name = slash < 0 ? s : s.substring(0, slash);
                if (name.isEmpty()) {
                    throw new ConfigException(ip, "interface name must not be empty");
                }
                Integer addr = null;
                if (slash >= 0) {
                    try {
                        addr = Ipv4.parse(s.substring(slash + 1));
                    } catch (IllegalArgumentException ex) {
                        throw new ConfigException(ip, "Failed to select interface: " + ex.getMessage());
                    }
                }
                out.add(new InterfacesConfig.Interface(name, addr));
            }
        }
        String type = string(n, p, "dhcp-socket-type", "raw");
        if (!type.equals("raw") && !type.equals("udp")) {
            throw new ConfigException(p + "/dhcp-socket-type", "unsupported socket type '" + type + "': use raw or udp");
        }
        bool(n, p, "re-detect", true);
        return new InterfacesConfig(List.copyOf(out), type);
    }

    private LeaseDatabase parseLeaseDatabase(JsonNode n, String p) {
        if (n == null || n.isNull()) {
            return new LeaseDatabase("memfile", true, null, 3600, null, 0, null, null, 0);
        }
        String type = string(n, p, "type", null);
        if (type == null) {
            throw new ConfigException(p, "missing parameter 'type' (memfile or postgresql)");
        }
        switch (type) {
            case "memfile" -> {
                return new LeaseDatabase("memfile", bool(n, p, "persist", true), string(n, p, "name", null),
                        integer(n, p, "lfc-interval", 3600, 0, UINT32_MAX), null, 0, null, null, 0);
            }
            case "postgresql" -> {
                String name = string(n, p, "name", null);
                if (name == null || name.isBlank()) {
                    throw new ConfigException(p, "missing parameter 'name' (the database name)");
                }
                return new LeaseDatabase("postgresql", true, name, 0, string(n, p, "host", "localhost"),
                        (int) integer(n, p, "port", 5432, 1, 65535), string(n, p, "user", null),
                        string(n, p, "password", null), integer(n, p, "connect-timeout", 5, 0, UINT32_MAX));
            }
            case "mysql" -> throw new ConfigException(p + "/type",
                    "lease database type 'mysql' is not supported by this suite, use memfile or postgresql");
            default -> throw new ConfigException(p + "/type", "unknown lease database type '" + type
                    + "': use memfile or postgresql");
        }
    }

    private ExpiredLeasesProcessing parseExpired(JsonNode n, String p) {
        ExpiredLeasesProcessing d = ExpiredLeasesProcessing.DEFAULTS;
        if (n == null || n.isNull()) {
            return d;
        }
        return new ExpiredLeasesProcessing(
                integer(n, p, "reclaim-timer-wait-time", d.reclaimTimerWaitTime(), 0, UINT32_MAX),
                integer(n, p, "flush-reclaimed-timer-wait-time", d.flushReclaimedTimerWaitTime(), 0, UINT32_MAX),
                integer(n, p, "hold-reclaimed-time", d.holdReclaimedTime(), 0, UINT32_MAX),
                (int) integer(n, p, "max-reclaim-leases", d.maxReclaimLeases(), 0, Integer.MAX_VALUE),
                integer(n, p, "max-reclaim-time", d.maxReclaimTime(), 0, UINT32_MAX),
                (int) integer(n, p, "unwarned-reclaim-cycles", d.unwarnedReclaimCycles(), 0, Integer.MAX_VALUE));
    }

    private List<String> parseHostReservationIdentifiers(JsonNode n, String p) {
        if (n == null || n.isNull()) {
            return List.of("hw-address", "duid", "circuit-id", "client-id");
        }
        List<String> out = stringList(n, p);
        for (int i = 0; i < out.size(); i++) {
            if (!IDENTIFIER_TYPES.contains(out.get(i))) {
                throw new ConfigException(p + "[" + i + "]", "unsupported identifier '" + out.get(i)
                        + "': use hw-address, duid, circuit-id, client-id or flex-id");
            }
        }
        return out;
    }

    private List<HookLibrary> parseHooks(JsonNode list, String p) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        List<HookLibrary> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String hp = p + "[" + i + "]";
            JsonNode h = list.get(i);
            String lib = string(h, hp, "library", null);
            if (lib == null || lib.isBlank()) {
                throw new ConfigException(hp, "missing parameter 'library'");
            }
            JsonNode params = h.get("parameters");
            if (params != null && !params.isObject()) {
                throw new ConfigException(hp + "/parameters", "expected map, got " + typeName(params));
            }
            out.add(new HookLibrary(lib, params));
        }
        return List.copyOf(out);
    }

    private List<LoggerConfig> parseLoggers(JsonNode list, String p) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        List<LoggerConfig> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String lp = p + "[" + i + "]";
            JsonNode l = list.get(i);
            String name = string(l, lp, "name", null);
            if (name == null || name.isBlank()) {
                throw new ConfigException(lp, "missing parameter 'name'");
            }
            String severity = string(l, lp, "severity", "INFO").toUpperCase(Locale.ROOT);
            if (!Set.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "NONE").contains(severity)) {
                throw new ConfigException(lp + "/severity", "unsupported severity '" + severity
                        + "': use FATAL, ERROR, WARN, INFO, DEBUG or NONE");
            }
            int debug = (int) integer(l, lp, "debuglevel", 0, 0, 99);
            List<String> outputs = new ArrayList<>();
            for (String key : List.of("output_options", "output-options")) {
                JsonNode oo = listOrNull(l, lp, key);
                if (oo == null) {
                    continue;
                }
                for (int j = 0; j < oo.size(); j++) {
                    String op = lp + "/" + key + "[" + j + "]";
                    JsonNode o = oo.get(j);
                    outputs.add(string(o, op, "output", "stdout"));
                    bool(o, op, "flush", true);
                    integer(o, op, "maxsize", 0, 0, Long.MAX_VALUE);
                    integer(o, op, "maxver", 1, 0, Integer.MAX_VALUE);
                    string(o, op, "pattern", "");
                }
            }
            out.add(new LoggerConfig(name, severity, debug, List.copyOf(outputs)));
        }
        return List.copyOf(out);
    }

    private DhcpDdnsClient parseDhcpDdns(JsonNode n, String p) {
        if (!n.isObject()) {
            throw new ConfigException(p, "expected map, got " + typeName(n));
        }
        DhcpDdnsClient d = DhcpDdnsClient.DEFAULTS;
        boolean enable = bool(n, p, "enable-updates", d.enableUpdates());
        String serverIp = string(n, p, "server-ip", d.serverIp()).trim();
        checkIp(serverIp, p + "/server-ip", false);
        int serverPort = (int) integer(n, p, "server-port", d.serverPort(), 0, 65535);
        String senderIp = string(n, p, "sender-ip", d.senderIp()).trim();
        checkIp(senderIp, p + "/sender-ip", true);
        int senderPort = (int) integer(n, p, "sender-port", d.senderPort(), 0, 65535);
        if (!senderIp.isEmpty() && senderIp.contains(":") != serverIp.contains(":")) {
            throw new ConfigException(p + "/sender-ip", "server-ip " + serverIp + " is not the same address family as sender-ip "
                    + senderIp);
        }
        if (senderIp.equals(serverIp) && senderPort == serverPort) {
            throw new ConfigException(p + "/sender-port", "server-ip/server-port cannot be the same as sender-ip/sender-port");
        }
        int maxQueue = (int) integer(n, p, "max-queue-size", d.maxQueueSize(), 1, Integer.MAX_VALUE);
        String protocol = string(n, p, "ncr-protocol", d.ncrProtocol()).toUpperCase(Locale.ROOT);
        if (protocol.equals("TCP")) {
            // Kea: "ncr-protocol : TCP is not yet supported"
            throw new ConfigException(p + "/ncr-protocol", "ncr-protocol TCP is not supported (neither is it by Kea): use UDP");
        }
        if (!protocol.equals("UDP")) {
            throw new ConfigException(p + "/ncr-protocol", "unsupported ncr-protocol '" + protocol + "': use UDP");
        }
        String format = string(n, p, "ncr-format", d.ncrFormat()).toUpperCase(Locale.ROOT);
        if (!format.equals("JSON")) {
            throw new ConfigException(p + "/ncr-format", "unsupported ncr-format '" + format + "': use JSON");
        }
        bool(n, p, "always-include-fqdn", false);
        return new DhcpDdnsClient(enable, serverIp, serverPort, senderIp, senderPort, maxQueue, protocol, format);
    }

    /** An IPv4 or IPv6 literal (never a host name to resolve). */
    private static void checkIp(String ip, String path, boolean emptyOk) {
        if (ip.isEmpty() && emptyOk) {
            return;
        }
        boolean ok;
        if (ip.contains(":")) {
            try {
                ok = ip.matches("[0-9A-Fa-f:.]+") && java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address;
            } catch (java.net.UnknownHostException e) {
                ok = false;
            }
        } else {
            try {
                Ipv4.parse(ip);
                ok = true;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new ConfigException(path, "'" + ip + "' is not an IPv4 or IPv6 address");
        }
    }

    // ------------------------------------------------------------------ typed access

    static String typeName(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isObject()) {
            return "map";
        }
        if (n.isArray()) {
            return "list";
        }
        if (n.isString()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "real";
        }
        return n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static boolean has(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && !v.isNull();
    }

    private static String string(JsonNode n, String p, String key, String def) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isString()) {
            throw new ConfigException(p + "/" + key, "expected string, got " + typeName(v));
        }
        return v.stringValue();
    }

    private static boolean bool(JsonNode n, String p, String key, boolean def) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(p + "/" + key, "expected boolean, got " + typeName(v));
        }
        return v.booleanValue();
    }

    private static long integer(JsonNode n, String p, String key, long def, long min, long max) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber()) {
            throw new ConfigException(p + "/" + key, "expected integer, got " + typeName(v));
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new ConfigException(p + "/" + key, "value " + v + " is out of range " + min + ".." + max);
        }
        return v.longValue();
    }

    private static double real(JsonNode n, String p, String key) {
        JsonNode v = n.get(key);
        if (!v.isNumber()) {
            throw new ConfigException(p + "/" + key, "expected real, got " + typeName(v));
        }
        return v.doubleValue();
    }

    private static JsonNode listOrNull(JsonNode n, String p, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new ConfigException(p + "/" + key, "expected list, got " + typeName(v));
        }
        return v;
    }

    private static List<String> stringList(JsonNode v, String p) {
        if (!v.isArray()) {
            throw new ConfigException(p, "expected list, got " + typeName(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isString()) {
                throw new ConfigException(p + "[" + i + "]", "expected string, got " + typeName(e));
            }
            out.add(e.stringValue());
        }
        return List.copyOf(out);
    }

    private static int address(JsonNode n, String p, String key) {
        return parseAddress(n.get(key), p + "/" + key);
    }

    private static int parseAddress(JsonNode v, String path) {
        if (!v.isString()) {
            throw new ConfigException(path, "expected string, got " + typeName(v));
        }
        try {
            return Ipv4.parse(v.stringValue());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    /** "a.b.c.d/len" as {address, len}. */
    private static int[] parsePrefix(String text, String path) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new ConfigException(path, "'" + text + "' is not a prefix (expected address/length)");
        }
        int addr;
        try {
            addr = Ipv4.parse(text.substring(0, slash).trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(path, "invalid prefix length in '" + text + "'");
        }
        if (len < 1 || len > 32) {
            throw new ConfigException(path, "invalid prefix length specified for subnet: " + len);
        }
        return new int[] {addr, len};
    }
}
