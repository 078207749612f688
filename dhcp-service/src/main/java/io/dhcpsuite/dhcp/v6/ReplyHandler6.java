package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.codec.ClientFqdn6;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.Dhcp6StatusCode;
import io.dhcpsuite.codec.IaAddress;
import io.dhcpsuite.codec.IaNa;
import io.dhcpsuite.codec.IaPd;
import io.dhcpsuite.codec.IaPrefix;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.codec.PdExclude;
import io.dhcpsuite.config.OptionData;
import io.dhcpsuite.config.PdPool6;
import io.dhcpsuite.config.Pool6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Subnet6;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the answer: ADVERTISE for a SOLICIT (REPLY with rapid-commit when the lease step
 * committed), REPLY otherwise; the client and server identifiers, one IA_NA / IA_PD per IA of the
 * query in its order with the leases and T1/T2, or the status lease-service decided
 * (NoAddrsAvail, NoPrefixAvail, NoBinding, NotOnLink); for RELEASE a summary status; for CONFIRM
 * Success or NotOnLink (no answer when no address was given or no subnet is known, RFC 8415
 * §18.3.3); the answer to the client's option 39; then the configured options ({@link Options6}). A failed lease step drops the query:
 * nothing is answered that is not durable.
 */
final class ReplyHandler6 implements Handler6 {
    private final Dhcp6Settings settings;

    ReplyHandler6(Dhcp6Settings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        if (ex.leaseFailure != null) {
            return ex.drop("DHCP6_PACKET_DROP_LEASE_FAIL lease-service: " + ex.leaseFailure.getMessage());
        }
        if (ex.leaseResult != null && ex.leaseResult.status() == LeaseResult6.Status.ERROR) {
            return ex.drop("DHCP6_PACKET_DROP_LEASE_FAIL lease-service: " + ex.leaseResult.message());
        }
        Dhcp6MessageType replyType = ex.type == Dhcp6MessageType.SOLICIT && !ex.rapidCommit
                ? Dhcp6MessageType.ADVERTISE : Dhcp6MessageType.REPLY;
        Dhcp6Message.Builder b = Dhcp6Message.replyTo(ex.query, replyType);
        b.add(settings.serverIdOption());
        if (ex.type == Dhcp6MessageType.CONFIRM) {
            Dhcp6StatusCode st = confirm(ex);
            if (st == null) {
                return ex.drop("DHCP6_CONFIRM_NO_ANSWER no address to confirm or no subnet for the link");
            }
            b.statusCode(st);
        }
        List<OptionData> poolOptions = List.of();
        if (ex.leaseResult != null) {
            poolOptions = addIas(ex, b);
        }
        if (ex.rapidCommit) {
            b.rapidCommit();
        }
        if (ex.names != null && ex.names.fqdnReply() != null) {
            b.add(fqdnReply(ex).toOption());
        }
        if (ex.type == Dhcp6MessageType.RELEASE) {
            boolean any = ex.leaseResult != null && ex.leaseResult.ias().stream()
                    .anyMatch(r -> r.status() == LeaseResult6.IaStatus.NO_BINDING);
            b.statusCode(new Dhcp6StatusCode(any ? Dhcp6StatusCode.NO_BINDING : Dhcp6StatusCode.SUCCESS,
                    any ? "some bindings were not found" : "all bindings released"));
        }
        for (Dhcp6Option o : Options6.select(settings.config(), ex, poolOptions)) {
            b.add(o);
        }
        ex.reply = b.build();
        return Outcome6.CONTINUE;
    }

    /** The IAs of the reply, in the query's order; returns the option-data of the first lease's pool. */
    private List<OptionData> addIas(Exchange6 ex, Dhcp6Message.Builder b) {
        List<OptionData> poolOptions = null;
        boolean pdExclude = ex.query.oro().contains(OptionCodes6.PD_EXCLUDE);
        for (LeaseResult6.IaResult r : ex.leaseResult.ias()) {
            Dhcp6StatusCode status = status(ex, r);
            List<Lease6> leases = r.leases() == null ? List.of() : r.leases();
            Subnet6 subnet = leases.isEmpty() ? ex.subnet : subnetOf(ex, leases.get(0).subnetId());
            if (poolOptions == null && !leases.isEmpty() && leases.get(0).validLft() > 0) {
                poolOptions = poolOptions(subnet, leases.get(0));
                if (subnet != null) {
                    ex.subnet = subnet;
                }
            }
            long minPreferred = Long.MAX_VALUE;
            for (Lease6 l : leases) {
                if (l.validLft() > 0) {
                    minPreferred = Math.min(minPreferred, l.preferredLft());
                }
            }
            boolean listLeases = ex.type != Dhcp6MessageType.DECLINE && ex.type != Dhcp6MessageType.RELEASE;
            long[] tee = minPreferred == Long.MAX_VALUE || subnet == null || !listLeases
                    ? new long[2] : Lifetimes6.teeTimes(subnet, minPreferred);
            if (Lease6.IA_PD.equals(r.type())) {
                List<IaPrefix> prefixes = new ArrayList<>();
                if (listLeases) {
                    for (Lease6 l : leases) {
                        Inet6Address p = address(l.ipAddress());
                        List<Dhcp6Option> sub = List.of();
                        PdPool6 pool = pdPoolOf(subnet, l);
                        if (pdExclude && pool != null && pool.excludedPrefix() != null && l.validLft() > 0
                                && pool.excludedPrefix().length() > l.prefixLen()) {
                            sub = List.of(PdExclude.of(p, l.prefixLen(), excludedIn(l, pool.excludedPrefix()),
                                    pool.excludedPrefix().length()).toOption());
                        }
                        prefixes.add(new IaPrefix(l.preferredLft(), l.validLft(), l.prefixLen(), p, sub));
                    }
                }
                b.iaPd(IaPd.of(r.iaid(), tee[0], tee[1], prefixes, status));
            } else {
                List<IaAddress> addresses = new ArrayList<>();
                if (listLeases) {
                    for (Lease6 l : leases) {
                        addresses.add(new IaAddress(address(l.ipAddress()), l.preferredLft(), l.validLft()));
                    }
                }
                b.iaNa(IaNa.of(r.iaid(), tee[0], tee[1], addresses, status));
            }
        }
        return poolOptions == null ? List.of() : poolOptions;
    }

