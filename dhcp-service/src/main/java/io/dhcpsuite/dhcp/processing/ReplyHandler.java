package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.OptionData;
import io.dhcpsuite.config.Pool4;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.dhcp.options.LeaseTimes;
import io.dhcpsuite.dhcp.options.OptionAssembler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the reply message. OFFER/ACK: yiaddr, server identifier (54), lease time (51), T1/T2
 * (58/59), subnet mask (1), configured options by Kea's precedence and option 55, client name
 * (81/12), siaddr/sname/file from next-server/server-hostname/boot-file-name (reservation, then
 * class, then subnet). INFORM gets an ACK with options and no lease fields. NAK carries only 54,
 * 56 (message), the echoed client id and option 82; a relayed NAK sets the broadcast bit
 * (RFC 2131 §4.3.2). Client id is echoed per RFC 6842 when {@code echo-client-id}; option 82 is
 * echoed unchanged and last (RFC 3046 §2.2).
 */
final class ReplyHandler implements Handler {
    /** Options the server sets itself; never taken from option-data. */
    private static final Set<Integer> OWN = Set.of(OptionCodes.MESSAGE_TYPE, OptionCodes.SERVER_ID,
            OptionCodes.LEASE_TIME, OptionCodes.RENEWAL_TIME, OptionCodes.REBINDING_TIME, OptionCodes.CLIENT_ID,
            OptionCodes.RELAY_AGENT_INFO, OptionCodes.CLIENT_FQDN, OptionCodes.HOST_NAME,
            OptionCodes.PARAMETER_REQUEST_LIST, OptionCodes.REQUESTED_ADDRESS, OptionCodes.OVERLOAD,
            OptionCodes.MESSAGE, OptionCodes.SUBNET_MASK);

    private final ServerSettings settings;

    ReplyHandler(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (ex.replyType == null) {
            if (ex.type != MessageType.INFORM) {
                return Outcome.DONE;
            }
            ex.replyType = MessageType.ACK;
        }
        DhcpMessage q = ex.query;
        DhcpMessage.Builder b = DhcpMessage.builder()
                .op(DhcpMessage.BOOTREPLY)
                .htype(q.htype())
                .hlen(q.hlen())
                .xid(q.xid())
                .flags(q.flags())
                .giaddr(q.giaddr())
                .chaddr(q.chaddr())
                .messageType(ex.replyType);
        int serverId = serverId(ex);
        if (serverId != 0) {
            b.optionAddress(OptionCodes.SERVER_ID, serverId);
        }
        if (ex.replyType == MessageType.NAK) {
            if (q.giaddr() != 0) {
                b.broadcast(true);
            }
            if (ex.nakMessage != null) {
                b.option(OptionCodes.MESSAGE, ex.nakMessage.getBytes(StandardCharsets.US_ASCII));
            }
        } else {
            fill(ex, b);
        }
        echo(ex, b);
        ex.reply = b.build();
        return Outcome.CONTINUE;
    }

