package io.dhcpsuite.dhcp.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.dhcp.processing.TestKit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubnetSelectorTest {
    private final SubnetSelector selector = new SubnetSelector(KeaConfigLoader.parse(TestKit.CONFIG, null).dhcp4());

    private static int a(String s) {
        return Ipv4.parse(s);
    }

    private Selection select(int optionSelect, String giaddr, String ciaddr, String remote, String iface,
                             List<Integer> ifaceAddrs, String... classes) {
        return selector.select(new SelectionQuery(optionSelect, giaddr == null ? 0 : a(giaddr),
                ciaddr == null ? 0 : a(ciaddr), remote == null ? 0 : a(remote), 0, false, iface, ifaceAddrs,
                Set.of(classes)));
    }

    @Test
    void relayAddressSelectsItsSubnet() {
        Selection s = select(0, "192.0.2.2", null, "192.0.2.2", null, List.of(), "ALL");
        assertThat(s.subnet().id()).isEqualTo(1);
        assertThat(s.how()).isEqualTo("relay ip-addresses");
    }

    @Test
    void giaddrInsidePrefixSelectsSubnet() {
        assertThat(select(0, "198.18.200.1", null, null, null, List.of(), "ALL").subnet().id()).isEqualTo(2);
    }

    @Test
    void linkSelectionWinsOverGiaddr() {
        assertThat(select(a("198.19.0.1"), "192.0.2.1", null, null, null, List.of(), "ALL").subnet().id()).isEqualTo(1);
    }

    @Test
    void ciaddrThenSourceAddress() {
        assertThat(select(0, null, "198.19.0.50", "198.18.200.5", null, List.of(), "ALL").subnet().id()).isEqualTo(1);
        assertThat(select(0, null, null, "198.18.200.5", null, List.of(), "ALL").subnet().id()).isEqualTo(2);
    }

    @Test
    void interfaceNameThenInterfaceAddress() {
        assertThat(select(0, null, null, null, "eth9", List.of(), "ALL").subnet().id()).isEqualTo(2);
        assertThat(select(0, null, null, null, "eth0", List.of(a("198.19.0.1")), "ALL").subnet().id()).isEqualTo(1);
        assertThat(select(0, null, null, null, "eth0", List.of(a("203.0.113.1")), "ALL")).isNull();
    }

    @Test
    void sharedNetworkBringsItsSubnetsFilteredByClassGuard() {
        Selection plain = select(0, "192.0.2.1", null, null, null, List.of(), "ALL");
        assertThat(plain.candidateIds()).containsExactly(10L);
        Selection pxe = select(0, "192.0.2.1", null, null, null, List.of(), "ALL", "pxe");
        assertThat(pxe.candidateIds()).containsExactly(10L, 11L);
    }

    @Test
    void classGuardExcludesSubnet() {
        // 198.18.1.0/24 is reserved to class pxe.
        assertThat(select(0, null, "198.18.1.20", null, null, List.of(), "ALL")).isNull();
        assertThat(select(0, null, "198.18.1.20", null, null, List.of(), "ALL", "pxe").subnet().id()).isEqualTo(11);
    }
}
