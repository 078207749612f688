package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.ddns.Dhcid;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.ClientFqdn6;
import io.dhcpsuite.codec.Dhcp6Decoder;
import io.dhcpsuite.codec.Dhcp6Encoder;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.IaAddress;
import io.dhcpsuite.codec.IaNa;
import io.dhcpsuite.codec.IaPd;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.dhcp.stats.Packet6Stats;
import io.dhcpsuite.dhcp.v6.leaseclient.Lease6Client;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Option 39 and the NameChangeRequests of the DHCPv6 chain, end to end inside dhcp-service: real
 * queries through the whole chain, a lease step that keeps names as lease-service does (the
 * earlier state of a renewed or released lease comes back as {@code previous}), and the NCRs
 * read off a real UDP socket standing in for ddns-service.
 */
class Ddns6PipelineTest {
    private static final Duid SERVER = Duid.llt(1, 1, new byte[] {2, 0, 0, 0, 0, 7});
    private static final Duid CLIENT = Duid.ll(1, new byte[] {2, 0, 0, 0, 0, 0x39});
    private final DatagramSocket d2;
    private final NcrSender sender;
    private final Map<String, Lease6> leases = new HashMap<>();
    private final AtomicReference<Dhcp6Message> reply = new AtomicReference<>();
    private final Dhcp6Processor processor;

    Ddns6PipelineTest() throws Exception {
        d2 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        d2.setSoTimeout(2000);
        sender = new NcrSender(new InetSocketAddress("127.0.0.1", d2.getLocalPort()), null, 64, null, "ncr-");
        String config = """
                {"Dhcp6": {
                  "interfaces-config": {"interfaces": ["lo/::1"]},
                  "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d},
                  "ddns-qualifying-suffix": "example.org", "ddns-ttl-percent": 0.5,
                  "ddns-conflict-resolution-mode": "check-exists-with-dhcid",
                  "subnet6": [
                    {"id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                     "pools": [{"pool": "2001:db8:1::100 - 2001:db8:1::1ff"},
                               {"pool": "2001:db8:1::200 - 2001:db8:1::2ff", "ddns-send-updates": false}],
                     "pd-pools": [{"prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56}]}
                  ]
                }}
                """.formatted(d2.getLocalPort());
        Dhcp6Settings settings = Dhcp6Settings.of(KeaConfigLoader.parse(config, null).dhcp6(), SERVER, 547, 546);
        processor = new Dhcp6Processor(settings, leaseStep(), new Packet6Stats(new Statistics(Clock.systemUTC())), sender);
    }

    @AfterEach
    void close() {
        sender.close();
        d2.close();
    }

    /**
     * One address per IA_NA (the client's hint, else ::100) and one prefix per IA_PD; names kept as
     * lease-service keeps them, generated names made from the address.
     */
    private Lease6Client leaseStep() {
        return (op, callback) -> {
            List<LeaseResult6.IaResult> out = new ArrayList<>();
            for (LeaseOp6.Ia ia : op.ias()) {
                boolean pd = Lease6.IA_PD.equals(ia.type());
                String addr = !ia.hints().isEmpty() ? ia.hints().get(0).address() : pd ? "2001:db8:8:100::" : "2001:db8:1::100";
                addr = Prefix6.format(Prefix6.address(addr));
                Lease6 old = leases.get(addr);
                List<Lease6> previous = old != null && old.hostname() != null && !old.hostname().isEmpty()
                        ? List.of(old) : null;
                if (op.kind() == LeaseOp6.Kind.RELEASE) {
                    leases.remove(addr);
                    out.add(new LeaseResult6.IaResult(ia.type(), ia.iaid(), LeaseResult6.IaStatus.SUCCESS,
                            old == null ? List.of() : List.of(old), previous));
                    continue;
                }
                String host = op.hostname() == null ? "" : op.hostname();
                if (op.generateHostname() && !pd) {
                    host = "myhost-" + addr.replace(':', '-') + ".example.org.";
                }
                Lease6 l = new Lease6(addr, ia.type(), pd ? 56 : 128, op.duid(), ia.iaid(), 1, null, 3000, 4000,
                        1_700_000_000L, null, op.fqdnFwd(), op.fqdnRev(), host, 0, null);
                if (op.kind() != LeaseOp6.Kind.ADVERTISE) {
                    leases.put(addr, l);
                }
                out.add(new LeaseResult6.IaResult(ia.type(), ia.iaid(), LeaseResult6.IaStatus.SUCCESS, List.of(l),
                        op.kind() == LeaseOp6.Kind.ADVERTISE ? null : previous));
            }
            callback.done(new LeaseResult6(op.id(), LeaseResult6.Status.OK, out, null), null);
            return true;
        };
    }