    /**
     * The reply's option 39. A generated name is the one lease-service stored in the first IA_NA
     * lease (Kea's generateFqdn); with no address to make it from, the empty partial name stays.
     */
    private static ClientFqdn6 fqdnReply(Exchange6 ex) {
        ClientFqdn6 reply = ex.names.fqdnReply();
        if (!ex.names.generate() || ex.leaseResult == null) {
            return reply;
        }
        for (LeaseResult6.IaResult r : ex.leaseResult.ias()) {
            if (Lease6.IA_NA.equals(r.type()) && r.leases() != null) {
                for (Lease6 l : r.leases()) {
                    if (l.validLft() > 0 && l.hostname() != null && !l.hostname().isEmpty()) {
                        return reply.withName(l.hostname(), true);
                    }
                }
            }
        }
        return reply;
    }

    /** The IA's status option: none for a plain success of an assignment or an extension. */
    private static Dhcp6StatusCode status(Exchange6 ex, LeaseResult6.IaResult r) {
        return switch (r.status()) {
            case SUCCESS -> switch (ex.type) {
                case RELEASE -> new Dhcp6StatusCode(Dhcp6StatusCode.SUCCESS, "lease released");
                case DECLINE -> new Dhcp6StatusCode(Dhcp6StatusCode.SUCCESS, "lease declined");
                default -> null;
            };
            case NO_ADDRS_AVAIL -> new Dhcp6StatusCode(Dhcp6StatusCode.NO_ADDRS_AVAIL, "no addresses available");
            case NO_PREFIX_AVAIL -> new Dhcp6StatusCode(Dhcp6StatusCode.NO_PREFIX_AVAIL, "no prefixes available");
            case NO_BINDING -> new Dhcp6StatusCode(Dhcp6StatusCode.NO_BINDING, "no binding for this DUID and IAID");
            case NOT_ON_LINK -> new Dhcp6StatusCode(Dhcp6StatusCode.NOT_ON_LINK, "address not on this link");
        };
    }

    /** Success when every address of the IA_NAs lies in a subnet of the link, NotOnLink otherwise; null: no answer. */
    private static Dhcp6StatusCode confirm(Exchange6 ex) {
        if (ex.subnet == null) {
            return null;
        }
        int n = 0;
        boolean onLink = true;
        for (IaNa ia : ex.query.iaNa()) {
            for (IaAddress a : ia.addresses()) {
                n++;
                BigInteger addr = new BigInteger(1, a.address().getAddress());
                if (ex.candidates.stream().noneMatch(s -> s.contains(addr))) {
                    onLink = false;
                }
            }
        }
        if (n == 0) {
            return null;
        }
        return onLink ? new Dhcp6StatusCode(Dhcp6StatusCode.SUCCESS, "all addresses are on-link")
                : new Dhcp6StatusCode(Dhcp6StatusCode.NOT_ON_LINK, "some addresses are not on-link");
    }

    private Subnet6 subnetOf(Exchange6 ex, long id) {
        for (Subnet6 s : ex.candidates) {
            if (s.id() == id) {
                return s;
            }
        }
        Subnet6 s = settings.config().subnet(id);
        return s != null ? s : ex.subnet;
    }

    private static List<OptionData> poolOptions(Subnet6 subnet, Lease6 lease) {
        if (subnet == null) {
            return List.of();
        }
        if (lease.isPrefix()) {
            PdPool6 p = pdPoolOf(subnet, lease);
            return p == null ? List.of() : p.optionData();
        }
        BigInteger a = Prefix6.address(lease.ipAddress());
        for (Pool6 p : subnet.pools()) {
            if (p.contains(a)) {
                return p.optionData();
            }
        }
        return List.of();
    }

    private static PdPool6 pdPoolOf(Subnet6 subnet, Lease6 lease) {
        if (subnet == null) {
            return null;
        }
        Prefix6 delegated = new Prefix6(Prefix6.address(lease.ipAddress()), lease.prefixLen());
        for (PdPool6 p : subnet.pdPools()) {
            if (p.prefix().contains(delegated)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The excluded prefix inside one delegated prefix: as Kea's pd-exclude (RFC 6603) carries only
     * the bits between the delegated and the excluded length, the configured excluded prefix
     * stands for those bits, applied to every prefix the pool delegates.
     */
    private static Inet6Address excludedIn(Lease6 delegated, Prefix6 excluded) {
        BigInteger all = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        BigInteger bits = all.shiftRight(delegated.prefixLen()).xor(all.shiftRight(excluded.length()));
        BigInteger network = Prefix6.address(delegated.ipAddress()).andNot(all.shiftRight(delegated.prefixLen()));
        return address(Prefix6.format(network.or(excluded.network().and(bits))));
    }

    private static Inet6Address address(String text) {
        try {
            return (Inet6Address) InetAddress.getByAddress(Ipv6.parse(text));
        } catch (UnknownHostException | ClassCastException e) {
            throw new IllegalArgumentException("lease-service returned '" + text + "', not an IPv6 address");
        }
    }
}
