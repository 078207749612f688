package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code subnet4}, {@code shared-networks} and their pools, with effective parameters resolved
 * through the chain pool → subnet → shared network → global. Refuses what Kea refuses about the
 * set as a whole: duplicate ids and prefixes, and (as the lease store is keyed by address) any
 * address in two pools.
 */
final class SubnetParser {

    /** Kea's SUBNET_ID_MAX: 0 and 2^32-1 are reserved. */
    private static final long SUBNET_ID_MAX = Inherited.UINT32_MAX - 1;

    private final List<ConfigWarning> warnings;
    private final OptionParser options;
    private final ReservationParser reservations;
    private final ClientClassParser classes;
    private final DdnsParser ddns;
    private final boolean haLoaded;

    private final List<Subnet4> subnets = new ArrayList<>();
    private final List<String> subnetPaths = new ArrayList<>();
    /** Ids given by Kea 2.2's numbering to subnets without one, by the subnet's path. */
    private final Map<String, Long> autoIds = new HashMap<>();

    SubnetParser(List<ConfigWarning> warnings, OptionParser options, ReservationParser reservations,
                 ClientClassParser classes, DdnsParser ddns, boolean haLoaded) {
        this.warnings = warnings;
        this.options = options;
        this.reservations = reservations;
        this.classes = classes;
        this.ddns = ddns;
        this.haLoaded = haLoaded;
    }

    /** All subnets, top-level ones first, then those of each shared network, in configuration order. */
    List<Subnet4> subnets() {
        return List.copyOf(subnets);
    }

    /**
     * Numbers the subnets that have no {@code id} (or id 0) as Kea 2.2 to 2.5.7 do: a counter reset
     * to 1 for every configuration, taken by each such subnet in the order Kea parses them, all
     * {@code shared-networks} first (their subnets in order), then the top-level {@code subnet4};
     * explicit ids do not move the counter, and an explicit id equal to a generated one is refused
     * as a duplicate, as Kea refuses it. Kea 2.6 and later require ids. The numbering depends only
     * on the file, so the same file gives the same ids at every start and reload.
     */
    void numberSubnets(KeaJson global) {
        List<KeaJson> inKeaOrder = new ArrayList<>();
        for (KeaJson net : global.list("shared-networks")) {
            if (!net.isMissing() && net.node().isObject()) {
                inKeaOrder.addAll(net.list("subnet4"));
            }
        }
        inKeaOrder.addAll(global.list("subnet4"));
        long next = 1;
        for (KeaJson s : inKeaOrder) {
            if (s.isMissing() || !s.node().isObject() || s.integer("id", 0, 0, SUBNET_ID_MAX) != 0) {
                continue;
            }
            long id = next++;
            autoIds.put(s.path(), id);
            warnings.add(new ConfigWarning(s.path(), "subnet " + s.string("subnet", "?") + " has no id; it gets id "
                    + id + ", numbered as Kea 2.2-2.5 number subnets without one (add \"id\": " + id
                    + " to keep it when subnets are added, removed or reordered)"));
        }
    }

    void parseSubnets(KeaJson global) {
        for (KeaJson s : global.list("subnet4")) {
            subnets.add(parseSubnet(s, null, List.of(global), null, List.of()));
            subnetPaths.add(s.path());
        }
    }

    List<SharedNetwork4> parseSharedNetworks(KeaJson global) {
        List<SharedNetwork4> networks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (KeaJson net : global.list("shared-networks")) {
            String name = net.string("name", null);
            if (name == null || name.isBlank()) {
                throw net.error("missing parameter 'name'");
            }
            if (!names.add(name)) {
                throw net.error("name", "duplicate shared network '" + name + "'");
            }
            Inherited.lifetimes(List.of(net, global), warnings);
            List<OptionData> netOptions = options.parseData(net.at("option-data"));
            List<Long> ids = new ArrayList<>();
            for (KeaJson s : net.list("subnet4")) {
                Subnet4 subnet = parseSubnet(s, net, List.of(net, global), name, netOptions);
                subnets.add(subnet);
                subnetPaths.add(s.path());
                ids.add(subnet.id());
            }
            networks.add(new SharedNetwork4(name, List.copyOf(ids), netOptions));
        }
        return networks;
    }