    private Dhcp6Message send(Dhcp6MessageType type, ClientFqdn6 fqdn, String address, boolean withPd) throws Exception {
        List<IaAddress> hints = address == null ? List.of() : List.of(new IaAddress(v6(address), 0, 0));
        Dhcp6Message.Builder b = Dhcp6Message.builder().type(type).transactionId(0x39).clientId(CLIENT)
                .iaNa(IaNa.of(1, 0, 0, hints, null));
        if (withPd) {
            b.iaPd(IaPd.of(2, 0, 0, List.of(), null));
        }
        if (type != Dhcp6MessageType.SOLICIT && type != Dhcp6MessageType.REBIND) {
            b.serverId(SERVER);
        }
        if (fqdn != null) {
            b.clientFqdn(fqdn);
        }
        byte[] q = Dhcp6Encoder.encode(b.build());
        reply.set(null);
        Ingress6 ingress = new Ingress6("lo", Ipv6.parse("::1"), (datagram, destination) -> {
            byte[] r = new byte[datagram.remaining()];
            datagram.get(r);
            try {
                reply.set(Dhcp6Decoder.decode(r));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        processor.process(q, 0, q.length, ingress, new InetSocketAddress(v6("::1"), 546));
        assertThat(reply.get()).as(type + " answered").isNotNull();
        return reply.get();
    }

    private Ncr ncr() throws Exception {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        d2.receive(p);
        return NcrCodec.fromDatagram(buf, 0, p.getLength());
    }

    private void noNcr() throws Exception {
        d2.setSoTimeout(300);
        try {
            Ncr unexpected = ncr();
            throw new AssertionError("unexpected NCR " + unexpected);
        } catch (SocketTimeoutException expected) {
            // nothing sent
        } finally {
            d2.setSoTimeout(2000);
        }
    }

    @Test
    void namesAreAnsweredAddedOnCommitAndRemovedWhenTheyChangeOrTheLeaseEnds() throws Exception {
        ClientFqdn6 pc = new ClientFqdn6(true, false, false, "pc", false);
        Dhcp6Message adv = send(Dhcp6MessageType.SOLICIT, pc, null, true);
        assertThat(adv.messageType()).isEqualTo(Dhcp6MessageType.ADVERTISE);
        assertThat(adv.clientFqdn()).isEqualTo(new ClientFqdn6(true, false, false, "pc.example.org", true));
        noNcr();

        Dhcp6Message rep = send(Dhcp6MessageType.REQUEST, pc, "2001:db8:1::100", true);
        assertThat(rep.clientFqdn().fqdnText()).isEqualTo("pc.example.org.");
        Ncr add = ncr();
        assertThat(add.isAdd()).isTrue();
        assertThat(add.fqdn()).isEqualTo("pc.example.org.");
        assertThat(add.ipAddress()).isEqualTo("2001:db8:1::100");
        assertThat(add.forwardChange() && add.reverseChange()).isTrue();
        // RFC 4701 identifier type 2: the DUID
        assertThat(add.dhcid()).isEqualTo(Dhcid.toHex(Dhcid.fromDuid(CLIENT.bytes(), "pc.example.org.")));
        assertThat(add.leaseLength()).isEqualTo(2000);
        assertThat(add.conflictResolutionMode()).isEqualTo("check-exists-with-dhcid");
        // one NCR only: the delegated prefix gets none
        noNcr();

        // renewed unchanged: nothing (ddns-update-on-renew is off)
        send(Dhcp6MessageType.RENEW, pc, "2001:db8:1::100", false);
        noNcr();

        // renamed, fully qualified: the old name goes, the new one comes
        send(Dhcp6MessageType.RENEW, new ClientFqdn6(true, false, false, "laptop.example.org", true), "2001:db8:1::100", false);
        Ncr remove = ncr();
        assertThat(remove.isAdd()).isFalse();
        assertThat(remove.fqdn()).isEqualTo("pc.example.org.");
        Ncr readd = ncr();
        assertThat(readd.isAdd()).isTrue();
        assertThat(readd.fqdn()).isEqualTo("laptop.example.org.");

        send(Dhcp6MessageType.RELEASE, null, "2001:db8:1::100", false);
        Ncr released = ncr();
        assertThat(released.isAdd()).isFalse();
        assertThat(released.fqdn()).isEqualTo("laptop.example.org.");
        assertThat(released.dhcid()).isEqualTo(readd.dhcid());
    }

    @Test
    void clientUpdatingForwardItselfGetsReverseOnlyAndNoUpdateMeansNone() throws Exception {
        Dhcp6Message rep = send(Dhcp6MessageType.REQUEST, new ClientFqdn6(false, false, false, "self", false),
                "2001:db8:1::101", false);
        assertThat(rep.clientFqdn().s()).isFalse();
        assertThat(rep.clientFqdn().n()).isFalse();
        Ncr rev = ncr();
        assertThat(rev.forwardChange()).isFalse();
        assertThat(rev.reverseChange()).isTrue();

        Dhcp6Message none = send(Dhcp6MessageType.REQUEST, new ClientFqdn6(false, false, true, "quiet", false),
                "2001:db8:1::102", false);
        assertThat(none.clientFqdn().n()).isTrue();
        noNcr();

        // a pool with ddns-send-updates false: the lease is served, its name is not added
        Dhcp6Message off = send(Dhcp6MessageType.REQUEST, new ClientFqdn6(true, false, false, "off", false),
                "2001:db8:1::200", false);
        assertThat(off.iaNa().get(0).addresses()).isNotEmpty();
        noNcr();
    }

    @Test
    void anEmptyNameIsAnsweredWithTheGeneratedOne() throws Exception {
        Dhcp6Message rep = send(Dhcp6MessageType.REQUEST, new ClientFqdn6(true, false, false, "", false),
                "2001:db8:1::103", false);
        assertThat(rep.clientFqdn().fqdnText()).isEqualTo("myhost-2001-db8-1--103.example.org.");
        assertThat(ncr().fqdn()).isEqualTo("myhost-2001-db8-1--103.example.org.");
    }

    @Test
    void withoutOption39TheReplyHasNoneAndNothingIsSent() throws Exception {
        Dhcp6Message rep = send(Dhcp6MessageType.REQUEST, null, "2001:db8:1::104", false);
        assertThat(rep.clientFqdn()).isNull();
        noNcr();
    }

    private static Inet6Address v6(String s) {
        try {
            return (Inet6Address) InetAddress.getByAddress(Ipv6.parse(s));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
