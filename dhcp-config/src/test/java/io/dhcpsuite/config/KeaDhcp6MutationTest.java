package io.dhcpsuite.config;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mutations of Kea's kea6 example files that {@code kea-dhcp6 -t} refuses: the suite must refuse
 * each too, naming the path of the offending key. Each case starts from a file both accept.
 */
class KeaDhcp6MutationTest {

    @TempDir
    static Path work;

    @BeforeAll
    static void needsKea() {
        assumeTrue(KeaExamples.installed(), "kea-doc is not installed (apt-get install kea-doc): Kea's example"
                + " files under " + KeaExamples.EXAMPLES + " are missing");
    }

    private static ObjectNode dhcp6(ObjectNode root) {
        return (ObjectNode) root.get("Dhcp6");
    }

    private static ObjectNode subnet(ObjectNode root, int i) {
        return (ObjectNode) dhcp6(root).get("subnet6").get(i);
    }

    private static ObjectNode pdPool(ObjectNode root) {
        return (ObjectNode) subnet(root, 0).get("pd-pools").get(0);
    }

    private static void bothRefuse(String file, Consumer<ObjectNode> mutation, String message) throws Exception {
        KeaExamples.bothRefuse(work, "kea6", file, mutation, message);
    }

    @Test
    void aMisspeltOrForeignKeyIsRefusedWithItsPath() throws Exception {
        bothRefuse("several-subnets.json", r -> dhcp6(r).set("preferred-lifetme", dhcp6(r).remove("preferred-lifetime")),
                "Dhcp6/preferred-lifetme: unknown parameter (did you mean 'preferred-lifetime'?)");
        bothRefuse("reservations.json", r -> subnet(r, 0).set("pd-pool", subnet(r, 0).remove("pd-pools")),
                "Dhcp6/subnet6[0]/pd-pool: unknown parameter");
        // Dhcp4 keys that Dhcp6 does not have
        bothRefuse("several-subnets.json", r -> subnet(r, 0).put("next-server", "192.0.2.1"),
                "Dhcp6/subnet6[0]/next-server: unknown parameter");
        bothRefuse("reservations.json", r -> ((ObjectNode) subnet(r, 0).get("reservations").get(0))
                        .put("ip-address", "2001:db8:1::100"),
                "Dhcp6/subnet6[0]/reservations[0]/ip-address: unknown parameter");
        bothRefuse("several-subnets.json", r -> dhcp6(r).putObject("dhcp-ddns").put("always-include-fqdn", true),
                "Dhcp6/dhcp-ddns/always-include-fqdn: unknown parameter");
    }

    @Test
    void aWrongTypeIsRefusedWithItsPath() throws Exception {
        bothRefuse("several-subnets.json", r -> subnet(r, 1).put("renew-timer", "900"),
                "Dhcp6/subnet6[1]/renew-timer: expected integer, got string");
        bothRefuse("reservations.json", r -> subnet(r, 0).put("rapid-commit", "yes"),
                "Dhcp6/subnet6[0]/rapid-commit: expected boolean, got string");
        bothRefuse("reservations.json", r -> pdPool(r).put("delegated-len", "64"),
                "Dhcp6/subnet6[0]/pd-pools[0]/delegated-len: expected integer, got string");
    }

    @Test
    void poolsOutsideTheirSubnetOrOverlappingAreRefused() throws Exception {
        bothRefuse("several-subnets.json",
                r -> ((ArrayNode) subnet(r, 0).get("pools")).addObject().put("pool", "2001:db8:1::8000 - 2001:db8:1::9000"),
                "Dhcp6/subnet6[0]/pools[1]/pool: pool 2001:db8:1::8000 - 2001:db8:1::9000 overlaps with Dhcp6/subnet6[0]/pools[0]");
        bothRefuse("several-subnets.json",
                r -> ((ArrayNode) subnet(r, 0).get("pools")).addObject().put("pool", "2001:db8:9::/80"),
                "Dhcp6/subnet6[0]/pools[1]/pool: pool 2001:db8:9:: - 2001:db8:9::ffff:ffff:ffff is not inside subnet 2001:db8:1::/64");
        bothRefuse("several-subnets.json", r -> {
            subnet(r, 1).put("subnet", "2001:db8:1::/64");
            ((ObjectNode) subnet(r, 1).get("pools").get(0)).put("pool", "2001:db8:1:0:1::/80");
        },
                "Dhcp6/subnet6[1]/subnet: subnet 2001:db8:1::/64 is already defined by Dhcp6/subnet6[0]");
    }

