package io.dhcpsuite.config;

import static io.dhcpsuite.config.KeaConfigLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.codec.Ipv4;
import org.junit.jupiter.api.Test;

class DdnsParamsTest {

    @Test
    void appliesKeasDefaultsWhenNothingIsSet() {
        Dhcp4Config d = load(KeaConfigLoaderTest.SUBNET).dhcp4();
        assertThat(d.ddns()).isEqualTo(DdnsParams.DEFAULTS);
        assertThat(d.subnets().get(0).ddns()).isEqualTo(DdnsParams.DEFAULTS);
        assertThat(d.subnets().get(0).pools().get(0).ddns()).isEqualTo(DdnsParams.DEFAULTS);
        assertThat(d.dhcpDdnsClient()).isEqualTo(DhcpDdnsClient.DEFAULTS);
        assertThat(d.ddnsEnabled(d.ddns())).isFalse();
        DdnsParams p = DdnsParams.DEFAULTS;
        assertThat(p.sendUpdates()).isTrue();
        assertThat(p.replaceClientName()).isEqualTo(DdnsParams.ReplaceClientName.NEVER);
        assertThat(p.generatedPrefix()).isEqualTo("myhost");
        assertThat(p.hostnameCharSet()).isEqualTo("[^A-Za-z0-9.-]");
        assertThat(p.conflictResolutionMode()).isEqualTo("check-with-dhcid");
    }

    @Test
    void inheritsGlobalSharedNetworkSubnetPool() {
        Dhcp4Config d = load("""
                "dhcp-ddns": { "enable-updates": true, "server-port": 53011, "max-queue-size": 10 },
                "ddns-qualifying-suffix": "example.org", "ddns-send-updates": false, "ddns-ttl-percent": 0.5,
                "shared-networks": [ { "name": "n", "ddns-send-updates": true, "ddns-generated-prefix": "net",
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "ddns-qualifying-suffix": "sub.example.org",
                                 "ddns-conflict-resolution-mode": "no-check-without-dhcid",
                                 "pools": [ { "pool": "192.0.2.10 - 192.0.2.20", "ddns-replace-client-name": "always",
                                              "hostname-char-set": "", "ddns-ttl-percent": 0 },
                                            { "pool": "192.0.2.30 - 192.0.2.40" } ] } ] } ],
                "subnet4": [ { "id": 2, "subnet": "198.51.100.0/24", "ddns-use-conflict-resolution": false } ]
                """).dhcp4();
        assertThat(d.dhcpDdnsClient()).isEqualTo(new DhcpDdnsClient(true, "127.0.0.1", 53011, "", 0, 10, "UDP", "JSON"));
        assertThat(d.ddns().sendUpdates()).isFalse();
        Subnet4 s1 = d.subnet(1);
        assertThat(s1.ddns().sendUpdates()).isTrue();
        assertThat(s1.ddns().generatedPrefix()).isEqualTo("net");
        assertThat(s1.ddns().qualifyingSuffix()).isEqualTo("sub.example.org");
        assertThat(s1.ddns().conflictResolutionMode()).isEqualTo("no-check-without-dhcid");
        assertThat(s1.ddns().ttlPercent()).isEqualTo(0.5);
        Pool4 p0 = s1.pools().get(0);
        assertThat(p0.ddns().replaceClientName()).isEqualTo(DdnsParams.ReplaceClientName.ALWAYS);
        assertThat(p0.ddns().hostnameCharSet()).isEmpty();
        assertThat(p0.ddns().ttlPercent()).as("0 unspecifies the inherited value").isNull();
        assertThat(p0.ddns().qualifyingSuffix()).isEqualTo("sub.example.org");
        assertThat(s1.pools().get(1).ddns()).isEqualTo(s1.ddns());
        assertThat(d.ddnsFor(1, Ipv4.parse("192.0.2.15"))).isEqualTo(p0.ddns());
        assertThat(d.ddnsFor(1, Ipv4.parse("192.0.2.99"))).isEqualTo(s1.ddns());
        assertThat(d.ddnsFor(77, Ipv4.parse("192.0.2.15"))).isEqualTo(d.ddns());
        Subnet4 s2 = d.subnet(2);
        assertThat(s2.ddns().sendUpdates()).isFalse();
        assertThat(s2.ddns().conflictResolutionMode()).as("legacy boolean false").isEqualTo("no-check-with-dhcid");
        assertThat(d.ddnsEnabled(s1.ddns())).isTrue();
        assertThat(d.ddnsEnabled(s2.ddns())).isFalse();
    }

    @Test
    void readsTheDeprecatedNamesInsideDhcpDdnsAfterTheGlobalOnes() {
        Dhcp4Config d = load("""
                "dhcp-ddns": { "enable-updates": true, "qualifying-suffix": "old.example", "generated-prefix": "gen" },
                "ddns-generated-prefix": "new",
                """ + KeaConfigLoaderTest.SUBNET).dhcp4();
        assertThat(d.subnet(1).ddns().qualifyingSuffix()).isEqualTo("old.example");
        assertThat(d.subnet(1).ddns().generatedPrefix()).isEqualTo("new");
    }

