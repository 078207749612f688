package io.dhcpsuite.config;

import static io.dhcpsuite.config.KeaConfigLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Keys Kea renamed between 2.2 and 2.7: the old and the new spelling both load (docs/configuration.md). */
class KeaSpellingsTest {

    private static String subnetWithPool(String poolExtra) {
        return "\"client-classes\": [ { \"name\": \"voip\" } ], \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\","
                + " \"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.20\", " + poolExtra + " } ] } ]";
    }

    @Test
    void poolClassGuardInBothSpellings() {
        assertThat(load(subnetWithPool("\"client-class\": \"voip\"")).dhcp4().subnets().get(0).pools().get(0)
                .clientClasses()).containsExactly("voip");
        assertThat(load(subnetWithPool("\"client-classes\": [ \"voip\" ]")).dhcp4().subnets().get(0).pools().get(0)
                .clientClasses()).containsExactly("voip");
        assertThatThrownBy(() -> load(subnetWithPool("\"client-class\": \"voip\", \"client-classes\": [ \"voip\" ]")))
                .hasMessageStartingWith("Dhcp4/subnet4[0]/pools[0]: cannot specify both 'client-class' and 'client-classes'");
    }

    @Test
    void additionalClassesInBothSpellings() {
        assertThat(load("\"client-classes\": [ { \"name\": \"a\", \"only-if-required\": true } ]").dhcp4()
                .clientClass("a").onlyInAdditionalList()).isTrue();
        assertThat(load("\"client-classes\": [ { \"name\": \"a\", \"only-in-additional-list\": true } ]").dhcp4()
                .clientClass("a").onlyInAdditionalList()).isTrue();
        assertThat(load(subnetWithPool("\"require-client-classes\": [ \"voip\" ]")).warnings())
                .extracting(ConfigWarning::path).contains("Dhcp4/subnet4[0]/pools[0]/require-client-classes");
        assertThat(load(subnetWithPool("\"evaluate-additional-classes\": [ \"voip\" ]")).warnings())
                .extracting(ConfigWarning::path).contains("Dhcp4/subnet4[0]/pools[0]/evaluate-additional-classes");
    }

    @Test
    void controlSocketLoggerOutputAndRelayInBothSpellings() {
        assertThat(load("\"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"/tmp/k\" }").warnings())
                .extracting(ConfigWarning::path).containsExactly("Dhcp4/control-socket");
        assertThat(load("\"control-sockets\": [ { \"socket-type\": \"unix\", \"socket-name\": \"/tmp/k\" } ]").warnings())
                .extracting(ConfigWarning::path).containsExactly("Dhcp4/control-sockets");
        for (String key : new String[] {"output_options", "output-options"}) {
            assertThat(load("\"loggers\": [ { \"name\": \"kea-dhcp4\", \"" + key + "\": [ { \"output\": \"stdout\" } ] } ]")
                    .dhcp4().loggers().get(0).outputs()).containsExactly("stdout");
        }
        for (String relay : new String[] {"\"ip-address\": \"192.0.2.1\"", "\"ip-addresses\": [ \"192.0.2.1\" ]"}) {
            assertThat(load("\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"relay\": { " + relay + " } } ]")
                    .dhcp4().subnets().get(0).relayAddresses()).hasSize(1);
        }
    }

    @Test
    void conflictResolutionInBothSpellings() {
        assertThat(load("\"ddns-use-conflict-resolution\": false").dhcp4().ddns().conflictResolutionMode())
                .isEqualTo("no-check-with-dhcid");
        assertThat(load("\"ddns-conflict-resolution-mode\": \"no-check-with-dhcid\"").dhcp4().ddns()
                .conflictResolutionMode()).isEqualTo("no-check-with-dhcid");
    }
}