    private Subnet4 parseSubnet(KeaJson s, KeaJson net, List<KeaJson> parents, String network,
                                List<OptionData> networkOptions) {
        s.requireMap();
        List<KeaJson> chain = new ArrayList<>();
        chain.add(s);
        chain.addAll(parents);

        Long auto = autoIds.get(s.path());
        long id = auto != null ? auto : s.integer("id", 0, 1, SUBNET_ID_MAX);
        String text = s.string("subnet", null);
        if (text == null) {
            throw s.error("missing parameter 'subnet'");
        }
        int[] prefix = parsePrefix(text, s.pathOf("subnet"));
        int mask = Ipv4.mask(prefix[1]);
        if ((prefix[0] & ~mask) != 0) {
            // Kea accepts host bits silently; the suite uses the network address
            warnings.add(new ConfigWarning(s.pathOf("subnet"), "'" + text + "' has host bits set; using "
                    + Ipv4.format(prefix[0] & mask) + "/" + prefix[1]));
        }
        int network4 = prefix[0] & mask;
        int len = prefix[1];

        List<Pool4> pools = new ArrayList<>();
        List<KeaJson> poolNodes = s.list("pools");
        for (int i = 0; i < poolNodes.size(); i++) {
            KeaJson pn = poolNodes.get(i);
            Pool4 pool = parsePool(pn, chain);
            if (!Ipv4.inPrefix(pool.first(), network4, len) || !Ipv4.inPrefix(pool.last(), network4, len)) {
                throw pn.error("pool", "pool " + range(pool) + " is not inside subnet " + Ipv4.format(network4) + "/" + len);
            }
            for (int j = 0; j < pools.size(); j++) {
                if (overlap(pools.get(j), pool)) {
                    throw pn.error("pool", "pool " + range(pool) + " overlaps with " + s.path() + "/pools[" + j + "]");
                }
            }
            pools.add(pool);
        }

        List<Integer> relays = relayAddresses(chain);
        // interface and the class guard come from the subnet, else its shared network, never global
        List<KeaJson> own = net == null ? List.of(s) : List.of(s, net);
        String iface = null;
        KeaJson l = Inherited.find(own, "interface");
        if (l != null) {
            iface = l.string("interface", "");
            if (iface.isEmpty()) {
                iface = null;
            }
        }
        List<OptionData> opts = options.parseData(s.at("option-data"));
        List<Reservation4> res = reservations.parse(s.at("reservations"), new int[] {network4, len});
        Lifetimes lifetimes = Inherited.lifetimes(chain, warnings);
        boolean matchClientId = Inherited.bool(chain, "match-client-id", true);
        boolean authoritative = Inherited.bool(chain, "authoritative", false);
        List<String> guard = List.of();
        for (KeaJson level : own) {
            List<String> g = classGuard(level);
            if (!g.isEmpty()) {
                guard = g;
                break;
            }
        }
        int nextServer = 0;
        String serverHostname = "";
        String bootFileName = "";
        l = Inherited.find(chain, "next-server");
        if (l != null) {
            nextServer = l.ipv4("next-server");
        }
        l = Inherited.find(chain, "server-hostname");
        if (l != null) {
            serverHostname = l.string("server-hostname", "");
        }
        l = Inherited.find(chain, "boot-file-name");
        if (l != null) {
            bootFileName = l.string("boot-file-name", "");
        }
        boolean[] flags = Inherited.reservationFlags(chain);
        return new Subnet4(id, network4, len, network, List.copyOf(pools), relays, iface, opts,
                networkOptions, res, lifetimes, matchClientId, authoritative, guard, nextServer,
                serverHostname, bootFileName, Inherited.allocator(chain), flags[0], flags[1], flags[2],
                ddns.params(chain));
    }

    private static String range(Pool4 p) {
        return Ipv4.format(p.first()) + " - " + Ipv4.format(p.last());
    }

    private static boolean overlap(Pool4 a, Pool4 b) {
        return Integer.compareUnsigned(a.first(), b.last()) <= 0 && Integer.compareUnsigned(b.first(), a.last()) <= 0;
    }