    @Test
    void computesTheTtlAsKea() {
        DdnsParams d = DdnsParams.DEFAULTS;
        assertThat(d.ttl(7200)).as("a third, 2400").isEqualTo(2400);
        assertThat(d.ttl(900)).as("300 raised to the 600 floor").isEqualTo(600);
        DdnsParams pct = new DdnsParams(true, false, false, DdnsParams.ReplaceClientName.NEVER, "myhost", "", false,
                "check-with-dhcid", 0.25, null, null, 1000L, "", "");
        assertThat(pct.ttl(3000)).isEqualTo(750);
        assertThat(pct.ttl(8000)).as("capped by ddns-ttl-max").isEqualTo(1000);
        DdnsParams fixed = new DdnsParams(true, false, false, DdnsParams.ReplaceClientName.NEVER, "myhost", "", false,
                "check-with-dhcid", 0.25, 120L, 300L, 1000L, "", "");
        assertThat(fixed.ttl(3000)).as("ddns-ttl wins, even under the minimum").isEqualTo(120);
        DdnsParams min = new DdnsParams(true, false, false, DdnsParams.ReplaceClientName.NEVER, "myhost", "", false,
                "check-with-dhcid", null, null, 60L, null, "", "");
        assertThat(min.ttl(9)).isEqualTo(60);
        assertThat(min.ttl(300)).isEqualTo(100);
    }

    @Test
    void refusesBadValuesWithThePath() {
        assertThatThrownBy(() -> load("\"ddns-replace-client-name\": true"))
                .hasMessageContaining("Dhcp4/ddns-replace-client-name: expected string")
                .hasMessageContaining("boolean values are no longer accepted");
        assertThatThrownBy(() -> load("\"ddns-replace-client-name\": \"sometimes\""))
                .hasMessageContaining("Dhcp4/ddns-replace-client-name: invalid ReplaceClientName mode 'sometimes'");
        assertThatThrownBy(() -> load("\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\","
                + " \"ddns-conflict-resolution-mode\": \"maybe\" } ]"))
                .hasMessageStartingWith("Dhcp4/subnet4[0]/ddns-conflict-resolution-mode: unsupported mode 'maybe'");
        assertThatThrownBy(() -> load("\"hostname-char-set\": \"[a-z\""))
                .hasMessageStartingWith("Dhcp4/hostname-char-set: invalid regex");
        assertThatThrownBy(() -> load("\"ddns-qualifying-suffix\": \"bad..name\""))
                .hasMessage("Dhcp4/ddns-qualifying-suffix: 'bad..name' is not a valid domain name");
        assertThatThrownBy(() -> load("\"dhcp-ddns\": { \"ncr-protocol\": \"TCP\" }"))
                .hasMessageStartingWith("Dhcp4/dhcp-ddns/ncr-protocol: ncr-protocol TCP is not supported");
        assertThatThrownBy(() -> load("\"dhcp-ddns\": { \"server-ip\": \"d2.example\" }"))
                .hasMessage("Dhcp4/dhcp-ddns/server-ip: 'd2.example' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> load("\"ddns-ttl-min\": 900, \"ddns-ttl-max\": 600"))
                .hasMessageStartingWith("Dhcp4/ddns-ttl-min: ddns-ttl-min 900 must be less than ddns-ttl-max 600");
        assertThatThrownBy(() -> load("\"dhcp-ddns\": { \"enable-upd\": true }"))
                .hasMessageStartingWith("Dhcp4/dhcp-ddns/enable-upd: unknown parameter");
    }

    @Test
    void ddnsKeysNoLongerWarn() {
        SuiteConfig c = load("\"ddns-send-updates\": true, \"hostname-char-set\": \"[^a-z]\", "
                + "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"ddns-ttl\": 300,"
                + " \"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.20\", \"ddns-update-on-renew\": true } ] } ]");
        assertThat(c.warnings()).isEmpty();
        assertThat(c.dhcp4().subnet(1).pools().get(0).ddns().updateOnRenew()).isTrue();
        assertThat(c.dhcp4().subnet(1).ddns().ttl()).isEqualTo(300);
    }

    @Test
    void qualifiesAndGeneratesNamesAsKea() {
        DdnsParams p = new DdnsParams(true, false, false, DdnsParams.ReplaceClientName.NEVER, "myhost", "example.org",
                false, "check-with-dhcid", null, null, null, null, "", "");
        assertThat(p.qualify("pc", true)).isEqualTo("pc.example.org.");
        assertThat(p.qualify("pc", false)).isEqualTo("pc.example.org");
        assertThat(p.qualify("pc.example.org", true)).as("suffix already there").isEqualTo("pc.example.org.");
        assertThat(p.qualify("pc.barexample.org", true)).as("not label-aligned").isEqualTo("pc.barexample.org.example.org.");
        assertThat(p.generatedName(Ipv4.parse("198.18.0.10"), true)).isEqualTo("myhost-198-18-0-10.example.org.");
        assertThat(DdnsParams.DEFAULTS.generatedName(Ipv4.parse("10.0.0.1"), false)).isEqualTo("myhost-10-0-0-1");
    }
}
