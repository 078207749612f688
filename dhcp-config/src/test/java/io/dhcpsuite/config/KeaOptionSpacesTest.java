package io.dhcpsuite.config;

import static io.dhcpsuite.config.KeaConfigLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Option spaces and redefinitions as Kea 2.2 allows them (its advanced.json and all-options.json). */
class KeaOptionSpacesTest {

    @Test
    void option43MayBeRedefinedInDhcp4AsKeaAllows() {
        SuiteConfig c = load("""
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "binary" } ],
                "option-data": [ { "code": 43, "data": "01:02:03" } ]
                """);
        assertThat(c.dhcp4().optionData().get(0).encoded()).containsExactly(1, 2, 3);
        assertThat(c.dhcp4().optionDefs().get(0).code()).isEqualTo(43);
    }

    @Test
    void standardDefinitionsStillCannotBeOverridden() {
        assertThatThrownBy(() -> load("\"option-def\": [ { \"name\": \"x\", \"code\": 3, \"type\": \"binary\" } ]"))
                .hasMessage("Dhcp4/option-def[0]/code: unable to override definition of option '3' in standard"
                        + " option space 'dhcp4'");
        assertThatThrownBy(() -> load("\"option-def\": [ { \"name\": \"routers\", \"code\": 200, \"type\": \"binary\" } ]"))
                .hasMessage("Dhcp4/option-def[0]/name: unable to override definition of option 'routers' in standard"
                        + " option space 'dhcp4'");
    }

    @Test
    void docsis3OptionsAreKnownUnderBothOfKeasNames() {
        for (String space : new String[] {"docsis3-v4", "vendor-4491"}) {
            SuiteConfig c = load("\"option-data\": [ { \"name\": \"tftp-servers\", \"code\": 2, \"space\": \"" + space
                    + "\", \"data\": \"192.0.2.76, 192.0.2.77\" }, { \"name\": \"oro\", \"space\": \"" + space
                    + "\", \"data\": \"32, 42\" } ]");
            assertThat(c.dhcp4().optionData().get(0).encoded()).containsExactly(192, 0, 2, 76, 192, 0, 2, 77);
            assertThat(c.dhcp4().optionData().get(1).encoded()).containsExactly(32, 42);
        }
    }

    @Test
    void vendorEncapsulatedSubOptionsNeedTheirDefinitionAsInKea() {
        SuiteConfig c = load("""
                "option-def": [ { "name": "tftp", "code": 2, "space": "vendor-encapsulated-options-space",
                                  "type": "ipv4-address" } ],
                "option-data": [ { "name": "tftp", "space": "vendor-encapsulated-options-space", "data": "192.0.2.9" },
                                 { "name": "vendor-encapsulated-options" } ]
                """);
        assertThat(c.dhcp4().optionData().get(0).encoded()).containsExactly(192, 0, 2, 9);
        assertThatThrownBy(() -> load("\"option-data\": [ { \"name\": \"tftp\","
                + " \"space\": \"vendor-encapsulated-options-space\", \"data\": \"192.0.2.9\" } ]"))
                .hasMessageStartingWith("Dhcp4/option-data[0]/name: definition for the option"
                        + " 'vendor-encapsulated-options-space.tftp' does not exist");
    }

    @Test
    void realsMayStartWithTheDecimalPointAsInKeasAllKeysExample() {
        SuiteConfig c = load("\"calculate-tee-times\": true, \"t1-percent\": .5, \"t2-percent\": .75, " + KeaConfigLoaderTest.SUBNET);
        assertThat(c.dhcp4().subnets().get(0).lifetimes().t2Percent()).isEqualTo(0.75);
    }
}
