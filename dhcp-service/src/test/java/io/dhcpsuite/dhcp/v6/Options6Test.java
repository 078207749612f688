package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.Dhcp6MessageType;
import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.KeaConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which configured options a DHCPv6 reply carries, and from which scope. */
class Options6Test {
    private static final Dhcp6Config CONFIG = KeaConfigLoader.parse("""
            {"Dhcp6": {
              "option-data": [{"name": "dns-servers", "data": "2001:db8::1"},
                              {"name": "sntp-servers", "data": "2001:db8::123", "always-send": true},
                              {"name": "domain-search", "data": "global.example"},
                              {"name": "nis-servers", "data": "2001:db8::99", "client-classes": ["gold"]}],
              "client-classes": [{"name": "gold", "option-data": [{"name": "domain-search", "data": "gold.example"}]}],
              "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64",
                "option-data": [{"name": "dns-servers", "data": "2001:db8:1::1"},
                                {"name": "sntp-servers", "data": "2001:db8::124", "never-send": true}]}]
            }}
            """, null).dhcp6();

    private static Exchange6 exchange(int... oro) {
        Dhcp6Message q = Dhcp6Message.builder().type(Dhcp6MessageType.SOLICIT).transactionId(1)
                .clientId(Duid.ll(1, new byte[] {1, 2, 3, 4, 5, 6})).oro(oro).build();
        Exchange6 ex = new Exchange6(q, new Ingress6("eth0", null, (d, to) -> { }), null, 0, "eth0");
        ex.subnet = CONFIG.subnet(1);
        ex.classes.add("ALL");
        return ex;
    }

    private static Dhcp6Option find(List<Dhcp6Option> options, int code) {
        return options.stream().filter(o -> o.code() == code).findFirst().orElse(null);
    }

    @Test
    void theMostSpecificScopeWinsForTheRequestedCodes() {
        List<Dhcp6Option> out = Options6.select(CONFIG, exchange(OptionCodes6.DNS_SERVERS), List.of());
        assertThat(find(out, OptionCodes6.DNS_SERVERS).data()).isEqualTo(Ipv6.parse("2001:db8:1::1"));
        assertThat(find(out, OptionCodes6.DOMAIN_SEARCH)).as("not requested").isNull();
    }

    @Test
    void neverSendAtTheSubnetSuppressesTheGlobalAlwaysSend() {
        List<Dhcp6Option> out = Options6.select(CONFIG, exchange(), List.of());
        assertThat(find(out, 31)).isNull();
        Exchange6 noSubnet = exchange();
        noSubnet.subnet = null;
        assertThat(find(Options6.select(CONFIG, noSubnet, List.of()), 31).data()).isEqualTo(Ipv6.parse("2001:db8::123"));
    }

    @Test
    void classOptionsAndClassTaggedOptionsCountOnlyForMembers() {
        Exchange6 plain = exchange(OptionCodes6.DOMAIN_SEARCH, 27);
        List<Dhcp6Option> out = Options6.select(CONFIG, plain, List.of());
        assertThat(find(out, 27)).isNull();
        Exchange6 gold = exchange(OptionCodes6.DOMAIN_SEARCH, 27);
        gold.classes.add("gold");
        List<Dhcp6Option> goldOut = Options6.select(CONFIG, gold, List.of());
        assertThat(find(goldOut, 27)).isNotNull();
        assertThat(find(goldOut, OptionCodes6.DOMAIN_SEARCH).data()).isNotEqualTo(find(out, OptionCodes6.DOMAIN_SEARCH).data());
    }

    @Test
    void serverBuiltCodesAreNeverTakenFromOptionData() {
        List<Dhcp6Option> out = Options6.select(CONFIG, exchange(OptionCodes6.SERVERID, OptionCodes6.IA_NA,
                OptionCodes6.STATUS_CODE), List.of());
        assertThat(out).extracting(Dhcp6Option::code).doesNotContain(OptionCodes6.SERVERID, OptionCodes6.IA_NA,
                OptionCodes6.STATUS_CODE);
    }

