package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv4;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code subnet4}, {@code shared-networks} and their pools, with effective parameters resolved
 * through the chain pool → subnet → shared network → global; what the families share (numbering,
 * shared networks, the checks of the subnet set) is in {@link NetworkParser}.
 */
final class SubnetParser extends NetworkParser<Subnet4, SharedNetwork4> {

    SubnetParser(List<ConfigWarning> warnings, OptionParser options, ReservationParser reservations,
                 ClientClassParser classes, DdnsParser ddns, boolean haLoaded) {
        super(Family.V4, warnings, options, reservations, classes, ddns, haLoaded);
    }

    @Override
    SharedNetwork4 network(String name, List<Long> subnetIds, List<OptionData> optionData) {
        return new SharedNetwork4(name, subnetIds, optionData);
    }

    @Override
    long id(Subnet4 subnet) {
        return subnet.id();
    }

    @Override
    Object prefixKey(Subnet4 s) {
        return (Integer.toUnsignedLong(s.prefix()) << 6) | s.prefixLength();
    }

    @Override
    String prefixText(Subnet4 s) {
        return s.text();
    }

    @Override
    List<Range> ranges(Subnet4 s) {
        return addRanges(new ArrayList<>(), s.pools(), SubnetParser::range);
    }

    private static Range range(Pool4 p, int index) {
        return new Range("pools", index, "pool", BigInteger.valueOf(Integer.toUnsignedLong(p.first())),
                BigInteger.valueOf(Integer.toUnsignedLong(p.last())), Ipv4.format(p.first()) + " - " + Ipv4.format(p.last()));
    }

    @Override
    Subnet4 parseSubnet(KeaJson s, KeaJson net, List<KeaJson> parents, String network,
                        List<OptionData> networkOptions) {
        s.requireMap();
        List<KeaJson> chain = chain(s, parents);
        long id = subnetId(s);
        String text = subnetText(s);
        int[] prefix = parsePrefix(text, s.pathOf("subnet"));
        int mask = Ipv4.mask(prefix[1]);
        if ((prefix[0] & ~mask) != 0) {
            // Kea accepts host bits silently; the suite uses the network address
            warnings.add(new ConfigWarning(s.pathOf("subnet"), "'" + text + "' has host bits set; using "
                    + Ipv4.format(prefix[0] & mask) + "/" + prefix[1]));
        }
        int network4 = prefix[0] & mask;
        int len = prefix[1];

        List<Pool4> pools = parsePools(s, "pools", new ArrayList<>(), pn -> parsePool(pn, chain), SubnetParser::range,
                p -> Ipv4.inPrefix(p.first(), network4, len) && Ipv4.inPrefix(p.last(), network4, len),
                Ipv4.format(network4) + "/" + len);

        List<Integer> relays = relayAddresses(chain, KeaJson::asIpv4);
        // interface and the class guard come from the subnet, else its shared network, never global
        List<KeaJson> own = own(s, net);
        String iface = ownString(own, "interface");
        List<OptionData> opts = options.parseData(s.at("option-data"));
        List<Reservation4> res = reservations.parse(s.at("reservations"), new int[] {network4, len});
        Lifetimes lifetimes = Inherited.lifetimes(chain, warnings);
        boolean matchClientId = Inherited.bool(chain, "match-client-id", true);
        boolean authoritative = Inherited.bool(chain, "authoritative", false);
        List<String> guard = guard(own);
        int nextServer = 0;
        String serverHostname = "";
        String bootFileName = "";
        KeaJson l = Inherited.find(chain, "next-server");
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
        return new Subnet4(id, network4, len, network, pools, relays, iface, opts,
                networkOptions, res, lifetimes, matchClientId, authoritative, guard, nextServer,
                serverHostname, bootFileName, Inherited.allocator(chain), flags[0], flags[1], flags[2],
                ddns.params(chain), haServerName(own));
    }

    /** {@code user-context.ha-server-name} of the subnet, else of its shared network (Kea's hub-and-spoke). */
    static String haServerName(List<KeaJson> levels) {
        for (KeaJson level : levels) {
            tools.jackson.databind.JsonNode v = level.node().path("user-context").path("ha-server-name");
            if (v.isString() && !v.asString().isEmpty()) {
                return v.asString();
            }
        }
        return null;
    }

    private Pool4 parsePool(KeaJson n, List<KeaJson> subnetChain) {
        String[] text = poolText(n);
        int first;
        int last;
        try {
            if (text.length == 2) {
                first = Ipv4.parse(text[0]);
                last = Ipv4.parse(text[1]);
            } else {
                int[] pr = parsePrefix(text[0], n.pathOf("pool"));
                int m = Ipv4.mask(pr[1]);
                first = pr[0] & m;
                last = first | ~m;
            }
        } catch (IllegalArgumentException e) {
            throw n.error("pool", e.getMessage());
        }
        if (Integer.compareUnsigned(first, last) > 0) {
            throw n.error("pool", "first address " + Ipv4.format(first)
                    + " is greater than last address " + Ipv4.format(last));
        }
        PoolCommon c = poolCommon(n, subnetChain);
        return new Pool4(first, last, c.poolId(), c.guard(), c.optionData(), c.ddns());
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
