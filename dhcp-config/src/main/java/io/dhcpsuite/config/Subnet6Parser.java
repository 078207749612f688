package io.dhcpsuite.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code subnet6} and the {@code shared-networks} of {@code Dhcp6}: address pools inside their
 * subnet, prefix delegation pools with Kea's Pool6 rules, {@code interface} and
 * {@code interface-id} (never both, as Kea's Subnet6ConfigParser refuses), {@code rapid-commit}
 * and the preferred lifetime, inherited pool → subnet → shared network → global.
 */
final class Subnet6Parser extends NetworkParser<Subnet6, SharedNetwork6> {

    Subnet6Parser(List<ConfigWarning> warnings, OptionParser options, ReservationParser reservations,
                  ClientClassParser classes, DdnsParser ddns, boolean haLoaded) {
        super(Family.V6, warnings, options, reservations, classes, ddns, haLoaded);
    }

    @Override
    SharedNetwork6 network(String name, List<Long> subnetIds, List<OptionData> optionData) {
        return new SharedNetwork6(name, subnetIds, optionData);
    }

    @Override
    long id(Subnet6 subnet) {
        return subnet.id();
    }

    @Override
    Object prefixKey(Subnet6 s) {
        return s.prefix();
    }

    @Override
    String prefixText(Subnet6 s) {
        return s.text();
    }

    @Override
    List<Range> ranges(Subnet6 s) {
        List<Range> out = addRanges(new ArrayList<>(), s.pools(), Subnet6Parser::range);
        return addRanges(out, s.pdPools(), Subnet6Parser::range);
    }

    @Override
    void checkNetworkLevel(KeaJson net, KeaJson global) {
        Inherited.triplet(List.of(net, global), "preferred-lifetime", 3600);
    }

    private static Range range(Pool6 p, int index) {
        return new Range("pools", index, "pool", p.first(), p.last(),
                Prefix6.format(p.first()) + " - " + Prefix6.format(p.last()));
    }

    private static Range range(PdPool6 p, int index) {
        return new Range("pd-pools", index, "prefix", p.prefix().first(), p.prefix().last(), p.prefix().text());
    }

    @Override
    Subnet6 parseSubnet(KeaJson s, KeaJson net, List<KeaJson> parents, String network,
                        List<OptionData> networkOptions) {
        s.requireMap();
        List<KeaJson> chain = chain(s, parents);
        long id = subnetId(s);
        String text = subnetText(s);
        Prefix6 written = Prefix6.parse(text, s.pathOf("subnet"));
        Prefix6 prefix = written.masked();
        if (!prefix.equals(written)) {
            warnings.add(new ConfigWarning(s.pathOf("subnet"), "'" + text + "' has host bits set; using " + prefix));
        }

        List<Range> ranges = new ArrayList<>();
        List<Pool6> pools = parsePools(s, "pools", ranges, pn -> parsePool(pn, chain), Subnet6Parser::range,
                p -> prefix.contains(p.first()) && prefix.contains(p.last()), prefix.text());
        List<PdPool6> pdPools = parsePools(s, "pd-pools", ranges, this::parsePdPool, Subnet6Parser::range, null,
                prefix.text());

        List<BigInteger> relays = relayAddresses(chain, NetworkParser::address6);
        List<KeaJson> own = own(s, net);
        String iface = ownString(own, "interface");
        String interfaceId = ownString(own, "interface-id");
        if (iface != null && interfaceId != null) {
            throw s.error(s.has("interface-id") ? "interface-id" : "interface", "interface (defined for locally"
                    + " reachable subnets) and interface-id (defined for subnets reachable via relays) cannot be"
                    + " defined at the same time for subnet " + prefix);
        }
        boolean rapidCommit = Inherited.bool(chain, "rapid-commit", false);
        List<OptionData> opts = options.parseData(s.at("option-data"));
        List<Reservation6> res = reservations.parse6(s.at("reservations"), prefix);
        Lifetimes lifetimes = Inherited.lifetimes(chain, warnings, Family.V6);
        long[] p = Inherited.triplet(chain, "preferred-lifetime", 3600);
        boolean[] flags = Inherited.reservationFlags(chain);
        return new Subnet6(id, prefix, network, pools, pdPools, relays, iface, interfaceId,
                rapidCommit, opts, networkOptions, res, lifetimes, new Triplet(p[0], p[1], p[2]), guard(own),
                Inherited.allocator(chain), Inherited.allocator(chain, "pd-allocator"), flags[0], flags[1], flags[2],
                ddns.params(chain));
    }

    /** {@code "first - last"} or {@code "prefix/len"}, as Kea's PoolParser reads an IPv6 pool. */
    private Pool6 parsePool(KeaJson n, List<KeaJson> subnetChain) {
        String[] text = poolText(n);
        BigInteger first;
        BigInteger last;
        try {
            if (text.length == 2) {
                first = Prefix6.address(text[0]);
                last = Prefix6.address(text[1]);
            } else {
                Prefix6 p = Prefix6.parse(text[0], n.pathOf("pool")).masked();
                first = p.first();
                last = p.last();
            }
        } catch (IllegalArgumentException e) {
            throw n.error("pool", e.getMessage());
        }
        if (first.compareTo(last) > 0) {
            throw n.error("pool", "first address " + Prefix6.format(first)
                    + " is greater than last address " + Prefix6.format(last));
        }
        PoolCommon c = poolCommon(n, subnetChain);
        return new Pool6(first, last, c.poolId(), c.guard(), c.optionData(), c.ddns());
    }

    /**
     * A {@code pd-pools} entry with Kea's Pool6 and Option6PDExclude rules: prefix-len 1..128,
     * delegated-len at least prefix-len, and an excluded prefix longer than delegated-len that
     * shares the delegated prefix's first delegated-len bits (RFC 6603 §4.2).
     */
    private PdPool6 parsePdPool(KeaJson n) {
        n.requireMap();
        String text = n.requiredString("prefix");
        if (!n.has("prefix-len")) {
            throw n.error("missing parameter 'prefix-len'");
        }
        if (!n.has("delegated-len")) {
            throw n.error("missing parameter 'delegated-len'");
        }
        int len = (int) n.integer("prefix-len", 0, 0, 255);
        if (len == 0 || len > 128) {
            throw n.error("prefix-len", "Invalid prefix length: " + len);
        }
        BigInteger addr = address6(n.at("prefix"));
        Prefix6 written = new Prefix6(addr, len);
        Prefix6 prefix = written.masked();
        if (!prefix.equals(written)) {
            warnings.add(new ConfigWarning(n.pathOf("prefix"), "'" + text + "/" + len + "' has host bits set; using "
                    + prefix));
        }
        int delegated = (int) n.integer("delegated-len", 0, 0, 255);
        if (delegated > 128) {
            throw n.error("delegated-len", "Invalid delegated length: " + delegated);
        }
        if (len > delegated) {
            throw n.error("delegated-len", "Delegated length (" + delegated
                    + ") must be longer than or equal to prefix length (" + len + ")");
        }
        Prefix6 excluded = null;
        if (n.has("excluded-prefix") || n.has("excluded-prefix-len")) {
            BigInteger ex = n.has("excluded-prefix") ? address6(n.at("excluded-prefix")) : BigInteger.ZERO;
            int exLen = (int) n.integer("excluded-prefix-len", 0, 0, 255);
            if (ex.signum() == 0 && exLen == 0) {
                excluded = null;
            } else if (ex.signum() == 0 || exLen == 0) {
                throw n.error(exLen == 0 ? "excluded-prefix-len" : "excluded-prefix", "invalid excluded prefix "
                        + Prefix6.format(ex) + "/" + exLen + ": excluded-prefix and excluded-prefix-len go together");
            } else if (exLen > 128 || exLen <= delegated) {
                throw n.error("excluded-prefix-len", "length of the excluded prefix " + Prefix6.format(ex) + "/"
                        + exLen + " must be greater than the length of the delegated prefix "
                        + Prefix6.format(prefix.network()) + "/" + delegated);
            } else if (!ex.shiftRight(128 - delegated).equals(prefix.network().shiftRight(128 - delegated))) {
                throw n.error("excluded-prefix", "excluded prefix " + Prefix6.format(ex) + "/" + exLen
                        + " must have the same common prefix part of " + delegated + " as the delegated prefix "
                        + Prefix6.format(prefix.network()) + "/" + delegated);
            } else {
                excluded = new Prefix6(ex, exLen).masked();
            }
        }
        PoolCommon c = poolCommon(n, List.of());
        return new PdPool6(prefix, delegated, excluded, c.poolId(), c.guard(), c.optionData());
    }
}
