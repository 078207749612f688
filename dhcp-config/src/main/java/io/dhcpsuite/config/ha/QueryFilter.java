package io.dhcpsuite.config.ha;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.MessageType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which scopes this server serves and which scope a query or lease belongs to, as Kea's
 * {@code query_filter.cc} decides. Policy: every HA-relevant query (v4 DISCOVER, REQUEST,
 * DECLINE, RELEASE, INFORM) belongs to exactly one scope, the primary's in hot-standby and
 * passive-backup, and in load-balancing the one the RFC 3074 hash picks; a query without a key
 * belongs to none and is never served. Other message types always pass and belong to the
 * primary's scope. The class {@code HA_<scope owner>} is given whether or not the scope is served.
 *
 * <p>The packet path calls {@link #scopeOf4} and {@link #accepts4} on many threads without
 * allocating; scope changes (state transitions, {@code ha-scopes}) publish a new array.
 */
public final class QueryFilter {
    private final HaRelationship relationship;
    /** Primary first, then secondary or standby, then backups: the hash indexes the active ones. */
    private final List<HaPeer> order;
    private final String[] classes;
    private final int activeServers;
    private volatile boolean[] served;

    public QueryFilter(HaRelationship relationship) {
        this.relationship = relationship;
        List<HaPeer> o = new ArrayList<>(relationship.activeServers());
        o.addAll(relationship.backups());
        this.order = List.copyOf(o);
        this.classes = new String[order.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = order.get(i).scopeClass();
        }
        this.activeServers = relationship.mode() == HaMode.LOAD_BALANCING ? 2 : 1;
        this.served = new boolean[order.size()];
        serveDefaultScopes();
    }

    public HaRelationship relationship() {
        return relationship;
    }

    /** Kea's HA message types for DHCPv4 (query_filter.cc {@code v4_ha_types}). */
    public static boolean isHaType4(MessageType type) {
        return type == MessageType.DISCOVER || type == MessageType.REQUEST || type == MessageType.DECLINE
                || type == MessageType.RELEASE || type == MessageType.INFORM;
    }

    /**
     * The index of the scope owning {@code query} (see {@link #scopeClass}), or -1 when the query
     * is HA-relevant, the mode is load-balancing and it has neither client identifier nor
     * hardware address.
     */
    public int scopeOf4(DhcpMessage query) {
        if (activeServers == 1 || !isHaType4(query.messageType())) {
            return 0;
        }
        int h = LoadBalancingHash.hash4(query);
        return h < 0 ? -1 : h % activeServers;
    }

    /**
     * Kea's HA message types for DHCPv6 (query_filter.cc {@code v6_ha_types}): SOLICIT, REQUEST,
     * CONFIRM, RENEW, REBIND, RELEASE, DECLINE, by their RFC 8415 codes.
     */
    public static boolean isHaType6(int type) {
        return switch (type) {
            case 1, 3, 4, 5, 6, 8, 9 -> true;
            default -> false;
        };
    }

    /**
     * The index of the scope owning a DHCPv6 query of message {@code type} whose client DUID
     * (option 1 data) is {@code duid}: in load-balancing the RFC 3074 hash of the DUID bytes, as
     * Kea's {@code loadBalance(Pkt6)} computes it; -1 when the query is HA-relevant and has no DUID.
     */
    public int scopeOf6(int type, byte[] duid) {
        if (activeServers == 1 || !isHaType6(type)) {
            return 0;
        }
        if (duid == null || duid.length == 0) {
            return -1;
        }
        return LoadBalancingHash.hash(duid) % activeServers;
    }

    /** Whether this server answers a DHCPv6 query of message {@code type} whose scope {@link #scopeOf6} gave. */
    public boolean accepts6(int type, int scope) {
        if (!isHaType6(type)) {
            return true;
        }
        return scope >= 0 && served[scope];
    }

    /** Whether this server answers {@code query} whose scope {@link #scopeOf4} gave. */
    public boolean accepts4(DhcpMessage query, int scope) {
        if (!isHaType4(query.messageType())) {
            return true;
        }
        return scope >= 0 && served[scope];
    }

    /** The scope a lease belongs to, by the same key rule as queries; -1 if the lease has no key. */
    public int scopeOfLease4(byte[] clientId, byte[] hwAddress) {
        if (activeServers == 1) {
            return 0;
        }
        int h = LoadBalancingHash.hashLease4(clientId, hwAddress);
        return h < 0 ? -1 : h % activeServers;
    }

    /** Whether this server serves the scope {@code scope} (an index from {@link #scopeOf4}). */
    public boolean serves(int scope) {
        return scope >= 0 && served[scope];
    }

    /** {@code HA_<name>} of scope {@code scope}. */
    public String scopeClass(int scope) {
        return classes[scope];
    }

    /** The scope owner's name. */
    public String scopeName(int scope) {
        return order.get(scope).name();
    }

    /** The served scopes' names, primary first, as heartbeats and status-get list them. */
    public List<String> servedScopes() {
        boolean[] s = served;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i]) {
                out.add(order.get(i).name());
            }
        }
        return out;
    }

    /**
     * Serves exactly {@code names}.
     *
     * @throws IllegalArgumentException naming the first name that is not a peer, with Kea's text
     */
    public void serveScopes(Collection<String> names) {
        boolean[] next = new boolean[order.size()];
        for (String n : names) {
            int i = indexOf(n);
            if (i < 0) {
                throw new IllegalArgumentException("invalid server name specified '" + n
                        + "' while enabling/disabling HA scopes");
            }
            next[i] = true;
        }
        served = next;
    }

    /** The own scope for a primary or secondary; nothing for a standby or backup. */
    public void serveDefaultScopes() {
        boolean[] next = new boolean[order.size()];
        HaRole role = relationship.thisServer().role();
        if (role == HaRole.PRIMARY || role == HaRole.SECONDARY) {
            next[indexOf(relationship.thisServerName())] = true;
        }
        served = next;
    }

    /** The scopes of the primary and the secondary (a hot-standby pair has only the primary's). */
    public void serveFailoverScopes() {
        boolean[] next = new boolean[order.size()];
        for (int i = 0; i < order.size(); i++) {
            HaRole role = order.get(i).role();
            next[i] = role == HaRole.PRIMARY || role == HaRole.SECONDARY;
        }
        served = next;
    }

    public void serveNoScopes() {
        served = new boolean[order.size()];
    }

    private int indexOf(String name) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
