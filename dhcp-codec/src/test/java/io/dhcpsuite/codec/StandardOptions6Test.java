package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardOptions6Test {

    @Test
    void looksUpByKeaNameAndCode() {
        OptionDefinition dns = StandardOptions6.byName("dns-servers");

        assertThat(dns).isEqualTo(OptionDefinition.of("dns-servers", 23, "dhcp6", OptionType.IPV6_ADDRESS, true));
        assertThat(StandardOptions6.byCode(23)).isSameAs(dns);
        assertThat(StandardOptions6.byName("ia-na").recordTypes())
                .containsExactly(OptionType.UINT32, OptionType.UINT32, OptionType.UINT32);
        assertThat(StandardOptions6.byName("iaprefix").recordTypes())
                .containsExactly(OptionType.UINT32, OptionType.UINT32, OptionType.UINT8, OptionType.IPV6_ADDRESS);
        assertThat(StandardOptions6.byName("status-code").recordTypes())
                .containsExactly(OptionType.UINT16, OptionType.STRING);
        assertThat(StandardOptions6.byName("client-fqdn").recordTypes()).containsExactly(OptionType.UINT8, OptionType.FQDN);
        assertThat(StandardOptions6.byName("vendor-opts").type()).isEqualTo(OptionType.UINT32);
        assertThat(StandardOptions6.byName("pd-exclude").type()).isEqualTo(OptionType.IPV6_PREFIX);
        assertThat(StandardOptions6.byName("bootfile-param")).isEqualTo(
                OptionDefinition.of("bootfile-param", 60, "dhcp6", OptionType.TUPLE, true));
        assertThat(StandardOptions6.byName("ntp-server").encapsulate()).isEqualTo("v6-ntp-server-suboptions");
        assertThat(StandardOptions6.byName("s46-cont-mape").encapsulate()).isEqualTo("s46-cont-mape-options");
        assertThat(StandardOptions6.byName("rsoo").encapsulate()).isEqualTo("rsoo-opts");
        assertThat(StandardOptions6.byName("lq-query").encapsulate()).isEqualTo("dhcp6");
        assertThat(StandardOptions6.byCode(148).name()).isEqualTo("addr-reg-enable");
        // Kea has no "dhcp6" definition for 10 (unassigned) or 35 (withdrawn) and names 23 "dns-servers".
        assertThat(StandardOptions6.byCode(10)).isNull();
        assertThat(StandardOptions6.byCode(35)).isNull();
        assertThat(StandardOptions6.byName("domain-name-servers")).isNull();
        assertThat(StandardOptions6.byName("routers")).isNull();
    }

    @Test
    void listsEveryKeaStandardOptionOnceByAscendingCode() {
        List<OptionDefinition> all = StandardOptions6.all();
        Set<String> names = new HashSet<>();
        int last = 0;
        for (OptionDefinition d : all) {
            assertThat(names.add(d.name())).as(d.name()).isTrue();
            assertThat(d.code()).as(d.name()).isGreaterThan(last);
            assertThat(d.space()).isEqualTo("dhcp6");
            last = d.code();
        }
        assertThat(all).hasSize(76);
        assertThat(all).extracting(OptionDefinition::name).contains("clientid", "serverid", "ia-na", "ia-ta",
                "iaaddr", "oro", "preference", "elapsed-time", "relay-msg", "auth", "unicast", "status-code",
                "rapid-commit", "user-class", "vendor-class", "vendor-opts", "interface-id", "reconf-msg",
                "reconf-accept", "sip-server-dns", "sip-server-addr", "domain-search", "ia-pd", "nis-servers",
                "nisp-servers", "nis-domain-name", "nisp-domain-name", "sntp-servers", "information-refresh-time",
                "remote-id", "subscriber-id", "new-posix-timezone", "new-tzdb-timezone", "ero", "bootfile-url",
                "client-arch-type", "nii", "aftr-name", "client-linklayer-addr", "solmax-rt", "inf-max-rt",
                "dhcpv4-message", "dhcp4o6-server-addr", "v6-captive-portal", "relay-source-port");
    }

    @Test
    void knowsTheEncapsulatedSpacesKeaShips() {
        assertThat(StandardOptions6.spaces()).containsExactly("dhcp6", "4o6", "s46-cont-mape-options",
                "s46-cont-mapt-options", "s46-cont-lw-options", "s46-rule-options", "s46-v4v6bind-options",
                "v6-ntp-server-suboptions");
        assertThat(StandardOptions6.byName("4o6", "4o6-source-port"))
                .isEqualTo(OptionDefinition.of("4o6-source-port", 60002, "4o6", OptionType.UINT16, false));
        assertThat(StandardOptions6.byCode("v6-ntp-server-suboptions", 3).name()).isEqualTo("ntp-server-fqdn");
        assertThat(StandardOptions6.byName("s46-cont-mapt-options", "s46-rule").encapsulate())
                .isEqualTo("s46-rule-options");
        assertThat(StandardOptions6.byName("s46-v4v6bind-options", "s46-portparams").recordTypes())
                .containsExactly(OptionType.UINT8, OptionType.PSID);
        assertThat(StandardOptions6.byName("dhcp6", "clientid").code()).isEqualTo(1);
        assertThat(StandardOptions6.definitions("rsoo-opts")).isEmpty();
        assertThat(StandardOptions6.byCode("no-such-space", 1)).isNull();
        for (String space : StandardOptions6.spaces()) {
            int last = -1;
            for (OptionDefinition d : StandardOptions6.definitions(space)) {
                assertThat(d.space()).isEqualTo(space);
                assertThat(d.code()).as(space + "/" + d.name()).isGreaterThan(last);
                last = d.code();
            }
        }
    }

    @Test
    void serverManagedOptionsAreNotConfigurable() {
        for (String name : List.of("clientid", "ia-na", "ia-ta", "iaaddr", "oro", "elapsed-time", "relay-msg",
                "status-code", "rapid-commit", "interface-id", "reconf-msg", "ia-pd", "iaprefix", "client-fqdn")) {
            assertThat(StandardOptions6.byName(name).configurable()).as(name).isFalse();
        }
        for (String name : List.of("serverid", "preference", "dns-servers", "domain-search", "vendor-opts",
                "sntp-servers", "information-refresh-time", "unicast")) {
            assertThat(StandardOptions6.byName(name).configurable()).as(name).isTrue();
        }
        // Code 3 is ia-na in dhcp6 but routers in dhcp4: the space decides.
        assertThat(StandardOptions4.byCode(3).configurable()).isTrue();
        assertThat(OptionDefinition.of("custom", 3, "my-space", OptionType.UINT8, false).configurable()).isTrue();
    }

    @Test
    void dhcp6TuplesHaveTwoOctetLengths() {
        OptionDefinition param = StandardOptions6.byName("bootfile-param");

        byte[] wire = OptionDataCodec.encode(param, "root=/dev/sda, quiet", true);

        assertThat(wire).containsExactly(0, 13, 'r', 'o', 'o', 't', '=', '/', 'd', 'e', 'v', '/', 's', 'd', 'a',
                0, 5, 'q', 'u', 'i', 'e', 't');
        assertThat(OptionDataCodec.format(param, wire)).isEqualTo("root=/dev/sda, quiet");
    }

    @Test
    void codesAreSixteenBitsOutsideTheDhcp4Spaces() {
        assertThat(OptionDefinition.of("big", 65535, "dhcp6", OptionType.UINT8, false).code()).isEqualTo(65535);
        assertThatThrownBy(() -> OptionDefinition.of("big", 65536, "dhcp6", OptionType.UINT8, false))
                .hasMessage("option code 65536 is not in 0..65535");
        assertThatThrownBy(() -> OptionDefinition.of("big", 256, "dhcp4", OptionType.UINT8, false))
                .hasMessage("option code 256 is not in 0..255");
        assertThatThrownBy(() -> OptionDefinition.of("big", 256, "dhcp-agent-options-space", OptionType.UINT8, false))
                .hasMessage("option code 256 is not in 0..255");
    }
}
