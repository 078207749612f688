package io.dhcpsuite.dhcp.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.config.OptionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionAssemblerTest {

    private static OptionData opt(int code, int value) {
        return opt(code, value, false, false, List.of());
    }

    private static OptionData opt(int code, int value, boolean always, boolean never, List<String> classes) {
        return new OptionData("o" + code, code, "dhcp4", String.valueOf(value), true, always, never, classes,
                new byte[] {(byte) value});
    }

    private static List<String> chosen(List<OptionAssembler.Chosen> out) {
        List<String> s = new ArrayList<>();
        for (OptionAssembler.Chosen c : out) {
            s.add(c.code() + "=" + c.payload()[0]);
        }
        return s;
    }

    @Test
    void firstScopeWinsRequestedFirstInTheClientsOrderThenAskedForOrBasicByCode() {
        List<OptionData> subnet = List.of(opt(42, 1), opt(3, 1), opt(6, 1));
        List<OptionData> global = List.of(opt(3, 2), opt(15, 2), opt(26, 2), opt(66, 2, true, false, List.of()));
        byte[] prl = {42, 26, 1};
        List<OptionAssembler.Chosen> out = OptionAssembler.choose(List.of(subnet, global), prl, Set.of(), Set.of());
        // 42 and 26 asked for (1 is not configured), then the basic 3, 6, 15 and always-send 66 by code
        assertThat(chosen(out)).containsExactly("42=1", "26=2", "3=1", "6=1", "15=2", "66=2");
    }

    @Test
    void neverSendExcludedAndUnaskedOptionsStayOut() {
        List<OptionData> scope = List.of(opt(3, 1, false, true, List.of()), opt(6, 1), opt(44, 1), opt(150, 1));
        List<OptionAssembler.Chosen> out = OptionAssembler.choose(List.of(scope), new byte[] {3, 6, 44}, Set.of(),
                Set.of(6));
        assertThat(chosen(out)).containsExactly("44=1");
    }

    @Test
    void aClassTaggedOptionCountsOnlyForItsClassAndDoesNotHideTheNextScope() {
        List<OptionData> pool = List.of(opt(42, 7, false, false, List.of("voip")));
        List<OptionData> global = List.of(opt(42, 9));
        byte[] prl = {42};
        assertThat(chosen(OptionAssembler.choose(List.of(pool, global), prl, Set.of("voip"), Set.of())))
                .containsExactly("42=7");
        assertThat(chosen(OptionAssembler.choose(List.of(pool, global), prl, Set.of("ALL"), Set.of())))
                .containsExactly("42=9");
    }

    @Test
    void manyOptionsAndNullScopes() {
        List<OptionData> scope = new ArrayList<>();
        for (int code = 254; code >= 200; code--) {
            scope.add(opt(code, code & 0x7F, true, false, List.of()));
        }
        List<List<OptionData>> scopes = new ArrayList<>();
        scopes.add(null);
        scopes.add(scope);
        List<OptionAssembler.Chosen> out = OptionAssembler.choose(scopes, null, Set.of(), Set.of());
        assertThat(out).hasSize(55);
        assertThat(out.get(0).code()).isEqualTo(200);
        assertThat(out.get(54).code()).isEqualTo(254);
    }
}
