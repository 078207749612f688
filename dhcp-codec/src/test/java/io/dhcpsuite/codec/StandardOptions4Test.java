package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardOptions4Test {

    @Test
    void looksUpByKeaNameAndCode() {
        OptionDefinition dns = StandardOptions4.byName("domain-name-servers");

        assertThat(dns).isEqualTo(OptionDefinition.of("domain-name-servers", 6, "dhcp4", OptionType.IPV4_ADDRESS, true));
        assertThat(StandardOptions4.byCode(6)).isSameAs(dns);
        assertThat(StandardOptions4.byCode(121).name()).isEqualTo("classless-static-route");
        assertThat(StandardOptions4.byName("fqdn").recordTypes())
                .containsExactly(OptionType.UINT8, OptionType.UINT8, OptionType.UINT8, OptionType.FQDN);
        assertThat(StandardOptions4.byName("dhcp-agent-options").encapsulate()).isEqualTo("dhcp-agent-options-space");
        assertThat(StandardOptions4.byName("vendor-encapsulated-options").code()).isEqualTo(43);
        assertThat(StandardOptions4.byName("no-such-option")).isNull();
        assertThat(StandardOptions4.byCode(0)).isNull();
        assertThat(StandardOptions4.byCode(300)).isNull();
        assertThat(StandardOptions4.agentByName("link-selection").code()).isEqualTo(5);
        assertThat(StandardOptions4.agentByCode(2).name()).isEqualTo("remote-id");
    }

    @Test
    void namesAndCodesAreUniqueAndAscending() {
        List<OptionDefinition> all = StandardOptions4.all();
        Set<String> names = new HashSet<>();
        int last = 0;
        for (OptionDefinition d : all) {
            assertThat(names.add(d.name())).as(d.name()).isTrue();
            assertThat(d.code()).as(d.name()).isGreaterThan(last);
            last = d.code();
        }
        assertThat(all).extracting(OptionDefinition::name).contains("subnet-mask", "time-offset", "routers",
                "host-name", "boot-size", "merit-dump", "domain-name", "swap-server", "root-path", "extensions-path",
                "ip-forwarding", "broadcast-address", "ntp-servers", "netbios-name-servers", "dhcp-requested-address",
                "dhcp-lease-time", "dhcp-option-overload", "dhcp-message-type", "dhcp-server-identifier",
                "dhcp-parameter-request-list", "dhcp-message", "dhcp-max-message-size", "dhcp-renewal-time",
                "dhcp-rebinding-time", "vendor-class-identifier", "dhcp-client-identifier", "nwip-domain-name",
                "tftp-server-name", "boot-file-name", "user-class", "domain-search", "vivco-suboptions",
                "vivso-suboptions", "v6-only-preferred", "subnet-selection");
    }

    @Test
    void serverManagedOptionsAreNotConfigurable() {
        for (String name : List.of("dhcp-message-type", "dhcp-lease-time", "dhcp-renewal-time", "dhcp-rebinding-time",
                "dhcp-option-overload", "dhcp-requested-address", "dhcp-parameter-request-list",
                "dhcp-max-message-size", "dhcp-client-identifier", "fqdn", "dhcp-agent-options")) {
            assertThat(StandardOptions4.byName(name).configurable()).as(name).isFalse();
        }
        assertThat(StandardOptions4.byName("routers").configurable()).isTrue();
        assertThat(StandardOptions4.byName("dhcp-server-identifier").configurable()).isTrue();
        assertThat(OptionDefinition.of("custom", 53, "my-space", OptionType.UINT8, false).configurable()).isTrue();
    }

    @Test
    void optionTypesUseKeaNames() {
        assertThat(OptionType.fromKeaName("ipv4-address")).isEqualTo(OptionType.IPV4_ADDRESS);
        assertThat(OptionType.fromKeaName("uint16")).isEqualTo(OptionType.UINT16);
        assertThat(OptionType.fromKeaName("ipv4")).isNull();
        assertThat(OptionType.IPV6_PREFIX.keaName()).isEqualTo("ipv6-prefix");
    }
}
