package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.config.Reservation6;
import io.dhcpsuite.config.Subnet6;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One DHCPv6 query on its way through the chain, and what the handlers learned about it. Confined
 * to one thread at a time: the receive thread, then (after SUSPEND) the lease client's thread.
 */
public final class Exchange6 {
    final Dhcp6Message query;
    final Dhcp6MessageType type;
    final Ingress6 ingress;
    final InetSocketAddress remote;
    final int length;
    /** The receiving interface's name, when known. */
    final String iface;
    Duid clientId;
    final Set<String> classes = new LinkedHashSet<>();
    /** The selected subnet, or null. */
    Subnet6 subnet;
    /** The selected subnet first, then the rest of its shared network the client may use. */
    List<Subnet6> candidates = List.of();
    Reservation6 host;
    /** The subnet of {@link #host} (0 for a global reservation). */
    long hostSubnetId;
    String hwAddress;
    boolean rapidCommit;
    /** The answer to option 39 and the name the leases store (SOLICIT, REQUEST, RENEW, REBIND), or null. */
    io.dhcpsuite.dhcp.options.ClientNames.Outcome6 names;
    LeaseResult6 leaseResult;
    Throwable leaseFailure;
    Dhcp6Message reply;
    InetSocketAddress destination;
    String dropReason;

    private Chain6 chain;
    private int position;

    public Exchange6(Dhcp6Message query, Ingress6 ingress, InetSocketAddress remote, int length, String iface) {
        this.query = query;
        this.type = query.messageType();
        this.ingress = ingress;
        this.remote = remote;
        this.length = length;
        this.iface = iface;
    }

    public Dhcp6Message query() {
        return query;
    }

    public Dhcp6Message reply() {
        return reply;
    }

    public InetSocketAddress destination() {
        return destination;
    }

    public Subnet6 subnet() {
        return subnet;
    }

    public Set<String> classes() {
        return classes;
    }

    public String dropReason() {
        return dropReason;
    }

    Outcome6 drop(String reason) {
        this.dropReason = reason;
        return Outcome6.DROP;
    }

    void at(Chain6 chain, int position) {
        this.chain = chain;
        this.position = position;
    }

    /** Continues the chain after the handler that returned SUSPEND; call exactly once. */
    void resume() {
        chain.run(this, position + 1);
    }

    /** Kea's label of a DHCPv6 client: {@code duid=[..], tid=0x..}. */
    String label() {
        return "duid=[" + (clientId == null ? "no info" : clientId.toHex()) + "], tid=0x"
                + Integer.toHexString(query.transactionId());
    }
}
