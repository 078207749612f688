package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Subnet6;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DHCPv6 host lookup with the hosts databases' replica ({@link HostReplica6}) next to the
 * file's reservations: a host fed in is found by the next lookup, with Kea's precedence (in each
 * scope the file first, then the databases; the subnet before global), in
 * host-reservation-identifiers order, and gone when the feed deletes it.
 */
class Hosts6DatabaseTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FILE_DUID = "00:03:00:01:0a:00:00:00:00:01";
    private static final String DB_DUID = "00:03:00:01:0a:00:00:00:00:02";
    private static final String HW = "0a:00:00:00:00:02";
    private static final Dhcp6Config CONFIG = KeaConfigLoader.parse("""
            {"Dhcp6": {
              "reservations": [{"duid": "00:03:00:01:0a:00:00:00:00:03", "ip-addresses": ["2001:db8:9::3"]}],
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "reservations-global": true,
                 "reservations": [{"duid": "%s", "ip-addresses": ["2001:db8:1::10"]}]},
                {"id": 2, "subnet": "2001:db8:2::/64"}
              ]
            }}
            """.formatted(FILE_DUID), null).dhcp6();
    private static final Subnet6 S1 = CONFIG.subnet(1);
    private static final Subnet6 S2 = CONFIG.subnet(2);

    private final HostReplica6 replica = new HostReplica6(CONFIG);
    private final Hosts6 hosts = new Hosts6(CONFIG, replica);

    private static JsonNode feed(long version, boolean reset, String hostsJson, String... deleted) {
        return JSON.readTree("""
                {"epoch": "e1", "version": %d, "reset": %b, "hosts": %s, "deleted": %s}
                """.formatted(version, reset, hostsJson, JSON.writeValueAsString(List.of(deleted))));
    }

    private String address(List<Subnet6> candidates, String duid, String hw) {
        Hosts6.Found f = hosts.find(candidates, duid, hw);
        return f == null ? "none" : f.subnetId() + " " + f.reservation().ipAddresses().stream().map(Prefix6::format)
                .findFirst().orElse("-");
    }

    @Test
    void aHostFedInIsFoundByTheNextLookupAndGoneWhenDeleted() {
        assertThat(address(List.of(S1), DB_DUID, null)).isEqualTo("none");
        replica.apply(feed(1, true, """
                [{"key": "7", "subnet-id": 1, "duid": "%s", "ip-addresses": ["2001:db8:1::77"],
                  "prefixes": ["2001:db8:100::/56"], "hostname": "db-host",
                  "option-data": [{"name": "dns-servers", "data": "2001:db8::53"}], "client-classes": ["gold"]}]
                """.formatted(DB_DUID)));
        Hosts6.Found f = hosts.find(List.of(S1), DB_DUID, null);
        assertThat(f.subnetId()).isEqualTo(1);
        assertThat(f.reservation().ipAddresses()).extracting(Prefix6::format).containsExactly("2001:db8:1::77");
        assertThat(f.reservation().prefixes()).extracting(Prefix6::text).containsExactly("2001:db8:100::/56");
        assertThat(f.reservation().hostname()).isEqualTo("db-host");
        assertThat(f.reservation().optionData()).singleElement().satisfies(o -> assertThat(o.code()).isEqualTo(23));
        assertThat(f.reservation().clientClasses()).containsExactly("gold");
        assertThat(replica.version()).isEqualTo(1);
        assertThat(replica.epoch()).isEqualTo("e1");

        replica.apply(feed(2, false, "[]", "7"));
        assertThat(address(List.of(S1), DB_DUID, null)).isEqualTo("none");
        assertThat(replica.size()).isZero();
    }

    /** Kea's precedence, one row per case: the hosts fed in, the client, what it gets. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the file's host wins over the database's for the same client and subnet
        "file first in a subnet | 1:duid:" + FILE_DUID + ":2001:db8:1::99 | 1 | " + FILE_DUID + " | | 1 2001:db8:1::10",
        // a database host of the subnet wins over the file's global host
        "subnet before global | 1:duid:00:03:00:01:0a:00:00:00:00:03:2001:db8:1::33 | 1 | 00:03:00:01:0a:00:00:00:00:03 | | 1 2001:db8:1::33",
        // a global database host, where the subnet allows global reservations
        "global database host | 0:duid:" + DB_DUID + ":2001:db8:9::2 | 1 | " + DB_DUID + " | | 0 2001:db8:9::2",
        // ... and not where it does not (reservations-global defaults to false)
        "global not in subnet 2 | 0:duid:" + DB_DUID + ":2001:db8:9::2 | 2 | " + DB_DUID + " | | none",
        // a host of another subnet is not this subnet's
        "other subnet | 2:duid:" + DB_DUID + ":2001:db8:2::2 | 1 | " + DB_DUID + " | | none",
        // hw-address comes before duid in Kea's default host-reservation-identifiers
        "hw-address before duid | 1:duid:" + DB_DUID + ":2001:db8:1::d;1:hw-address:" + HW + ":2001:db8:1::e | 1 | "
                + DB_DUID + " | " + HW + " | 1 2001:db8:1::e",
        // a host that does not parse (address outside IPv6) is skipped, the others are kept
        "bad host skipped | 1:duid:" + DB_DUID + ":198.18.0.1;1:hw-address:" + HW + ":2001:db8:1::e | 1 | "
                + DB_DUID + " | " + HW + " | 1 2001:db8:1::e",
    })
    void precedence(String name, String fed, long subnet, String duid, String hw, String expected) {
        StringBuilder list = new StringBuilder("[");
        int key = 0;
        for (String h : fed.split(";")) {
            int first = h.indexOf(':');
            int second = h.indexOf(':', first + 1);
            long subnetId = Long.parseLong(h.substring(0, first));
            String type = h.substring(first + 1, second);
            int octets = type.equals("duid") ? 10 : 6;
            String rest = h.substring(second + 1);
            int cut = 0;
            for (int i = 0; i < octets; i++) {
                cut = rest.indexOf(':', cut) + 1;
            }
            String id = rest.substring(0, cut - 1);
            String ip = rest.substring(cut);
            list.append(key == 0 ? "" : ",").append("""
                    {"key": "%d", "subnet-id": %d, "%s": "%s", "ip-addresses": ["%s"]}
                    """.formatted(++key, subnetId, type, id, ip));
        }
        replica.apply(feed(1, true, list.append("]").toString()));
        assertThat(address(List.of(subnet == 1 ? S1 : S2), duid, hw == null || hw.isBlank() ? null : hw))
                .isEqualTo(expected);
    }

    @Test
    void aResetFeedReplacesEverythingHeld() {
        replica.apply(feed(1, true, """
                [{"key": "1", "subnet-id": 1, "duid": "%s", "ip-addresses": ["2001:db8:1::77"]}]
                """.formatted(DB_DUID)));
        replica.apply(feed(1, true, """
                [{"key": "2", "subnet-id": 1, "hw-address": "%s", "ip-addresses": ["2001:db8:1::78"]}]
                """.formatted(HW)));
        assertThat(address(List.of(S1), DB_DUID, null)).isEqualTo("none");
        assertThat(address(List.of(S1), DB_DUID, HW)).isEqualTo("1 2001:db8:1::78");
        assertThat(hosts.isEmpty()).isFalse();
    }
}
