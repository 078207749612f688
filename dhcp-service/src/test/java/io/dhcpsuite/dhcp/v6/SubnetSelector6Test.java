package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.Dhcp6Relay;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.Subnet6;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kea's DHCPv6 subnet selection order, shared networks and class guards. */
class SubnetSelector6Test {
    private static final Dhcp6Config CONFIG = KeaConfigLoader.parse("""
            {"Dhcp6": {
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0"},
                {"id": 2, "subnet": "2001:db8:2::/64", "interface-id": "port-2"},
                {"id": 3, "subnet": "2001:db8:3::/64", "relay": {"ip-addresses": ["2001:db8:ffff::1"]}},
                {"id": 4, "subnet": "2001:db8:4::/64", "client-class": "gold"}
              ],
              "shared-networks": [{"name": "net", "interface": "eth1", "subnet6": [
                {"id": 10, "subnet": "2001:db8:10::/64"},
                {"id": 11, "subnet": "2001:db8:11::/64"},
                {"id": 12, "subnet": "2001:db8:12::/64", "client-class": "gold"}
              ]}]
            }}
            """, null).dhcp6();
    private final SubnetSelector6 selector = new SubnetSelector6(CONFIG);

    private static Inet6Address v6(String s) throws Exception {
        return (Inet6Address) InetAddress.getByAddress(Ipv6.parse(s));
    }

    private static Dhcp6Message relayed(String link, Dhcp6Option... options) throws Exception {
        return Dhcp6Message.builder().type(Dhcp6MessageType.SOLICIT).transactionId(1)
                .clientId(Duid.ll(1, new byte[] {1, 2, 3, 4, 5, 6}))
                .addRelay(new Dhcp6Relay(Dhcp6MessageType.RELAY_FORW.code(), 0, v6(link), v6("fe80::9"), List.of(options)))
                .build();
    }

    private static Dhcp6Message direct() {
        return Dhcp6Message.builder().type(Dhcp6MessageType.SOLICIT).transactionId(1)
                .clientId(Duid.ll(1, new byte[] {1, 2, 3, 4, 5, 6})).build();
    }

    private List<Long> ids(List<Subnet6> s) {
        return s.stream().map(Subnet6::id).toList();
    }

    @Test
    void interfaceIdWinsOverTheLinkAddress() throws Exception {
        Dhcp6Option id = new Dhcp6Option(OptionCodes6.INTERFACE_ID, "port-2".getBytes(StandardCharsets.US_ASCII));
        assertThat(ids(selector.select(relayed("2001:db8:1::1", id), null, null, Set.of("ALL")))).containsExactly(2L);
    }

    @Test
    void relayAddressesThenTheLinkAddressInsideAPrefix() throws Exception {
        assertThat(ids(selector.select(relayed("2001:db8:ffff::1"), null, null, Set.of()))).containsExactly(3L);
        assertThat(ids(selector.select(relayed("2001:db8:1::77"), null, null, Set.of()))).containsExactly(1L);
        assertThat(selector.select(relayed("::"), null, null, Set.of())).isEmpty();
        assertThat(selector.select(relayed("2001:db8:99::1"), null, null, Set.of())).isEmpty();
    }

    @Test
    void directQueriesByInterfaceThenBySourceAddress() throws Exception {
        assertThat(ids(selector.select(direct(), "eth0", v6("fe80::1"), Set.of()))).containsExactly(1L);
        assertThat(ids(selector.select(direct(), "eth9", v6("2001:db8:3::5"), Set.of()))).containsExactly(3L);
        assertThat(selector.select(direct(), "eth9", v6("fe80::1"), Set.of())).isEmpty();
    }

    @Test
    void aSharedNetworkOffersItsOtherSubnetsTheClientMayUse() throws Exception {
        assertThat(ids(selector.select(direct(), "eth1", v6("fe80::1"), Set.of()))).containsExactly(10L, 11L);
        assertThat(ids(selector.select(direct(), "eth1", v6("fe80::1"), Set.of("gold")))).containsExactly(10L, 11L, 12L);
    }

    @Test
    void classGuardsSkipSubnets() throws Exception {
        assertThat(selector.select(relayed("2001:db8:4::1"), null, null, Set.of())).isEmpty();
        assertThat(ids(selector.select(relayed("2001:db8:4::1"), null, null, Set.of("gold")))).containsExactly(4L);
    }
}
