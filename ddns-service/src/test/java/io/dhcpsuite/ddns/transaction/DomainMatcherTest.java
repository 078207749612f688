package io.dhcpsuite.ddns.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class DomainMatcherTest {
    private static Zone zone(String name) {
        return new Zone(name.equals("*") ? Name.root : Name.fromConstantString(name), name.equals("*"), List.of());
    }

    private final Zone org = zone("example.org.");
    private final Zone lab = zone("lab.example.org.");
    private final Zone rev16 = zone("198.in-addr.arpa.");
    private final Zone rev24 = zone("0.18.198.in-addr.arpa.");

    @Test
    void longestSuffixWinsOnWholeLabels() {
        DomainMatcher m = new DomainMatcher(List.of(org, lab));
        assertThat(m.match(Name.fromConstantString("pc.lab.example.org."))).isSameAs(lab);
        assertThat(m.match(Name.fromConstantString("pc.Example.ORG."))).isSameAs(org);
        assertThat(m.match(Name.fromConstantString("pc.notexample.org."))).isNull();
    }

    @Test
    void reverseZonesMatchTheSameWay() {
        DomainMatcher m = new DomainMatcher(List.of(rev16, rev24));
        assertThat(m.match(Name.fromConstantString("10.0.18.198.in-addr.arpa."))).isSameAs(rev24);
        assertThat(m.match(Name.fromConstantString("10.1.18.198.in-addr.arpa."))).isSameAs(rev16);
    }

    @Test
    void wildcardCatchesWhatNothingElseMatches() {
        Zone any = zone("*");
        DomainMatcher m = new DomainMatcher(List.of(any, org));
        assertThat(m.match(Name.fromConstantString("a.example.org."))).isSameAs(org);
        assertThat(m.match(Name.fromConstantString("a.example.net."))).isSameAs(any);
        assertThat(new DomainMatcher(List.of()).enabled()).isFalse();
    }
}