    /** Unique ids and prefixes; no address in two pools, even across subnets. */
    void checkSubnetSet() {
        Map<Long, Integer> ids = new HashMap<>();
        Map<Long, Integer> prefixes = new HashMap<>();
        for (int i = 0; i < subnets.size(); i++) {
            Subnet4 s = subnets.get(i);
            Integer prev = ids.putIfAbsent(s.id(), i);
            if (prev != null) {
                String generated = autoIds.containsKey(subnetPaths.get(i)) ? subnetPaths.get(i)
                        : autoIds.containsKey(subnetPaths.get(prev)) ? subnetPaths.get(prev) : null;
                throw new ConfigException(subnetPaths.get(i) + (autoIds.containsKey(subnetPaths.get(i)) ? "" : "/id"),
                        "subnet id " + s.id() + " is already used by " + subnetPaths.get(prev)
                        + (generated == null ? "" : " (" + generated + " has no id and was numbered " + s.id()
                        + " as Kea 2.2-2.5 do; give the subnets explicit ids)"));
            }
            long key = (Integer.toUnsignedLong(s.prefix()) << 6) | s.prefixLength();
            prev = prefixes.putIfAbsent(key, i);
            if (prev != null) {
                throw new ConfigException(subnetPaths.get(i) + "/subnet", "subnet " + s.text() + " is already defined by "
                        + subnetPaths.get(prev));
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
                            throw new ConfigException(subnetPaths.get(i) + "/pools[" + pa + "]/pool",
                                    "pool overlaps with " + subnetPaths.get(j) + "/pools[" + pb + "] of subnet id " + b.id());
                        }
                    }
                }
            }
        }
    }

    private Pool4 parsePool(KeaJson n, List<KeaJson> subnetChain) {
        n.requireMap();
        String text = n.string("pool", null);
        if (text == null) {
            throw n.error("missing parameter 'pool'");
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
                int[] pr = parsePrefix(t, n.pathOf("pool"));
                int m = Ipv4.mask(pr[1]);
                first = pr[0] & m;
                last = first | ~m;
            } else {
                throw new IllegalArgumentException("'" + text + "' is neither 'first - last' nor 'prefix/length'");
            }
        } catch (IllegalArgumentException e) {
            throw n.error("pool", e.getMessage());
        }
        if (Integer.compareUnsigned(first, last) > 0) {
            throw n.error("pool", "first address " + Ipv4.format(first)
                    + " is greater than last address " + Ipv4.format(last));
        }
        long poolId = n.integer("pool-id", 0, 0, Inherited.UINT32_MAX);
        List<String> guard = classGuard(n);
        List<OptionData> opts = options.parseData(n.at("option-data"));
        List<KeaJson> chain = new ArrayList<>();
        chain.add(n);
        chain.addAll(subnetChain);
        return new Pool4(first, last, poolId, guard, opts, ddns.params(chain));
    }

    /** {@code client-class} (a string, before 2.7.5) or {@code client-classes} (a list). */
    private List<String> classGuard(KeaJson n) {
        boolean one = n.has("client-class");
        boolean many = n.has("client-classes");
        if (one && many) {
            throw n.error("cannot specify both 'client-class' and 'client-classes'; use only 'client-classes'");
        }
        List<String> out;
        String key = one ? "client-class" : "client-classes";
        if (one) {
            String c = n.string("client-class", "");
            out = c.isEmpty() ? List.of() : List.of(c);
        } else if (many) {
            out = n.stringList("client-classes");
        } else {
            return List.of();
        }
        for (String c : out) {
            if (!classes.known(c)) {
                // Kea accepts a guard naming an undefined class (the subnet is then never selected)
                warnings.add(new ConfigWarning(n.pathOf(key), "class '" + c + "' is not defined in client-classes"));
            } else if (c.startsWith("HA_") && !haLoaded) {
                // Kea accepts this too; only the HA hook assigns HA_ classes, so nothing is served from here
                warnings.add(new ConfigWarning(n.pathOf(key), "guarded by class '" + c + "', which only the HA"
                        + " hook (libdhcp_ha.so) assigns; no hooks-libraries entry loads it, so no client gets it"));
            }
        }
        return out;
    }

    private static List<Integer> relayAddresses(List<KeaJson> chain) {
        for (KeaJson l : chain) {
            if (!l.has("relay")) {
                continue;
            }
            KeaJson relay = l.map("relay");
            List<Integer> out = new ArrayList<>();
            if (relay.has("ip-address")) {
                out.add(relay.ipv4("ip-address"));
            }
            for (KeaJson a : relay.list("ip-addresses")) {
                out.add(a.asIpv4());
            }
            return List.copyOf(out);
        }
        return List.of();
    }

    /** "a.b.c.d/len" as {address, len}. */
    static int[] parsePrefix(String text, String path) {
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
