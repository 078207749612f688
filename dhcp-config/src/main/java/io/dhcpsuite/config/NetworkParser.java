package io.dhcpsuite.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the {@code subnet4} and {@code subnet6} parsers share: Kea 2.2's numbering of subnets
 * without an id, {@code shared-networks} (unique names, their subnets inheriting from them), the
 * parameters a subnet takes only from itself or its shared network ({@code interface}, the class
 * guard, {@code relay}), and the checks of the subnet set as a whole: duplicate ids and prefixes
 * and, as the lease stores are keyed by address (or prefix), any address in two pools.
 *
 * @param <S> the family's subnet type
 * @param <N> the family's shared network type
 */
abstract class NetworkParser<S, N> {

    /** Kea's SUBNET_ID_MAX: 0 and 2^32-1 are reserved. */
    static final long SUBNET_ID_MAX = Inherited.UINT32_MAX - 1;

    /**
     * A pool of a subnet as an inclusive range of numbers, for overlap checks.
     *
     * @param key   the list it is in ({@code pools}, {@code pd-pools}); only pools of one list are compared
     * @param index its index there
     * @param field the key of its range ({@code pool}, {@code prefix}), where a refusal points
     * @param text  the range as the refusal shows it
     */
    record Range(String key, int index, String field, BigInteger first, BigInteger last, String text) {
        boolean overlaps(Range o) {
            return key.equals(o.key) && first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
        }
    }

    final List<ConfigWarning> warnings;
    final Family family;
    final OptionParser options;
    final ReservationParser reservations;
    final ClientClassParser classes;
    final DdnsParser ddns;
    private final boolean haLoaded;

    private final List<S> subnets = new ArrayList<>();
    private final List<String> subnetPaths = new ArrayList<>();
    /** Ids given by Kea 2.2's numbering to subnets without one, by the subnet's path. */
    private final Map<String, Long> autoIds = new HashMap<>();

    NetworkParser(Family family, List<ConfigWarning> warnings, OptionParser options, ReservationParser reservations,
                  ClientClassParser classes, DdnsParser ddns, boolean haLoaded) {
        this.family = family;
        this.warnings = warnings;
        this.options = options;
        this.reservations = reservations;
        this.classes = classes;
        this.ddns = ddns;
        this.haLoaded = haLoaded;
    }

    /** A subnet entry with its effective parameters; {@code parents} is the inheritance chain above it. */
    abstract S parseSubnet(KeaJson s, KeaJson net, List<KeaJson> parents, String network,
                           List<OptionData> networkOptions);

    abstract N network(String name, List<Long> subnetIds, List<OptionData> optionData);

    abstract long id(S subnet);

    /** A value equal for two subnets with the same prefix. */
    abstract Object prefixKey(S subnet);

    abstract String prefixText(S subnet);

    /** The subnet's pools as ranges, in list order. */
    abstract List<Range> ranges(S subnet);

    /** Checks of a shared network's own level besides the lifetimes every family checks. */
    void checkNetworkLevel(KeaJson net, KeaJson global) {
    }

    /** All subnets, top-level ones first, then those of each shared network, in configuration order. */
    List<S> subnets() {
        return List.copyOf(subnets);
    }