    private static final Dhcp6Config VENDOR = KeaConfigLoader.parse("""
            {"Dhcp6": {
              "option-def": [{"name": "acme-server", "code": 5, "space": "vendor-32473", "type": "ipv6-address"},
                             {"name": "acme-name", "code": 6, "space": "vendor-32473", "type": "string"}],
              "option-data": [{"name": "acme-server", "space": "vendor-32473", "data": "2001:db8::5", "always-send": true},
                              {"name": "acme-name", "space": "vendor-32473", "data": "not-asked"},
                              {"name": "tftp-servers", "space": "vendor-4491", "data": "2001:db8::69"},
                              {"name": "config-file", "space": "vendor-4491", "data": "cm.cfg"}],
              "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64",
                "option-data": [{"name": "acme-server", "space": "vendor-32473", "data": "2001:db8:1::5"}]}]
            }}
            """, null).dhcp6();

    private static Exchange6 vendorExchange(Dhcp6Option... options) {
        Dhcp6Message.Builder b = Dhcp6Message.builder().type(Dhcp6MessageType.SOLICIT).transactionId(1)
                .clientId(Duid.ll(1, new byte[] {1, 2, 3, 4, 5, 6}));
        for (Dhcp6Option o : options) {
            b.add(o);
        }
        Exchange6 ex = new Exchange6(b.build(), new Ingress6("eth0", null, (d, to) -> { }), null, 0, "eth0");
        ex.subnet = VENDOR.subnet(1);
        ex.classes.add("ALL");
        return ex;
    }

    @Test
    void vendorOptionsOfTheClientsVendorInOneOption17() {
        Dhcp6Option asks = new io.dhcpsuite.codec.VendorOptions(32473, List.of()).toOption();
        Dhcp6Option got = find(Options6.select(VENDOR, vendorExchange(asks), List.of()), OptionCodes6.VENDOR_OPTS);
        io.dhcpsuite.codec.VendorOptions v = io.dhcpsuite.codec.VendorOptions.from(got);
        assertThat(v.enterpriseNumber()).isEqualTo(32473);
        // the always-send sub-option from the most specific scope; the other one is not asked for
        assertThat(v.options()).extracting(Dhcp6Option::code).containsExactly(5);
        assertThat(v.options().get(0).data()).isEqualTo(Ipv6.parse("2001:db8:1::5"));

        // a vendor-class (16) names the vendor too
        Dhcp6Option vendorClass = new io.dhcpsuite.codec.VendorClass(32473, List.of("acme".getBytes())).toOption();
        assertThat(find(Options6.select(VENDOR, vendorExchange(vendorClass), List.of()), OptionCodes6.VENDOR_OPTS))
                .isEqualTo(got);
        // no vendor named, no option 17; another vendor with nothing configured, none either
        assertThat(find(Options6.select(VENDOR, vendorExchange(), List.of()), OptionCodes6.VENDOR_OPTS)).isNull();
        assertThat(find(Options6.select(VENDOR, vendorExchange(new io.dhcpsuite.codec.VendorOptions(9, List.of())
                .toOption()), List.of()), OptionCodes6.VENDOR_OPTS)).isNull();
    }

    @Test
    void cableLabsSubOptionsAreTheOnesItsVendorOroAsksFor() {
        Dhcp6Option oro = new Dhcp6Option(1, new byte[] {0, 32});
        Dhcp6Option asks = new io.dhcpsuite.codec.VendorOptions(4491, List.of(oro)).toOption();
        io.dhcpsuite.codec.VendorOptions v = io.dhcpsuite.codec.VendorOptions.from(
                find(Options6.select(VENDOR, vendorExchange(asks), List.of()), OptionCodes6.VENDOR_OPTS));
        assertThat(v.enterpriseNumber()).isEqualTo(4491);
        assertThat(v.options()).extracting(Dhcp6Option::code).containsExactly(32);
        assertThat(v.options().get(0).data()).isEqualTo(Ipv6.parse("2001:db8::69"));
    }
}
