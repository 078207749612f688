package io.dhcpsuite.config;

import static io.dhcpsuite.config.KeaConfigLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Configuration that Kea accepts and the suite accepts too, but says out loud has no effect here. */
class AcceptedButIgnoredTest {

    private static final String LEASE_CMDS = "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so";

    @Test
    void aDhcp6SectionIsServedWithoutAWarning() {
        SuiteConfig c = KeaConfigLoader.parse("{ \"Dhcp4\": {}, \"Dhcp6\": { \"subnet6\": [] } }", null);
        assertThat(c.warnings()).isEmpty();
        assertThat(c.dhcp6()).isNotNull();
    }

    @Test
    void warnsAboutAPoolGuardedByAnHaClassWhenNoHaHookIsLoaded() {
        String subnet = "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": ["
                + " { \"pool\": \"192.0.2.10 - 192.0.2.20\", \"client-class\": \"HA_server1\" } ] } ]";
        SuiteConfig without = load(subnet);
        assertThat(without.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("Dhcp4/subnet4[0]/pools[0]/client-class");
            assertThat(w.message()).contains("HA_server1").contains("libdhcp_ha.so");
        });
        SuiteConfig with = load(subnet + ", \"hooks-libraries\": [ { \"library\": \"" + LEASE_CMDS + "\" },"
                + " { \"library\": \"/opt/kea/libdhcp_ha.so\", \"parameters\": { \"high-availability\": [ {"
                + " \"this-server-name\": \"server1\", \"mode\": \"hot-standby\", \"peers\": ["
                + " { \"name\": \"server1\", \"url\": \"http://192.0.2.1:8001/\", \"role\": \"primary\" },"
                + " { \"name\": \"server2\", \"url\": \"http://192.0.2.2:8001/\", \"role\": \"standby\" } ] } ] } } ]");
        assertThat(with.warnings()).noneMatch(w -> w.message().contains("HA_server1"));
    }

    @Test
    void leaseCmdsParametersAreCheckedAndUnusedKeysNamed() {
        SuiteConfig c = load("\"hooks-libraries\": [ { \"library\": \"/any/dir/libdhcp_lease_cmds.so\","
                + " \"parameters\": { \"heartbeat-delay\": 10, \"binding-variables\": [] } } ]");
        assertThat(c.warnings()).extracting(ConfigWarning::toString).containsExactly(
                "Dhcp4/hooks-libraries[0]/parameters/heartbeat-delay: ignored: libdhcp_lease_cmds.so takes no"
                        + " parameter 'heartbeat-delay' (Kea ignores it too)",
                "Dhcp4/hooks-libraries[0]/parameters/binding-variables: accepted but not implemented");
        assertThatThrownBy(() -> load("\"hooks-libraries\": [ { \"library\": \"" + LEASE_CMDS + "\","
                + " \"parameters\": { \"binding-variables\": {} } } ]"))
                .hasMessage("Dhcp4/hooks-libraries[0]/parameters/binding-variables: expected list, got map");
        assertThat(load("\"hooks-libraries\": [ { \"library\": \"/opt/libother.so\", \"parameters\": { \"x\": 1 } } ]")
                .warnings()).isEmpty();
    }

    @Test
    void globalAuthoritativeIsPartOfTheModel() {
        assertThat(load("\"authoritative\": true").dhcp4().authoritative()).isTrue();
        assertThat(load("").dhcp4().authoritative()).isFalse();
        assertThatThrownBy(() -> load("\"authoritative\": \"yes\""))
                .hasMessage("Dhcp4/authoritative: expected boolean, got string");
    }
}
