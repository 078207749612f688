package io.dhcpsuite.config;

import static io.dhcpsuite.config.KeaConfigLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Subnets without an id get Kea 2.2's numbers (checked against kea-dhcp4 in KeaExamplesCorpusTest). */
class SubnetIdTest {

    private static List<String> idsByPrefix(SuiteConfig c) {
        return c.dhcp4().subnets().stream().map(s -> s.text() + "=" + s.id()).toList();
    }

    @Test
    void numbersSharedNetworksFirstThenTopLevelSubnetsFromOne() {
        SuiteConfig c = load("""
                "subnet4": [ { "subnet": "192.0.2.0/24" }, { "subnet": "192.0.3.0/24", "id": 0 } ],
                "shared-networks": [ { "name": "a", "subnet4": [ { "subnet": "198.18.0.0/24" },
                                                                 { "subnet": "198.18.1.0/24" } ] } ]
                """);
        assertThat(idsByPrefix(c)).containsExactly("192.0.2.0/24=3", "192.0.3.0/24=4", "198.18.0.0/24=1",
                "198.18.1.0/24=2");
        assertThat(c.warnings()).extracting(ConfigWarning::path).containsExactly(
                "Dhcp4/shared-networks[0]/subnet4[0]", "Dhcp4/shared-networks[0]/subnet4[1]",
                "Dhcp4/subnet4[0]", "Dhcp4/subnet4[1]");
        assertThat(c.warnings().get(2).message()).startsWith("subnet 192.0.2.0/24 has no id; it gets id 3")
                .contains("\"id\": 3");
        assertThat(c.dhcp4().sharedNetworks().get(0).subnetIds()).containsExactly(1L, 2L);
    }

    @Test
    void explicitIdsDoNotMoveTheCounterAndACollisionIsRefused() {
        SuiteConfig c = load("""
                "subnet4": [ { "subnet": "192.0.2.0/24", "id": 10 }, { "subnet": "192.0.3.0/24" },
                             { "subnet": "192.0.4.0/24" } ]
                """);
        assertThat(idsByPrefix(c)).containsExactly("192.0.2.0/24=10", "192.0.3.0/24=1", "192.0.4.0/24=2");
        assertThatThrownBy(() -> load("""
                "subnet4": [ { "subnet": "192.0.2.0/24" }, { "subnet": "192.0.3.0/24", "id": 1 } ]
                """)).hasMessage("Dhcp4/subnet4[1]/id: subnet id 1 is already used by Dhcp4/subnet4[0]"
                + " (Dhcp4/subnet4[0] has no id and was numbered 1 as Kea 2.2-2.5 do; give the subnets explicit ids)");
    }

    @Test
    void theSameFileGivesTheSameIdsOnEveryLoad() {
        String body = "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" }, { \"subnet\": \"192.0.3.0/24\" } ]";
        assertThat(idsByPrefix(load(body))).isEqualTo(idsByPrefix(load(body)))
                .containsExactly("192.0.2.0/24=1", "192.0.3.0/24=2");
    }

    @Test
    void explicitIdsNeedNoWarning() {
        assertThat(load(KeaConfigLoaderTest.SUBNET).warnings()).isEmpty();
    }
}
