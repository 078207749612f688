package io.dhcpsuite.dhcp.ha;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.DhcpOption;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.ha.HaConfig;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.QueryFilter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scope filter of the first HA relationship, as dhcp-service applies it to every query. Policy:
 * until ha-service says otherwise no scope is served (Kea's waiting state); a query outside the
 * served scopes is dropped and counted; while ha-service asks for the analysis (communication with
 * the partner interrupted), each dropped query's client and {@code secs} are kept for it, at most
 * {@value #SAMPLES} between two reads, the rest dropped rather than blocking the packet path.
 */
public final class HaScopes {
    static final int SAMPLES = 4096;
    private final QueryFilter filter;
    private final HaRelationship relationship;
    private final LongAdder outOfScope = new LongAdder();
    private final ArrayBlockingQueue<Sample> samples = new ArrayBlockingQueue<>(SAMPLES);
    private volatile boolean analyzing;

    /** A partner-scope query as the unacked-clients analysis needs it. */
    public record Sample(String hwAddress, String clientId, int secs) {
    }

    private HaScopes(HaRelationship relationship) {
        this.relationship = relationship;
        this.filter = relationship == null ? null : new QueryFilter(relationship);
        if (filter != null) {
            filter.serveNoScopes();
        }
    }

    /** From the configuration's {@code libdhcp_ha.so} entry; an inactive filter without one. */
    public static HaScopes of(Dhcp4Config config) {
        HaConfig ha = config == null ? null : HaConfigParser.fromHooks(config.hooksLibraries(), "Dhcp4/hooks-libraries");
        return new HaScopes(ha == null ? null : ha.relationships().getFirst());
    }

    public boolean active() {
        return filter != null;
    }

    /** Kea's local HA origin for this relationship's dhcp-disable (1000+id). */
    public int localOrigin() {
        return relationship.localOrigin();
    }

    /**
     * Classes {@code query} with {@code HA_<scope owner>} and says whether this server answers it;
     * a query that is not answered is counted and, while analysing, sampled.
     */
    public boolean admit(DhcpMessage query, Set<String> classes) {
        int scope = filter.scopeOf4(query);
        if (scope >= 0) {
            classes.add(filter.scopeClass(scope));
        }
        if (filter.accepts4(query, scope)) {
            return true;
        }
        outOfScope.increment();
        if (analyzing && scope >= 0) {
            DhcpOption clientId = query.find(61);
            samples.offer(new Sample(query.hwAddressHex(), clientId == null ? null
                    : HexFormat.of().formatHex(clientId.data()), query.secs()));
        }
        return false;
    }

    /** What ha-service decided: the scopes to serve and whether to sample partner-scope clients. */
    public void set(List<String> scopes, boolean analyze) {
        filter.serveScopes(scopes);
        analyzing = analyze;
        if (!analyze) {
            samples.clear();
        }
    }

    public List<String> servedScopes() {
        return filter.servedScopes();
    }

    /** The samples since the last call. */
    public List<Sample> drain() {
        List<Sample> out = new ArrayList<>();
        samples.drainTo(out);
        return out;
    }

    public long outOfScope() {
        return outOfScope.sum();
    }
}
