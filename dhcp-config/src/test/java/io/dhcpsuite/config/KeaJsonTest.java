package io.dhcpsuite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class KeaJsonTest {

    private static KeaJson parse(String json) {
        return KeaJson.of(JsonMapper.builder().build().readTree(json), "Dhcp4");
    }

    @Test
    void errorsNameTheFullPathOfTheKey() {
        KeaJson d = parse("{\"subnet4\": [{\"id\": 1}, {\"id\": \"x\"}]}");
        KeaJson second = d.list("subnet4").get(1);
        assertThat(second.path()).isEqualTo("Dhcp4/subnet4[1]");
        assertThatThrownBy(() -> second.integer("id", 0, 1, 10))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Dhcp4/subnet4[1]/id: expected integer, got string");
        assertThatThrownBy(() -> d.list("subnet4").get(0).integer("id", 0, 2, 10))
                .hasMessage("Dhcp4/subnet4[0]/id: value 1 is out of range 2..10");
    }

    @Test
    void nullAndAbsentKeysTakeTheDefault() {
        KeaJson d = parse("{\"a\": null}");
        assertThat(d.string("a", "def")).isEqualTo("def");
        assertThat(d.bool("b", true)).isTrue();
        assertThat(d.list("c")).isEmpty();
        assertThat(d.map("m").isMissing()).isTrue();
        assertThat(d.map("m").string("x", "y")).isEqualTo("y");
        assertThat(d.map("m").pathOf("x")).isEqualTo("Dhcp4/m/x");
    }

    @Test
    void refusesWrongContainerTypesAndUnknownKeys() {
        KeaJson d = parse("{\"m\": [1], \"l\": {}, \"s\": [\"a\", 2], \"k\": 1}");
        assertThatThrownBy(() -> d.map("m")).hasMessage("Dhcp4/m: expected map, got list");
        assertThatThrownBy(() -> d.list("l")).hasMessage("Dhcp4/l: expected list, got map");
        assertThatThrownBy(() -> d.stringList("s")).hasMessage("Dhcp4/s[1]: expected string, got integer");
        assertThatThrownBy(() -> d.allowOnly(Set.of("m", "l", "s"))).hasMessage("Dhcp4/k: unknown parameter");
        assertThatThrownBy(() -> d.requiredString("name")).hasMessage("Dhcp4: missing parameter 'name'");
    }

    @Test
    void readsTypedValues() {
        KeaJson d = parse("{\"s\": \"v\", \"b\": false, \"i\": 7, \"r\": 0.5, \"l\": [\"x\", \"y\"]}");
        assertThat(d.string("s", null)).isEqualTo("v");
        assertThat(d.bool("b", true)).isFalse();
        assertThat(d.integer("i", 0, 0, 10)).isEqualTo(7);
        assertThat(d.real("r", 0)).isEqualTo(0.5);
        assertThat(d.stringList("l")).isEqualTo(List.of("x", "y"));
        assertThat(d.keys()).containsExactly("s", "b", "i", "r", "l");
    }
}