    @Test
    void prefixDelegationPoolsFollowKeasRules() throws Exception {
        bothRefuse("reservations.json", r -> pdPool(r).put("delegated-len", 48),
                "Dhcp6/subnet6[0]/pd-pools[0]/delegated-len: Delegated length (48) must be longer than or equal to prefix length (56)");
        bothRefuse("reservations.json", r -> pdPool(r).put("prefix-len", 0),
                "Dhcp6/subnet6[0]/pd-pools[0]/prefix-len: Invalid prefix length: 0");
        bothRefuse("reservations.json", r -> pdPool(r).put("excluded-prefix", "2001:db8:1:8000::").put("excluded-prefix-len", 64),
                "Dhcp6/subnet6[0]/pd-pools[0]/excluded-prefix-len: length of the excluded prefix");
        bothRefuse("reservations.json", r -> pdPool(r).put("excluded-prefix", "2001:db8:2::").put("excluded-prefix-len", 72),
                "Dhcp6/subnet6[0]/pd-pools[0]/excluded-prefix: excluded prefix 2001:db8:2::/72 must have the same common prefix part of 64");
        bothRefuse("reservations.json", r -> pdPool(r).remove("delegated-len"),
                "Dhcp6/subnet6[0]/pd-pools[0]: missing parameter 'delegated-len'");
    }

    @Test
    void subnetLevelConflictsAreRefused() throws Exception {
        bothRefuse("reservations.json", r -> subnet(r, 0).put("interface-id", "relay1"),
                "Dhcp6/subnet6[0]/interface-id: interface (defined for locally reachable subnets) and interface-id");
        bothRefuse("several-subnets.json", r -> subnet(r, 0).put("renew-timer", 3000).put("rebind-timer", 2000),
                "Dhcp6/subnet6[0]/renew-timer: the value of renew-timer (3000) is greater than the value of rebind-timer (2000)");
        bothRefuse("several-subnets.json", r -> subnet(r, 0).put("min-preferred-lifetime", 5000),
                "Dhcp6/subnet6[0]/min-preferred-lifetime: the value of min-preferred-lifetime (5000) is not less than preferred-lifetime (3000)");
    }

    @Test
    void reservationsAndServerIdAreChecked() throws Exception {
        bothRefuse("reservations.json", r -> ((ObjectNode) subnet(r, 0).get("reservations").get(0))
                        .putArray("ip-addresses").add("2001:db8:9::1"),
                "Dhcp6/subnet6[0]/reservations[0]/ip-addresses[0]: specified reservation '2001:db8:9::1' is not within the IPv6 subnet '2001:db8:1::/48'");
        bothRefuse("duid.json", r -> ((ObjectNode) dhcp6(r).get("server-id")).put("htype", 70000),
                "Dhcp6/server-id/htype: value 70000 is out of range 0..65535");
        bothRefuse("several-subnets.json", r -> dhcp6(r).putArray("host-reservation-identifiers").add("client-id"),
                "Dhcp6/host-reservation-identifiers[0]: unsupported identifier 'client-id'");
    }

    @Test
    void optionsAndClassesUseTheDhcp6Definitions() throws Exception {
        bothRefuse("several-subnets.json", r -> dhcp6(r).putArray("option-data").addObject()
                        .put("name", "domain-name-servers").put("data", "2001:db8::1"),
                "Dhcp6/option-data[0]/name: definition for the option 'dhcp6.domain-name-servers' does not exist");
        bothRefuse("several-subnets.json", r -> dhcp6(r).putArray("option-data").addObject()
                        .put("name", "dns-servers").put("data", "192.0.2.1"),
                "Dhcp6/option-data[0]/data:");
        bothRefuse("several-subnets.json", r -> dhcp6(r).putArray("option-def").addObject()
                        .put("name", "my-dns").put("code", 23).put("type", "ipv6-address"),
                "Dhcp6/option-def[0]/code: unable to override definition of option '23' in standard option space 'dhcp6'");
        bothRefuse("classify.json", r -> ((ObjectNode) dhcp6(r).get("client-classes").get(1)).put("test", "pkt4.msgtype == 1"),
                "Dhcp6/client-classes[1]/test: expression [pkt4.msgtype == 1]: pkt4 can only be used in DHCPv4");
        bothRefuse("classify.json", r -> ((ObjectNode) dhcp6(r).get("client-classes").get(1))
                        .put("test", "relay6[40].option[37].exists"),
                "Dhcp6/client-classes[1]/test: expression [relay6[40].option[37].exists]: nest level 40");
    }
}
