package io.dhcpsuite.dhcp.processing;

import static io.dhcpsuite.dhcp.processing.TestKit.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.dhcp.ha.HaScopes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hub with two hot-standby relationships (Kea 2.5.5+ hub-and-spoke): each subnet belongs to the
 * relationship its {@code user-context.ha-server-name} names, and a query is filtered by the
 * scopes of its selected subnet's relationship only.
 */
class HaHubFilterTest {
    static final String RELAY_A = "192.0.2.2";
    static final String RELAY_B = "192.0.2.3";
    static final String RELAY_NONE = "192.0.2.4";
    static final String CONFIG = """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["lo/127.0.0.2"]},
              "subnet4": [
                {"id": 1, "subnet": "198.19.0.0/24", "relay": {"ip-addresses": ["192.0.2.2"]},
                 "pools": [ {"pool": "198.19.0.10 - 198.19.0.99"} ], "user-context": {"ha-server-name": "hub-a"}},
                {"id": 2, "subnet": "198.19.1.0/24", "relay": {"ip-addresses": ["192.0.2.3"]},
                 "pools": [ {"pool": "198.19.1.10 - 198.19.1.99"} ], "user-context": {"ha-server-name": "spoke-b"}},
                {"id": 3, "subnet": "198.19.2.0/24", "relay": {"ip-addresses": ["192.0.2.4"]},
                 "pools": [ {"pool": "198.19.2.10 - 198.19.2.99"} ]} ],
              "hooks-libraries": [ {"library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {"high-availability": [
                {"this-server-name": "hub-a", "mode": "hot-standby", "peers": [
                  {"name": "hub-a", "url": "http://127.0.0.2:8001/", "role": "primary"},
                  {"name": "spoke-a", "url": "http://127.0.0.3:8001/", "role": "standby"} ] },
                {"this-server-name": "hub-b", "mode": "hot-standby", "peers": [
                  {"name": "hub-b", "url": "http://127.0.0.2:8002/", "role": "primary"},
                  {"name": "spoke-b", "url": "http://127.0.0.4:8001/", "role": "standby"} ] } ] } } ]
            }}
            """;
    private final TestKit k = new TestKit(CONFIG);
    private final HaScopes ha = HaScopes.of(k.config.dhcp4());

    HaHubFilterTest() {
        k.processor.useHa(ha);
    }

    DhcpMessage discover(String mac, String relay) {
        return query(MessageType.DISCOVER, mac, relay).build();
    }

    @Test
    void eachSubnetIsFilteredByItsOwnRelationship() {
        assertThat(ha.perSubnet()).isTrue();
        assertThat(k.send(discover("0e:00:00:00:00:01", RELAY_A), RELAY_A, 67)).as("nothing served yet").isNull();

        ha.set("hub-a", List.of("hub-a"), false);
        TestKit.Sent a = k.send(discover("0e:00:00:00:00:02", RELAY_A), RELAY_A, 67);
        assertThat(a).as("relationship A serves its primary's scope").isNotNull();
        assertThat(io.dhcpsuite.codec.Ipv4.format(a.message().yiaddr())).startsWith("198.19.0.");
        assertThat(k.send(discover("0e:00:00:00:00:03", RELAY_B), RELAY_B, 67)).as("relationship B still waits").isNull();
        assertThat(ha.outOfScope("spoke-b")).isEqualTo(1);

        ha.set("spoke-b", List.of("hub-b"), false);
        TestKit.Sent b = k.send(discover("0e:00:00:00:00:04", RELAY_B), RELAY_B, 67);
        assertThat(b).as("relationship B serves once told, by any of its server names").isNotNull();
        assertThat(io.dhcpsuite.codec.Ipv4.format(b.message().yiaddr())).startsWith("198.19.1.");

        ha.set("hub-a", List.of(), false);
        assertThat(k.send(discover("0e:00:00:00:00:05", RELAY_A), RELAY_A, 67)).isNull();
        assertThat(k.send(discover("0e:00:00:00:00:06", RELAY_B), RELAY_B, 67)).as("B unaffected by A").isNotNull();
        assertThat(ha.servedScopes("hub-b")).containsExactly("hub-b");
        assertThat(ha.servedScopes("hub-a")).isEmpty();
    }

    @Test
    void aSubnetOfNoRelationshipIsNotServedAndCounted() {
        ha.set("hub-a", List.of("hub-a"), false);
        ha.set("hub-b", List.of("hub-b"), false);
        assertThat(k.send(discover("0e:00:00:00:00:07", RELAY_NONE), RELAY_NONE, 67)).isNull();
        assertThat(ha.noRelationship()).isEqualTo(1);
    }

    @Test
    void anUnknownServerNameIsRefused() {
        assertThatThrownBy(() -> ha.set("spoke-c", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spoke-c");
    }

    @Test
    void dhcpStartsDisabledForEveryRelationship() {
        assertThat(ha.localOrigins()).containsExactly(1000, 1001);
    }
}