    private void fill(Exchange ex, DhcpMessage.Builder b) {
        DhcpMessage q = ex.query;
        boolean inform = ex.type == MessageType.INFORM;
        Lease4 lease = inform || ex.leaseResult == null ? null : ex.leaseResult.lease();
        Subnet4 subnet = null;
        if (lease != null && settings.config() != null) {
            subnet = settings.config().subnet(lease.subnetId());
        }
        if (subnet == null && ex.selection != null) {
            subnet = ex.selection.subnet();
        }
        if (inform) {
            b.ciaddr(q.ciaddr());
        } else {
            b.yiaddr(ex.yiaddr);
            if (ex.type == MessageType.REQUEST) {
                b.ciaddr(q.ciaddr());
            }
        }
        if (lease != null) {
            b.optionUint32(OptionCodes.LEASE_TIME, lease.validLft());
            if (subnet != null) {
                LeaseTimes.Tee tee = LeaseTimes.tee(subnet.lifetimes(), lease.validLft());
                if (tee.t1() != null) {
                    b.optionUint32(OptionCodes.RENEWAL_TIME, tee.t1());
                }
                if (tee.t2() != null) {
                    b.optionUint32(OptionCodes.REBINDING_TIME, tee.t2());
                }
            }
        }
        Reservation4 res = reservationFor(ex, subnet);
        List<ClientClassDef> classDefs = settings.defsOf(ex.classes);
        List<List<OptionData>> scopes = new ArrayList<>();
        if (res != null) {
            scopes.add(res.optionData());
        }
        if (subnet != null) {
            int addr = inform ? q.ciaddr() : ex.yiaddr;
            for (Pool4 p : subnet.pools()) {
                if (p.contains(addr)) {
                    scopes.add(p.optionData());
                    break;
                }
            }
            scopes.add(subnet.optionData());
            scopes.add(subnet.sharedNetworkOptionData());
        }
        scopes.addAll(OptionAssembler.classScopes(classDefs));
        if (settings.config() != null) {
            scopes.add(settings.config().optionData());
        }
        byte[] configuredMask = first(scopes, OptionCodes.SUBNET_MASK);
        if (configuredMask != null) {
            b.option(OptionCodes.SUBNET_MASK, configuredMask);
        } else if (subnet != null) {
            b.optionAddress(OptionCodes.SUBNET_MASK, subnet.mask());
        }
        for (OptionAssembler.Chosen c : OptionAssembler.choose(scopes,
                q.option(OptionCodes.PARAMETER_REQUEST_LIST), ex.classes, OWN)) {
            b.option(c.code(), c.payload());
        }
        String generated = ex.names.generate() && lease != null && !lease.hostname().isEmpty() ? lease.hostname() : null;
        if (ex.names.fqdnReply() != null) {
            ClientFqdn fqdn = ex.names.fqdnReply();
            if (generated != null) {
                // the name lease-service generated from the address (Kea's generateFqdn), fully qualified
                fqdn = fqdn.withName(generated.endsWith(".") ? generated.substring(0, generated.length() - 1) : generated,
                        true);
            }
            b.option(OptionCodes.CLIENT_FQDN, fqdn.encode());
        } else if (generated != null) {
            b.option(OptionCodes.HOST_NAME, generated.getBytes(StandardCharsets.ISO_8859_1));
        } else if (ex.names.hostnameReply() != null) {
            b.option(OptionCodes.HOST_NAME, ex.names.hostnameReply().getBytes(StandardCharsets.ISO_8859_1));
        }
        bootFields(b, res, classDefs, subnet);
    }

    private static byte[] first(List<List<OptionData>> scopes, int code) {
        for (List<OptionData> scope : scopes) {
            if (scope == null) {
                continue;
            }
            for (OptionData o : scope) {
                if (o.code() == code && ("dhcp4".equals(o.space()) || o.space() == null) && !o.neverSend()) {
                    return o.encoded();
                }
            }
        }
        return null;
    }

    private Reservation4 reservationFor(Exchange ex, Subnet4 subnet) {
        if (ex.host == null) {
            return null;
        }
        if (ex.host.subnetId() == 0 || subnet == null || ex.host.subnetId() == subnet.id()) {
            return ex.host.reservation();
        }
        return null;
    }

    private static void bootFields(DhcpMessage.Builder b, Reservation4 res, List<ClientClassDef> classes, Subnet4 subnet) {
        int next = 0;
        String sname = "";
        String file = "";
        if (res != null) {
            next = res.nextServer();
            sname = nz(res.serverHostname());
            file = nz(res.bootFileName());
        }
        for (ClientClassDef c : classes) {
            if (next == 0) {
                next = c.nextServer();
            }
            if (sname.isEmpty()) {
                sname = nz(c.serverHostname());
            }
            if (file.isEmpty()) {
                file = nz(c.bootFileName());
            }
        }
        if (subnet != null) {
            if (next == 0) {
                next = subnet.nextServer();
            }
            if (sname.isEmpty()) {
                sname = nz(subnet.serverHostname());
            }
            if (file.isEmpty()) {
                file = nz(subnet.bootFileName());
            }
        }
        b.siaddr(next);
        if (!sname.isEmpty() && sname.length() < DhcpMessage.SNAME_LEN) {
            b.sname(sname);
        }
        if (!file.isEmpty() && file.length() < DhcpMessage.FILE_LEN) {
            b.file(file);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void echo(Exchange ex, DhcpMessage.Builder b) {
        boolean echoClientId = settings.config() == null || settings.config().echoClientId();
        byte[] clientId = ex.query.option(OptionCodes.CLIENT_ID);
        if (echoClientId && clientId != null) {
            b.option(OptionCodes.CLIENT_ID, clientId);
        }
        byte[] rai = ex.query.option(OptionCodes.RELAY_AGENT_INFO);
        if (rai != null) {
            b.option(OptionCodes.RELAY_AGENT_INFO, rai);
        }
    }

    /** Option 54: the relay's override (RFC 5107) if present, else the receiving socket's address. */
    static int serverId(Exchange ex) {
        Integer override = ex.rai == null ? null : ex.rai.serverIdOverride();
        if (override != null) {
            return override;
        }
        return ex.ingress.serverId();
    }

    static String text(int addr) {
        return Ipv4.format(addr);
    }
}