    /**
     * Numbers the subnets that have no {@code id} (or id 0) as Kea 2.2 to 2.5.7 do: a counter reset
     * to 1 for every configuration, taken by each such subnet in the order Kea parses them, all
     * {@code shared-networks} first (their subnets in order), then the top-level subnet list;
     * explicit ids do not move the counter, and an explicit id equal to a generated one is refused
     * as a duplicate, as Kea refuses it. Kea 2.6 and later require ids. The numbering depends only
     * on the file, so the same file gives the same ids at every start and reload.
     */
    void numberSubnets(KeaJson global) {
        List<KeaJson> inKeaOrder = new ArrayList<>();
        for (KeaJson net : global.list("shared-networks")) {
            if (!net.isMissing() && net.node().isObject()) {
                inKeaOrder.addAll(net.list(family.subnetKey));
            }
        }
        inKeaOrder.addAll(global.list(family.subnetKey));
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

    /** The subnet's id: the one Kea 2.2 numbered it with, or its own. */
    long subnetId(KeaJson s) {
        Long auto = autoIds.get(s.path());
        return auto != null ? auto : s.integer("id", 0, 1, SUBNET_ID_MAX);
    }

    void parseSubnets(KeaJson global) {
        for (KeaJson s : global.list(family.subnetKey)) {
            subnets.add(parseSubnet(s, null, List.of(global), null, List.of()));
            subnetPaths.add(s.path());
        }
    }

    List<N> parseSharedNetworks(KeaJson global) {
        List<N> networks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (KeaJson net : global.list("shared-networks")) {
            String name = net.string("name", null);
            if (name == null || name.isBlank()) {
                throw net.error("missing parameter 'name'");
            }
            if (!names.add(name)) {
                throw net.error("name", "duplicate shared network '" + name + "'");
            }
            Inherited.lifetimes(List.of(net, global), warnings, family);
            checkNetworkLevel(net, global);
            List<OptionData> netOptions = options.parseData(net.at("option-data"));
            List<Long> ids = new ArrayList<>();
            for (KeaJson s : net.list(family.subnetKey)) {
                S subnet = parseSubnet(s, net, List.of(net, global), name, netOptions);
                subnets.add(subnet);
                subnetPaths.add(s.path());
                ids.add(id(subnet));
            }
            networks.add(network(name, List.copyOf(ids), netOptions));
        }
        return networks;
    }

    /** The levels a subnet takes {@code interface} and its class guard from: itself, then its shared network. */
    static List<KeaJson> own(KeaJson s, KeaJson net) {
        return net == null ? List.of(s) : List.of(s, net);
    }

    /** A string parameter of the first of {@code levels} that sets it; null when none does or it is "". */
    static String ownString(List<KeaJson> levels, String key) {
        KeaJson l = Inherited.find(levels, key);
        if (l == null) {
            return null;
        }
        String v = l.string(key, "");
        return v.isEmpty() ? null : v;
    }

    /** The class guard of the first level that has one. */
    List<String> guard(List<KeaJson> levels) {
        for (KeaJson level : levels) {
            List<String> g = classGuard(level);
            if (!g.isEmpty()) {
                return g;
            }
        }
        return List.of();
    }

    /** {@code client-class} (a string, before 2.7.5) or {@code client-classes} (a list). */
    List<String> classGuard(KeaJson n) {
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

    /** {@code relay.ip-addresses} (and the older {@code ip-address}) of the first level with a {@code relay}. */
    static <A> List<A> relayAddresses(List<KeaJson> chain, Function<KeaJson, A> address) {
        for (KeaJson l : chain) {
            if (!l.has("relay")) {
                continue;
            }
            KeaJson relay = l.map("relay");
            List<A> out = new ArrayList<>();
            if (relay.has("ip-address")) {
                out.add(address.apply(relay.at("ip-address")));
            }
            for (KeaJson a : relay.list("ip-addresses")) {
                out.add(address.apply(a));
            }
            return List.copyOf(out);
        }
        return List.of();
    }

    /** A level on top of the chain of levels above it, most specific first. */
    static List<KeaJson> chain(KeaJson level, List<KeaJson> above) {
        List<KeaJson> chain = new ArrayList<>();
        chain.add(level);
        chain.addAll(above);
        return chain;
    }

    /** A subnet entry's {@code subnet} text, which Kea requires. */
    static String subnetText(KeaJson s) {
        s.requireMap();
        String text = s.string("subnet", null);
        if (text == null) {
            throw s.error("missing parameter 'subnet'");
        }
        return text;
    }

    /**
     * A pool's {@code pool} text as Kea's PoolParser splits it: {first, last} for "first - last",
     * {prefix} for "prefix/len"; anything else refused.
     */
    static String[] poolText(KeaJson n) {
        n.requireMap();
        String text = n.string("pool", null);
        if (text == null) {
            throw n.error("missing parameter 'pool'");
        }
        String t = text.trim();
        int dash = t.indexOf('-');
        if (dash >= 0) {
            return new String[] {t.substring(0, dash).trim(), t.substring(dash + 1).trim()};
        }
        if (t.indexOf('/') >= 0) {
            return new String[] {t};
        }
        throw n.error("pool", "'" + text + "' is neither 'first - last' nor 'prefix/length'");
    }

    /** What every pool kind has besides its range: {@code pool-id}, class guard, options, DDNS. */
    record PoolCommon(long poolId, List<String> guard, List<OptionData> optionData, DdnsParams ddns) {
    }

    PoolCommon poolCommon(KeaJson n, List<KeaJson> subnetChain) {
        long poolId = n.integer("pool-id", 0, 0, Inherited.UINT32_MAX);
        List<String> guard = classGuard(n);
        List<OptionData> opts = options.parseData(n.at("option-data"));
        return new PoolCommon(poolId, guard, opts, ddns.params(chain(n, subnetChain)));
    }

    /** An IPv6 address literal at {@code a}, refused there if it is not one. */
    static BigInteger address6(KeaJson a) {
        try {
            return Prefix6.address(a.asString());
        } catch (IllegalArgumentException e) {
            throw a.error(e.getMessage());
        }
    }

    /**
     * The pools of list {@code key} ({@code pools}, {@code pd-pools}) of subnet {@code s}, each read
     * by {@code parse} and refused when {@code inside} (null: not asked) says it is not inside
     * {@code subnet}, or when it overlaps a pool before it; their ranges are added to {@code ranges}.
     */
    static <P> List<P> parsePools(KeaJson s, String key, List<Range> ranges, Function<KeaJson, P> parse,
                                  BiFunction<P, Integer, Range> range, Predicate<P> inside, String subnet) {
        List<P> pools = new ArrayList<>();
        List<KeaJson> nodes = s.list(key);
        for (int i = 0; i < nodes.size(); i++) {
            KeaJson pn = nodes.get(i);
            P pool = parse.apply(pn);
            Range r = range.apply(pool, i);
            if (inside != null && !inside.test(pool)) {
                throw pn.error("pool", "pool " + r.text() + " is not inside subnet " + subnet);
            }
            checkOverlap(pn, s, ranges, r);
            pools.add(pool);
            ranges.add(r);
        }
        return List.copyOf(pools);
    }

    /** {@code pools} as ranges, in list order, after those already in {@code out}. */
    static <P> List<Range> addRanges(List<Range> out, List<P> pools, BiFunction<P, Integer, Range> range) {
        for (int i = 0; i < pools.size(); i++) {
            out.add(range.apply(pools.get(i), i));
        }
        return out;
    }

    /** Refuses {@code pool} if it overlaps one of {@code earlier}, the pools before it in subnet {@code s}. */
    static void checkOverlap(KeaJson pn, KeaJson s, List<Range> earlier, Range pool) {
        for (Range e : earlier) {
            if (e.overlaps(pool)) {
                throw pn.error(pool.field(), "pool " + pool.text() + " overlaps with " + s.path() + "/" + e.key()
                        + "[" + e.index() + "]");
            }
        }
    }

    /** Unique ids and prefixes; no address (or prefix) in two pools, even across subnets. */
    void checkSubnetSet() {
        Map<Long, Integer> ids = new HashMap<>();
        Map<Object, Integer> prefixes = new HashMap<>();
        for (int i = 0; i < subnets.size(); i++) {
            S s = subnets.get(i);
            Integer prev = ids.putIfAbsent(id(s), i);
            if (prev != null) {
                String generated = autoIds.containsKey(subnetPaths.get(i)) ? subnetPaths.get(i)
                        : autoIds.containsKey(subnetPaths.get(prev)) ? subnetPaths.get(prev) : null;
                throw new ConfigException(subnetPaths.get(i) + (autoIds.containsKey(subnetPaths.get(i)) ? "" : "/id"),
                        "subnet id " + id(s) + " is already used by " + subnetPaths.get(prev)
                        + (generated == null ? "" : " (" + generated + " has no id and was numbered " + id(s)
                        + " as Kea 2.2-2.5 do; give the subnets explicit ids)"));
            }
            prev = prefixes.putIfAbsent(prefixKey(s), i);
            if (prev != null) {
                throw new ConfigException(subnetPaths.get(i) + "/subnet", "subnet " + prefixText(s)
                        + " is already defined by " + subnetPaths.get(prev));
            }
        }
        // pools across subnets: the lease store is keyed by address, so two subnets may not share one
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = 0; j < i; j++) {
                for (Range a : ranges(subnets.get(i))) {
                    for (Range b : ranges(subnets.get(j))) {
                        if (a.overlaps(b)) {
                            throw new ConfigException(subnetPaths.get(i) + "/" + a.key() + "[" + a.index() + "]/"
                                    + a.field(), "pool overlaps with " + subnetPaths.get(j) + "/" + b.key() + "["
                                    + b.index() + "] of subnet id " + id(subnets.get(j)));
                        }
                    }
                }
            }
        }
    }
}
