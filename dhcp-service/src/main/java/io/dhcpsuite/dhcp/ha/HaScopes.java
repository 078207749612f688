package io.dhcpsuite.dhcp.ha;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.DhcpOption;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.config.ha.HaConfig;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.QueryFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HA scope filters, one per relationship, as dhcp-service applies them to every query.
 * Policies:
 * <ul>
 * <li>Until ha-service says otherwise no scope is served (Kea's waiting state); a query outside the
 * served scopes is dropped and counted; while ha-service asks for the analysis (communication with
 * the partner interrupted), each dropped query's client and {@code secs} are kept for it, at most
 * {@value #SAMPLES} between two reads, the rest dropped rather than blocking the packet path.</li>
 * <li>With one relationship every query goes through its filter before classification (Kea's
 * {@code buffer4_receive}). With several (a hub-and-spoke hub, Kea 2.5.5+) the relationship is the
 * one that names the selected subnet's {@code user-context.ha-server-name} as a peer, so the filter
 * runs once the subnet is selected (Kea's {@code subnet4_select}); a query whose subnet names no
 * relationship is dropped and counted.</li>
 * </ul>
 */
public final class HaScopes {
    static final int SAMPLES = 4096;
    private final List<Relationship> relationships;
    private final Map<Long, Relationship> bySubnet;
    private final LongAdder noRelationship = new LongAdder();

    /** A partner-scope query as the unacked-clients analysis needs it. */
    public record Sample(String hwAddress, String clientId, int secs) {
    }

    /** The filter and the analysis of one relationship. */
    private static final class Relationship {
        final HaRelationship config;
        final QueryFilter filter;
        final LongAdder outOfScope = new LongAdder();
        final ArrayBlockingQueue<Sample> samples = new ArrayBlockingQueue<>(SAMPLES);
        volatile boolean analyzing;

        Relationship(HaRelationship config) {
            this.config = config;
            this.filter = new QueryFilter(config);
            filter.serveNoScopes();
        }
    }

    HaScopes(HaConfig ha, List<Subnet4> subnets) {
        List<Relationship> list = new ArrayList<>();
        if (ha != null) {
            for (HaRelationship r : ha.relationships()) {
                list.add(new Relationship(r));
            }
        }
        this.relationships = List.copyOf(list);
        Map<Long, Relationship> map = new HashMap<>();
        if (relationships.size() > 1) {
            for (Subnet4 s : subnets) {
                HaRelationship r = s.haServerName() == null ? null : ha.relationshipOf(s.haServerName());
                if (r != null) {
                    map.put(s.id(), relationships.get(ha.relationships().indexOf(r)));
                }
            }
        }
        this.bySubnet = Map.copyOf(map);
    }

    /** From the configuration's {@code libdhcp_ha.so} entry; an inactive filter without one. */
    public static HaScopes of(Dhcp4Config config) {
        HaConfig ha = config == null ? null : HaConfigParser.fromHooks(config.hooksLibraries(), "Dhcp4/hooks-libraries");
        return new HaScopes(ha, config == null ? List.of() : config.subnets());
    }

    /**
     * From a {@code Dhcp6} section's {@code libdhcp_ha.so} entry (one relationship); an inactive
     * filter without one.
     */
    public static HaScopes of6(io.dhcpsuite.config.Dhcp6Config config) {
        HaConfig ha = config == null ? null : HaConfigParser.fromDhcp6Hooks(config.hooksLibraries());
        return new HaScopes(ha, List.of());
    }

    public boolean active() {
        return !relationships.isEmpty();
    }

    /** Several relationships: the filter needs the selected subnet ({@link #admit(DhcpMessage, Set, Subnet4)}). */
    public boolean perSubnet() {
        return relationships.size() > 1;
    }

    /** Kea's local HA origins for dhcp-disable (1000+id), one per relationship. */
    public List<Integer> localOrigins() {
        return relationships.stream().map(r -> r.config.localOrigin()).toList();
    }

    /**
     * Classes {@code query} with {@code HA_<scope owner>} and says whether this server answers it;
     * a query that is not answered is counted and, while analysing, sampled. One relationship only.
     */
    public boolean admit(DhcpMessage query, Set<String> classes) {
        return admit(relationships.getFirst(), query, classes);
    }

    /**
     * The same for several relationships, by the relationship of the selected subnet; a query
     * without a subnet passes (nothing will be allocated for it), one whose subnet belongs to no
     * relationship is dropped.
     */
    public boolean admit(DhcpMessage query, Set<String> classes, Subnet4 subnet) {
        if (subnet == null) {
            return true;
        }
        Relationship r = bySubnet.get(subnet.id());
        if (r == null) {
            noRelationship.increment();
            return false;
        }
        return admit(r, query, classes);
    }

    private static boolean admit(Relationship r, DhcpMessage query, Set<String> classes) {
        int scope = r.filter.scopeOf4(query);
        if (scope >= 0) {
            classes.add(r.filter.scopeClass(scope));
        }
        if (r.filter.accepts4(query, scope)) {
            return true;
        }
        r.outOfScope.increment();
        if (r.analyzing && scope >= 0) {
            DhcpOption clientId = query.find(61);
            r.samples.offer(new Sample(query.hwAddressHex(), clientId == null ? null
                    : HexFormat.of().formatHex(clientId.data()), query.secs()));
        }
        return false;
    }

    /**
     * A DHCPv6 query: classes it with {@code HA_<scope owner>} (the owner from the RFC 3074 hash of
     * the client's DUID in load-balancing) and says whether this server answers it; one that is not
     * answered is counted and, while analysing, sampled with its DUID as the client and its
     * elapsed time (hundredths of a second) in {@code secs}.
     */
    public boolean admit6(io.dhcpsuite.codec.Dhcp6Message query, Set<String> classes) {
        Relationship r = relationships.getFirst();
        io.dhcpsuite.codec.Duid duid = query.clientId();
        int scope = r.filter.scopeOf6(query.type(), duid == null ? null : duid.bytes());
        if (scope >= 0) {
            classes.add(r.filter.scopeClass(scope));
        }
        if (r.filter.accepts6(query.type(), scope)) {
            return true;
        }
        r.outOfScope.increment();
        if (r.analyzing && scope >= 0) {
            Integer elapsed = query.elapsedTime();
            r.samples.offer(new Sample("", duid.toHex(), elapsed == null ? 0 : elapsed));
        }
        return false;
    }

    /**
     * The relationship that names {@code serverName} as a peer (any of its servers); the first when
     * {@code serverName} is null.
     *
     * @throws IllegalArgumentException when no relationship names it
     */
    private Relationship relationship(String serverName) {
        if (serverName == null) {
            return relationships.getFirst();
        }
        for (Relationship r : relationships) {
            if (r.config.peer(serverName) != null) {
                return r;
            }
        }
        throw new IllegalArgumentException("no HA relationship has a server named '" + serverName + "'");
    }

    /** What ha-service decided for the relationship of {@code serverName} (null: the first). */
    public void set(String serverName, List<String> scopes, boolean analyze) {
        Relationship r = relationship(serverName);
        r.filter.serveScopes(scopes);
        r.analyzing = analyze;
        if (!analyze) {
            r.samples.clear();
        }
    }

    /** The first relationship's decision (a classic pair). */
    public void set(List<String> scopes, boolean analyze) {
        set(null, scopes, analyze);
    }

    public List<String> servedScopes(String serverName) {
        return relationship(serverName).filter.servedScopes();
    }

    public List<String> servedScopes() {
        return servedScopes(null);
    }

    /** The samples of that relationship since the last call. */
    public List<Sample> drain(String serverName) {
        List<Sample> out = new ArrayList<>();
        relationship(serverName).samples.drainTo(out);
        return out;
    }

    public List<Sample> drain() {
        return drain(null);
    }

    public long outOfScope(String serverName) {
        return relationship(serverName).outOfScope.sum();
    }

    public long outOfScope() {
        return outOfScope(null);
    }

    /** Queries dropped because their subnet belongs to no relationship (several relationships only). */
    public long noRelationship() {
        return noRelationship.sum();
    }
}
