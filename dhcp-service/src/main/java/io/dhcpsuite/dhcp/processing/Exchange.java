package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.RelayAgentInfo;
import io.dhcpsuite.dhcp.classification.HostLookup;
import io.dhcpsuite.dhcp.classification.QueryView;
import io.dhcpsuite.dhcp.options.ClientNames;
import io.dhcpsuite.dhcp.selection.Selection;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One query on its way through the chain, and what the handlers learned about it. Confined to one
 * thread at a time: the receive thread, then (after SUSPEND) the lease client's thread.
 */
public final class Exchange {
    /** RFC 2131 §4.3.2 client states of a DHCPREQUEST. */
    public enum RequestState { SELECTING, INIT_REBOOT, RENEWING, REBINDING }

    final DhcpMessage query;
    final MessageType type;
    final Ingress ingress;
    final int remoteAddress;
    final int remotePort;
    final int length;
    RelayAgentInfo rai;
    ClientFqdn clientFqdn;
    QueryView view;
    final Set<String> classes = new LinkedHashSet<>();
    Selection selection;
    HostLookup.Host host;
    RequestState requestState;
    long validLifetime;
    ClientNames.Outcome names = ClientNames.Outcome.NONE;
    LeaseResult4 leaseResult;
    Throwable leaseFailure;
    MessageType replyType;
    int yiaddr;
    String nakMessage;
    DhcpMessage reply;
    InetSocketAddress destination;
    String dropReason;

    private HandlerChain chain;
    private int position;

    public Exchange(DhcpMessage query, Ingress ingress, int remoteAddress, int remotePort, int length) {
        this.query = query;
        this.type = query.messageType();
        this.ingress = ingress;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.length = length;
    }

    public DhcpMessage query() {
        return query;
    }

    public MessageType type() {
        return type;
    }

    public Set<String> classes() {
        return classes;
    }

    public Selection selection() {
        return selection;
    }

    public HostLookup.Host host() {
        return host;
    }

    public DhcpMessage reply() {
        return reply;
    }

    public InetSocketAddress destination() {
        return destination;
    }

    public String dropReason() {
        return dropReason;
    }

    public RequestState requestState() {
        return requestState;
    }

    /** Drops with a reason for the log line; returns DROP for {@code return ex.drop(...)}. */
    Outcome drop(String reason) {
        this.dropReason = reason;
        return Outcome.DROP;
    }

    void at(HandlerChain chain, int position) {
        this.chain = chain;
        this.position = position;
    }

    /** Continues the chain after the handler that returned SUSPEND; call exactly once. */
    void resume() {
        chain.run(this, position + 1);
    }

    /** Kea's client label: {@code [hwtype=1 aa:bb:..], cid=[..], tid=0x..}. */
    String label() {
        String cid = query.clientIdHex();
        return "[hwtype=" + query.htype() + " " + query.hwAddressHex() + "], cid=["
                + (cid == null ? "no info" : cid) + "], tid=0x" + Integer.toHexString(query.xid());
    }

    String remoteText() {
        return Ipv4.format(remoteAddress) + ":" + remotePort;
    }
}
