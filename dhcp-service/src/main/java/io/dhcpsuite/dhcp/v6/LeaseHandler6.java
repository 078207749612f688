package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.IaAddress;
import io.dhcpsuite.codec.IaNa;
import io.dhcpsuite.codec.IaPd;
import io.dhcpsuite.codec.IaPrefix;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Subnet6;
import io.dhcpsuite.dhcp.options.ClientNames;
import io.dhcpsuite.dhcp.v6.leaseclient.Lease6Client;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the IA_NA and IA_PD options of the query into one {@link LeaseOp6} for lease-service and
 * SUSPENDs until its answer; the chain resumes on the lease client's thread. SOLICIT asks for an
 * ADVERTISE (or, with rapid commit that the subnet allows, an ASSIGN), REQUEST for an ASSIGN,
 * RENEW, REBIND, RELEASE and DECLINE for themselves. The lifetimes are decided here (client hints
 * within the subnet's bounds); the reserved addresses and prefixes of the client's reservation go
 * to its IAs in order. Without a subnet nothing is asked: SOLICIT and REQUEST get NoAddrsAvail /
 * NoPrefixAvail, RENEW NoBinding, and a REBIND is dropped (RFC 8415 §18.3.5: the server cannot
 * tell whether the addresses suit the link). CONFIRM, INFORMATION-REQUEST and a query without IAs
 * go on without lease-service. The op carries the client's name and DNS directions from option 39
 * ({@link ClientFqdnHandler6}), which the leases store.
 */
final class LeaseHandler6 implements Handler6 {
    private static final AtomicLong IDS = new AtomicLong();
    private final Dhcp6Settings settings;
    private final Lease6Client leases;

    LeaseHandler6(Dhcp6Settings settings, Lease6Client leases) {
        this.settings = settings;
        this.leases = leases;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        LeaseOp6.Kind kind = switch (ex.type) {
            case SOLICIT -> ex.query.rapidCommit() && ex.subnet != null && ex.subnet.rapidCommit()
                    ? LeaseOp6.Kind.ASSIGN : LeaseOp6.Kind.ADVERTISE;
            case REQUEST -> LeaseOp6.Kind.ASSIGN;
            case RENEW -> LeaseOp6.Kind.RENEW;
            case REBIND -> LeaseOp6.Kind.REBIND;
            case RELEASE -> LeaseOp6.Kind.RELEASE;
            case DECLINE -> LeaseOp6.Kind.DECLINE;
            default -> null;
        };
        if (kind == null) {
            return Outcome6.CONTINUE;
        }
        ex.rapidCommit = ex.type == io.dhcpsuite.codec.Dhcp6MessageType.SOLICIT && kind == LeaseOp6.Kind.ASSIGN;
        List<LeaseOp6.Ia> ias = ias(ex, kind);
        if (ias.isEmpty()) {
            return Outcome6.CONTINUE;
        }
        if (ex.subnet == null && kind != LeaseOp6.Kind.RELEASE && kind != LeaseOp6.Kind.DECLINE) {
            if (kind == LeaseOp6.Kind.REBIND) {
                return ex.drop("DHCP6_PACKET_DROP_NO_SUBNET REBIND from a link without a subnet");
            }
            List<LeaseResult6.IaResult> out = new ArrayList<>();
            for (LeaseOp6.Ia ia : ias) {
                LeaseResult6.IaStatus st = kind == LeaseOp6.Kind.RENEW ? LeaseResult6.IaStatus.NO_BINDING
                        : Lease6.IA_PD.equals(ia.type()) ? LeaseResult6.IaStatus.NO_PREFIX_AVAIL
                        : LeaseResult6.IaStatus.NO_ADDRS_AVAIL;
                out.add(new LeaseResult6.IaResult(ia.type(), ia.iaid(), st, List.of(), null));
            }
            ex.leaseResult = new LeaseResult6(0, LeaseResult6.Status.OK, out, "no subnet selected");
            return Outcome6.CONTINUE;
        }
        List<Long> subnetIds = new ArrayList<>(ex.candidates.size());
        for (Subnet6 s : ex.candidates) {
            subnetIds.add(s.id());
        }
        ClientNames.Outcome6 n = ex.names;
        LeaseOp6 op = n == null
                ? new LeaseOp6(IDS.incrementAndGet(), kind, subnetIds, ex.clientId.toHex(), ex.hwAddress, ias,
                        new ArrayList<>(ex.classes), null, false, false, false)
                : new LeaseOp6(IDS.incrementAndGet(), kind, subnetIds, ex.clientId.toHex(), ex.hwAddress, ias,
                        new ArrayList<>(ex.classes), n.leaseHostname(), n.forward(), n.reverse(), n.generate());
        boolean queued = leases.submit(op, (result, failure) -> {
            ex.leaseResult = result;
            ex.leaseFailure = failure;
            ex.resume();
        });
        if (!queued) {
            return ex.drop("DHCP6_PACKET_DROP_QUEUE_FULL lease queue full: lease-service is slow or down");
        }
        return Outcome6.SUSPEND;
    }

    private List<LeaseOp6.Ia> ias(Exchange6 ex, LeaseOp6.Kind kind) {
        List<LeaseOp6.Ia> out = new ArrayList<>();
        boolean lifetimes = kind != LeaseOp6.Kind.RELEASE && kind != LeaseOp6.Kind.DECLINE && ex.subnet != null;
        int na = 0;
        int pd = 0;
        for (Dhcp6Option o : ex.query.options()) {
            if (o.code() == OptionCodes6.IA_NA) {
                IaNa ia = IaNa.from(o);
                List<LeaseOp6.Prefix> hints = new ArrayList<>();
                long hp = 0;
                long hv = 0;
                for (IaAddress a : ia.addresses()) {
                    hints.add(new LeaseOp6.Prefix(Ipv6.format(a.address().getAddress()), 128));
                    if (hp == 0 && hv == 0) {
                        hp = a.preferredLifetime();
                        hv = a.validLifetime();
                    }
                }
                List<LeaseOp6.Prefix> reserved = List.of();
                if (ex.host != null && na < ex.host.ipAddresses().size()) {
                    BigInteger r = ex.host.ipAddresses().get(na);
                    reserved = List.of(new LeaseOp6.Prefix(Prefix6.format(r), 128));
                }
                na++;
                long[] lt = lifetimes ? Lifetimes6.of(ex.subnet, settings.config(), ex.classes, hp, hv) : new long[2];
                out.add(new LeaseOp6.Ia(Lease6.IA_NA, ia.iaid(), hints, reserved,
                        reserved.isEmpty() ? 0 : reservedSubnet(ex), lt[0], lt[1]));
            } else if (o.code() == OptionCodes6.IA_PD) {
                IaPd ia = IaPd.from(o);
                List<LeaseOp6.Prefix> hints = new ArrayList<>();
                long hp = 0;
                long hv = 0;
                for (IaPrefix p : ia.prefixes()) {
                    hints.add(new LeaseOp6.Prefix(Ipv6.format(p.prefix().getAddress()), p.prefixLength()));
                    if (hp == 0 && hv == 0) {
                        hp = p.preferredLifetime();
                        hv = p.validLifetime();
                    }
                }
                List<LeaseOp6.Prefix> reserved = List.of();
                if (ex.host != null && pd < ex.host.prefixes().size()) {
                    Prefix6 r = ex.host.prefixes().get(pd);
                    reserved = List.of(new LeaseOp6.Prefix(Prefix6.format(r.network()), r.length()));
                }
                pd++;
                long[] lt = lifetimes ? Lifetimes6.of(ex.subnet, settings.config(), ex.classes, hp, hv) : new long[2];
                out.add(new LeaseOp6.Ia(Lease6.IA_PD, ia.iaid(), hints, reserved,
                        reserved.isEmpty() ? 0 : reservedSubnet(ex), lt[0], lt[1]));
            }
        }
        return out;
    }

    private static long reservedSubnet(Exchange6 ex) {
        return ex.hostSubnetId != 0 ? ex.hostSubnetId : ex.subnet == null ? 0 : ex.subnet.id();
    }
}
