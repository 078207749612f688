package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.dhcp.ha.HaScopes;
import io.dhcpsuite.dhcp.processing.DhcpState;

/**
 * What may stop a DHCPv6 query before it is classified, as Kea's {@code buffer6_receive} and its
 * network state do: the DHCPv6 service disabled ({@code dhcp-disable} for dhcp6, by an operator or
 * by HA), or a query outside the HA scopes this server serves (Kea's {@code HA_BUFFER6_RECEIVE_NOT_FOR_US}),
 * which still gets its {@code HA_<owner>} class when it passes. The DHCPv6 service has its own
 * state, apart from DHCPv4's, as kea-dhcp6 is its own process.
 */
public final class HaGate6 implements Handler6 {
    private final DhcpState state;
    private final HaScopes scopes;

    public HaGate6(DhcpState state, HaScopes scopes) {
        this.state = state;
        this.scopes = scopes;
    }

    /** Neither disabled nor filtered: the standalone server. */
    public static HaGate6 open(java.time.Clock clock) {
        return new HaGate6(new DhcpState(clock), HaScopes.of6(null));
    }

    public DhcpState state() {
        return state;
    }

    public HaScopes scopes() {
        return scopes;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        if (!state.enabled()) {
            return ex.drop("DHCP6_PACKET_DROP_DHCP_DISABLED the DHCPv6 service is disabled");
        }
        if (scopes.active() && !scopes.admit6(ex.query, ex.classes)) {
            return ex.drop("HA_BUFFER6_RECEIVE_NOT_FOR_US query not in a served HA scope");
        }
        return Outcome6.CONTINUE;
    }
}
