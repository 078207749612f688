package io.dhcpsuite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dhcp6 model: Kea's DHCPv6 defaults, inheritance, and each section's checks. */
class Dhcp6ParserTest {

    private static SuiteConfig parse(String dhcp6Body) {
        return KeaConfigLoader.parse("{ \"Dhcp6\": { " + dhcp6Body + " } }", null);
    }

    private static Dhcp6Config load(String dhcp6Body) {
        return parse(dhcp6Body).dhcp6();
    }

    private static void refused(String dhcp6Body, String message) {
        assertThatThrownBy(() -> parse(dhcp6Body)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    private static BigInteger a(String text) {
        return Prefix6.address(text);
    }

    @Test
    void appliesKeasDhcp6Defaults() {
        SuiteConfig c = parse("\"subnet6\": [ { \"id\": 1, \"subnet\": \"2001:db8:1::/64\" } ]");
        Dhcp6Config d = c.dhcp6();
        assertThat(c.dhcp4()).isNull();
        Subnet6 s = d.subnet(1);
        assertThat(s.lifetimes().valid()).isEqualTo(7200);
        assertThat(s.preferred()).isEqualTo(new Triplet(3600, 3600, 3600));
        // SimpleParser6: T1/T2 are computed by default, T2 at 80%
        assertThat(s.lifetimes().calculateTeeTimes()).isTrue();
        assertThat(s.lifetimes().t1Percent()).isEqualTo(0.5);
        assertThat(s.lifetimes().t2Percent()).isEqualTo(0.8);
        assertThat(s.rapidCommit()).isFalse();
        assertThat(s.allocator()).isEqualTo("iterative");
        assertThat(s.pdAllocator()).isEqualTo("iterative");
        assertThat(d.hostReservationIdentifiers()).containsExactly("hw-address", "duid");
        assertThat(d.serverId()).isEqualTo(ServerId.DEFAULTS);
        assertThat(d.leaseDatabase().isMemfile()).isTrue();
        assertThat(d.declineProbationPeriod()).isEqualTo(86400);
        // the section is served: no "not served" warning any more
        assertThat(c.warnings()).extracting(ConfigWarning::path).doesNotContain("Dhcp6");
    }

    @Test
    void readsTheHostsDatabasesAsDhcp4Does() {
        Dhcp6Config d = load("""
                "hosts-databases": [ { "type": "postgresql", "name": "hosts", "host": "127.0.0.1", "port": 5433,
                                       "user": "kea", "readonly": true }, { "type": "postgresql", "name": "more" } ],
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64" } ]
                """);
        assertThat(d.hostsDatabases()).extracting(LeaseDatabase::name).containsExactly("hosts", "more");
        assertThat(d.hostsDatabases().get(0).port()).isEqualTo(5433);
        assertThat(d.hostsDatabases().get(0).persist()).as("readonly").isFalse();
        assertThat(d.hostsDatabases().get(1).host()).isEqualTo("localhost");
        assertThat(load("\"subnet6\": []").hostsDatabases()).isEmpty();
        assertThatThrownBy(() -> load("\"hosts-database\": { \"type\": \"postgresql\" }"))
                .hasMessageContaining("Dhcp6/hosts-database: missing parameter 'name'");
    }

    @Test
    void inheritsGlobalThenSharedNetworkThenSubnet() {
        Dhcp6Config d = load("""
                "preferred-lifetime": 3000, "valid-lifetime": 4000, "rapid-commit": true,
                "shared-networks": [ { "name": "net", "preferred-lifetime": 2000, "interface-id": "relay-a",
                  "relay": { "ip-addresses": [ "2001:db8::1" ] },
                  "subnet6": [ { "id": 10, "subnet": "2001:db8:a::/64", "valid-lifetime": 5000,
                                 "max-valid-lifetime": 6000, "rapid-commit": false } ] } ],
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0",
                               "renew-timer": 1000, "rebind-timer": 2000, "calculate-tee-times": false } ]
                """);
        Subnet6 inNet = d.subnet(10);
        assertThat(inNet.sharedNetwork()).isEqualTo("net");
        assertThat(inNet.preferred().value()).isEqualTo(2000);
        assertThat(inNet.lifetimes().valid()).isEqualTo(5000);
        assertThat(inNet.lifetimes().maxValid()).isEqualTo(6000);
        assertThat(inNet.rapidCommit()).isFalse();
        assertThat(inNet.interfaceId()).isEqualTo("relay-a");
        assertThat(inNet.relayAddresses()).containsExactly(a("2001:db8::1"));
        Subnet6 top = d.subnet(1);
        assertThat(top.preferred().value()).isEqualTo(3000);
        assertThat(top.rapidCommit()).isTrue();
        assertThat(top.iface()).isEqualTo("eth0");
        assertThat(top.interfaceId()).isNull();
        assertThat(top.lifetimes().renewTimer()).isEqualTo(1000L);
        assertThat(d.sharedNetworks()).containsExactly(new SharedNetwork6("net", List.of(10L), List.of()));
    }

    @Test
    void ddnsParametersInheritAndNameDhcp6Leases() {
        Dhcp6Config d = load("""
                "ddns-qualifying-suffix": "example.org", "ddns-send-updates": false,
                "dhcp-ddns": { "enable-updates": true, "server-ip": "::1" },
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "ddns-send-updates": true,
                               "ddns-generated-prefix": "v6host" } ]
                """);
        assertThat(d.ddns().sendUpdates()).isFalse();
        assertThat(d.dhcpDdnsClient().serverIp()).isEqualTo("::1");
        DdnsParams p = d.subnet(1).ddns();
        assertThat(p.sendUpdates()).isTrue();
        assertThat(p.generatedName(a("2001:db8:1::1"), true)).isEqualTo("v6host-2001-db8-1--1.example.org.");
    }

    @Test
    void parsesAddressAndPrefixDelegationPools() {
        Subnet6 s = load("""
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/48",
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff", "pool-id": 7 },
                             { "pool": "2001:db8:1:1::/64", "client-class": "gold" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56,
                                  "excluded-prefix": "2001:db8:8::", "excluded-prefix-len": 60 } ] } ]
                """).subnet(1);
        assertThat(s.pools().get(0).first()).isEqualTo(a("2001:db8:1::100"));
        assertThat(s.pools().get(0).size()).isEqualTo(BigInteger.valueOf(256));
        assertThat(s.pools().get(0).poolId()).isEqualTo(7);
        assertThat(s.pools().get(1).last()).isEqualTo(a("2001:db8:1:1:ffff:ffff:ffff:ffff"));
        assertThat(s.pools().get(1).clientClasses()).containsExactly("gold");
        PdPool6 pd = s.pdPools().get(0);
        assertThat(pd.prefix().text()).isEqualTo("2001:db8:8::/48");
        assertThat(pd.delegatedLength()).isEqualTo(56);
        assertThat(pd.size()).isEqualTo(BigInteger.valueOf(256));
        assertThat(pd.excludedPrefix().text()).isEqualTo("2001:db8:8::/60");
    }

    @Test
    void refusesPoolsAcrossSubnetsThatOverlap() {
        refused("""
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                               "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 64 } ] },
                             { "id": 2, "subnet": "2001:db8:2::/64",
                               "pd-pools": [ { "prefix": "2001:db8:8:100::", "prefix-len": 56, "delegated-len": 64 } ] } ]
                """, "Dhcp6/subnet6[1]/pd-pools[0]/prefix: pool overlaps with Dhcp6/subnet6[0]/pd-pools[0] of subnet id 1");
        refused("""
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64" }, { "id": 1, "subnet": "2001:db8:2::/64" } ]
                """, "Dhcp6/subnet6[1]/id: subnet id 1 is already used by Dhcp6/subnet6[0]");
    }

    @Test
    void numbersSubnetsWithoutIdAsKea22() {
        SuiteConfig c = parse("""
                "subnet6": [ { "subnet": "2001:db8:1::/64" }, { "subnet": "2001:db8:2::/64" } ],
                "shared-networks": [ { "name": "n", "subnet6": [ { "subnet": "2001:db8:3::/64" } ] } ]
                """);
        // shared networks first, then the top-level list, as Kea 2.2 parses them
        assertThat(c.dhcp6().subnets()).extracting(Subnet6::text, Subnet6::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2001:db8:1::/64", 2L),
                org.assertj.core.groups.Tuple.tuple("2001:db8:2::/64", 3L),
                org.assertj.core.groups.Tuple.tuple("2001:db8:3::/64", 1L));
        assertThat(c.warnings()).extracting(ConfigWarning::path).contains("Dhcp6/subnet6[0]",
                "Dhcp6/shared-networks[0]/subnet6[0]");
    }

    @Test
    void parsesReservationsByDuidAndHardwareAddress() {
        Dhcp6Config d = load("""
                "reservations": [ { "hw-address": "AA-BB-CC-DD-EE-FF", "hostname": "global",
                                    "prefixes": [ "2001:db8:ff00::/56" ] } ],
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/48",
                  "reservations": [ { "duid": "01:02:03:04:05:0A:0B:0C", "ip-addresses": [ "2001:db8:1::100" ],
                                      "prefixes": [ "2001:db8:2:abcd::/64" ], "hostname": "h1",
                                      "client-classes": [ "gold" ],
                                      "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ] } ] } ]
                """);
        Reservation6 g = d.globalReservations().get(0);
        assertThat(g.hwAddress()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(g.duid()).isNull();
        assertThat(g.prefixes()).extracting(Prefix6::text).containsExactly("2001:db8:ff00::/56");
        Reservation6 r = d.subnet(1).reservations().get(0);
        assertThat(r.duid()).isEqualTo("01:02:03:04:05:0a:0b:0c");
        assertThat(r.ipAddresses()).containsExactly(a("2001:db8:1::100"));
        assertThat(r.hostname()).isEqualTo("h1");
        assertThat(r.clientClasses()).containsExactly("gold");
        assertThat(HexFormat.of().formatHex(r.optionData().get(0).encoded())).isEqualTo("20010db8000000000000000000000053");
        assertThat(r.optionData().get(0).code()).isEqualTo(23);
    }

    @Test
    void refusesReservationsKeaRefuses() {
        refused("""
                "reservations": [ { "duid": "01:02", "hw-address": "aa:bb" } ]
                """, "Dhcp6/reservations[0]/duid: the 'hw-address' and 'duid' are mutually exclusive");
        refused("""
                "reservations": [ { "hostname": "x" } ]
                """, "Dhcp6/reservations[0]: one of the supported identifiers must be specified for host reservation:"
                + " duid, flex-id, hw-address");
        refused("""
                "reservations": [ { "duid": "01:02", "ip-addresses": [ "2001:db8::1" ] },
                                  { "duid": "01:03", "ip-addresses": [ "2001:db8::1" ] } ]
                """, "Dhcp6/reservations[1]/ip-addresses[0]: there is already a reservation for 2001:db8::1 at"
                + " Dhcp6/reservations[0] (ip-reservations-unique is true)");
        refused("""
                "reservations": [ { "duid": "01:02", "prefixes": [ "2001:db8::" ] } ]
                """, "Dhcp6/reservations[0]/prefixes[0]: '2001:db8::' is not a prefix (expected address/length)");
    }

    @Test
    void parsesServerIdInterfacesAndTheLeaseDatabase() {
        Dhcp6Config d = load("""
                "server-id": { "type": "EN", "enterprise-id": 2495, "identifier": "0123456789ABCDEF", "persist": false },
                "interfaces-config": { "interfaces": [ "eth0", "eth1/2001:db8:1::1" ], "re-detect": false },
                "lease-database": { "type": "postgresql", "name": "kea", "user": "kea" },
                "data-directory": "/var/lib/kea"
                """);
        assertThat(d.serverId()).isEqualTo(new ServerId("EN", "01:23:45:67:89:ab:cd:ef", 0, 0, 2495, false));
        assertThat(d.interfacesConfig().interfaces()).containsExactly(new InterfacesConfig6.Interface("eth0", null),
                new InterfacesConfig6.Interface("eth1", a("2001:db8:1::1")));
        assertThat(d.interfacesConfig().reDetect()).isFalse();
        assertThat(d.leaseDatabase().isPostgresql()).isTrue();
        assertThat(d.dataDirectory()).isEqualTo("/var/lib/kea");
        refused("\"server-id\": { \"type\": \"UUID\" }", "Dhcp6/server-id/type: unsupported DUID type 'UUID'."
                + " Expected: LLT, EN or LL");
        refused("\"server-id\": { \"persist\": true }", "Dhcp6/server-id: missing parameter 'type'");
        refused("\"interfaces-config\": { \"interfaces\": [ \"eth0/192.0.2.1\" ] }",
                "Dhcp6/interfaces-config/interfaces[0]: Failed to select interface: '192.0.2.1' is not a valid IPv6 address");
    }

    @Test
    void classesCompileDhcp6TestsAndCarryPreferredLifetimes() {
        Dhcp6Config d = load("""
                "option-def": [ { "name": "my-id", "code": 1000, "type": "string" } ],
                "client-classes": [
                  { "name": "relayed", "test": "relay6[0].option[18].exists", "preferred-lifetime": 100,
                    "min-preferred-lifetime": 50 },
                  { "name": "mine", "test": "option[my-id].exists and member('relayed')" } ]
                """);
        ClientClassDef c = d.clientClass("relayed");
        assertThat(c.expression6()).isNotNull();
        assertThat(c.expression()).isNull();
        assertThat(c.preferredLifetime()).isEqualTo(100L);
        assertThat(c.minPreferredLifetime()).isEqualTo(50L);
        assertThat(d.clientClass("mine").expression6()).isNotNull();
        assertThat(d.optionDefs()).hasSize(1);
        refused("""
                "client-classes": [ { "name": "c", "preferred-lifetime": 100, "max-preferred-lifetime": 50 } ]
                """, "Dhcp6/client-classes[0]/max-preferred-lifetime: the value of max-preferred-lifetime (50) is"
                + " not more than preferred-lifetime (100)");
    }

    @Test
    void encodesDhcp6OptionsByNameAndCode() {
        Dhcp6Config d = load("""
                "option-data": [ { "name": "dns-servers", "data": "2001:db8::1, 2001:db8::2" },
                                 { "code": 7, "data": "255" },
                                 { "code": 40000, "csv-format": false, "data": "0a0b" },
                                 { "space": "vendor-4491", "name": "tftp-servers", "data": "2001:db8::69" } ]
                """);
        assertThat(d.optionData()).extracting(OptionData::name, OptionData::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dns-servers", 23),
                org.assertj.core.groups.Tuple.tuple("preference", 7),
                org.assertj.core.groups.Tuple.tuple("", 40000),
                org.assertj.core.groups.Tuple.tuple("tftp-servers", 32));
        assertThat(d.optionData().get(0).encoded()).hasSize(32);
        assertThat(d.optionData().get(1).encoded()).containsExactly((byte) 255);
        assertThat(d.optionData().get(0).space()).isEqualTo("dhcp6");
        refused("\"option-data\": [ { \"code\": 7, \"data\": \"256\" } ]", "Dhcp6/option-data[0]/data:"
                + " '256' is out of range for uint8");
    }

    @Test
    void refusesARenewTimerAboveTheRebindTimerInASubnetOrNetworkButNotGlobally() {
        SuiteConfig c = parse("\"renew-timer\": 3000, \"rebind-timer\": 2000");
        assertThat(c.warnings()).extracting(ConfigWarning::path).contains("Dhcp6/renew-timer");
        refused("""
                "shared-networks": [ { "name": "a", "renew-timer": 3000, "rebind-timer": 2000 } ]
                """, "Dhcp6/shared-networks[0]/renew-timer: the value of renew-timer (3000) is greater than the value"
                + " of rebind-timer (2000)");
        refused("\"option-data\": [ { \"code\": 0, \"csv-format\": false, \"data\": \"01\" } ]",
                "Dhcp6/option-data[0]/code: invalid option code '0': reserved value");
        refused("""
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "renew-timer": 3000, "rebind-timer": 2000 } ]
                """, "Dhcp6/subnet6[0]/renew-timer: the value of renew-timer (3000) is greater than the value of"
                + " rebind-timer (2000)");
    }
}
