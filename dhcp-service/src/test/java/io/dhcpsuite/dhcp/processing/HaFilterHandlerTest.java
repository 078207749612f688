package io.dhcpsuite.dhcp.processing;

import static io.dhcpsuite.dhcp.processing.TestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.config.ha.LoadBalancingHash;
import io.dhcpsuite.dhcp.ha.HaScopes;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaFilterHandlerTest {
    static final String RELAY = "192.0.2.2";
    static final String CONFIG = """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["lo/127.0.0.2"]},
              "subnet4": [ {"id": 1, "subnet": "198.19.0.0/24", "relay": {"ip-addresses": ["192.0.2.2"]},
                 "pools": [ {"pool": "198.19.0.10 - 198.19.0.99", "client-class": "HA_server1"},
                            {"pool": "198.19.0.100 - 198.19.0.199", "client-class": "HA_server2"} ] } ],
              "hooks-libraries": [ {"library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {"high-availability": [
                {"this-server-name": "server1", "mode": "load-balancing", "peers": [
                  {"name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary"},
                  {"name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary"} ] } ] } } ]
            }}
            """;
    private final TestKit k = new TestKit(CONFIG);
    private final HaScopes ha = HaScopes.of(k.config.dhcp4());

    HaFilterHandlerTest() {
        k.processor.useHa(ha);
    }

    /** A MAC whose RFC 3074 hash has the parity of {@code scope} (0: server1, 1: server2). */
    static String macIn(int scope, int skip) {
        for (int i = 0; ; i++) {
            byte[] mac = {0x0e, 0x4a, 0, 0, (byte) (i >> 8), (byte) i};
            if (LoadBalancingHash.hash(mac) % 2 == scope && skip-- == 0) {
                return String.format("0e:4a:00:00:%02x:%02x", mac[4] & 0xFF, mac[5] & 0xFF);
            }
        }
    }

    DhcpMessage discover(String mac, int secs) {
        return query(MessageType.DISCOVER, mac, RELAY).secs(secs).build();
    }

    @Test
    void servesNothingUntilHaServiceSetsScopes() {
        assertThat(k.send(discover(macIn(0, 0), 0), RELAY, 67)).isNull();
        assertThat(k.leases.ops).isEmpty();
        assertThat(ha.outOfScope()).isEqualTo(1);
    }

    @Test
    void answersItsOwnScopeWithTheScopeClassAndDropsThePartners() {
        ha.set(List.of("server1"), false);
        TestKit.Sent own = k.send(discover(macIn(0, 0), 0), RELAY, 67);
        assertThat(own).isNotNull();
        assertThat(own.message().messageType()).isEqualTo(MessageType.OFFER);
        assertThat(k.leases.last().clientClasses()).contains("HA_server1").doesNotContain("HA_server2");
        assertThat(k.send(discover(macIn(1, 0), 0), RELAY, 67)).isNull();
        assertThat(ha.outOfScope()).isEqualTo(1);
        assertThat(ha.drain()).as("no sampling unless asked").isEmpty();
    }

    @Test
    void failoverScopesServeThePartnersClientsWithThePartnersClass() {
        ha.set(List.of("server1", "server2"), false);
        assertThat(k.send(discover(macIn(1, 0), 0), RELAY, 67)).isNotNull();
        assertThat(k.leases.last().clientClasses()).contains("HA_server2").doesNotContain("HA_server1");
    }

    @Test
    void samplesDroppedPartnerQueriesForTheUnackedAnalysisOnlyWhileAsked() {
        ha.set(List.of("server1"), true);
        k.send(discover(macIn(1, 0), 7), RELAY, 67);
        k.send(discover(macIn(1, 1), 0x0300), RELAY, 67);
        List<HaScopes.Sample> samples = ha.drain();
        assertThat(samples).extracting(HaScopes.Sample::hwAddress).containsExactly(macIn(1, 0), macIn(1, 1));
        assertThat(samples).extracting(HaScopes.Sample::secs).containsExactly(7, 0x0300);
        assertThat(ha.drain()).isEmpty();
        ha.set(List.of("server1"), false);
        k.send(discover(macIn(1, 2), 7), RELAY, 67);
        assertThat(ha.drain()).isEmpty();
    }
}
