package io.dhcpsuite.dhcp.options;

import static io.dhcpsuite.dhcp.options.ClientNamesTest.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.ClientFqdn6;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.DdnsParams.ReplaceClientName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Option 39 (RFC 4704) as kea-dhcp6's processClientFqdn answers it, like Kea's fqdn_unittest for v6. */
class ClientNames6Test {
    private final ClientNames names = new ClientNames();
    private static final DdnsParams PLAIN = ClientNamesTest.PLAIN;

    @ParameterizedTest(name = "enabled={0} override-no-update={1} override-client-update={2}: S={3} N={4} → S={5} N={6} O={7}")
    @CsvSource({
        // enabled, ovNoUpd, ovCliUpd, cS, cN, sS, sN, sO, fwd, rev
        "false, false, false, 0, 0, 0, 1, 0, false, false",
        "false, false, false, 1, 0, 0, 1, 1, false, false",
        "true,  false, false, 0, 0, 0, 0, 0, false, true",
        "true,  false, false, 1, 0, 1, 0, 0, true,  true",
        "true,  false, false, 0, 1, 0, 1, 0, false, false",
        "true,  false, true,  0, 0, 1, 0, 1, true,  true",
        "true,  true,  false, 0, 1, 1, 0, 1, true,  true",
    })
    void negotiatesFlagsAsKea(boolean enabled, boolean overrideNoUpdate, boolean overrideClientUpdate, int cs, int cn,
                              int ss, int sn, int so, boolean fwd, boolean rev) {
        DdnsParams p = params(overrideNoUpdate, overrideClientUpdate, ReplaceClientName.NEVER, "[^A-Za-z0-9.-]", "");
        ClientNames.Outcome6 o = names.process6(p, enabled, new ClientFqdn6(cs == 1, false, cn == 1, "pc", false), null);
        ClientFqdn6 r = o.fqdnReply();
        assertThat(r.s()).as("S").isEqualTo(ss == 1);
        assertThat(r.n()).as("N").isEqualTo(sn == 1);
        assertThat(r.o()).as("O").isEqualTo(so == 1);
        assertThat(o.forward()).as("forward").isEqualTo(fwd);
        assertThat(o.reverse()).as("reverse").isEqualTo(rev);
        assertThat(r.fqdnText()).isEqualTo("pc.example.org.");
        assertThat(o.leaseHostname()).isEqualTo("pc.example.org.");
    }

    @ParameterizedTest(name = "39 [{0}] full={1} replace={2} → [{3}] generate={4}")
    @CsvSource(nullValues = "null", value = {
        // client name, fully qualified, replace mode, reply name, generate
        "Laptop,             false, NEVER,            Laptop.example.org.,  false",
        "laptop.other.net,   true,  NEVER,            laptop.other.net.,    false",
        "laptop.example.org, false, NEVER,            laptop.example.org.,  false",
        "lap_top,            false, NEVER,            laptop.example.org.,  false",
        "'',                 false, NEVER,            '',                   true",
        "laptop,             false, ALWAYS,           '',                   true",
        "laptop,             false, WHEN_PRESENT,     '',                   true",
        "laptop,             false, WHEN_NOT_PRESENT, laptop.example.org.,  false",
    })
    void qualifiesSanitisesOrLeavesTheNameToGenerate(String client, boolean full, ReplaceClientName replace,
                                                     String reply, boolean generate) {
        DdnsParams p = params(false, false, replace, "[^A-Za-z0-9.-]", "");
        ClientNames.Outcome6 o = names.process6(p, true, new ClientFqdn6(true, false, false, client, full), null);
        assertThat(o.fqdnReply().fqdnText()).isEqualTo(reply);
        // an empty name to generate is partial in the reply until lease-service has made it
        assertThat(o.fqdnReply().fullyQualified()).isEqualTo(!generate);
        assertThat(o.generate()).isEqualTo(generate);
        assertThat(o.leaseHostname()).isEqualTo(generate ? "" : reply.toLowerCase());
    }

    @Test
    void withoutOption39ThereIsNoUpdateUnlessTheNameIsAlwaysReplaced() {
        ClientNames.Outcome6 none = names.process6(PLAIN, true, null, null);
        assertThat(none.fqdnReply()).isNull();
        assertThat(none.forward() || none.reverse() || none.generate()).isFalse();
        assertThat(none.leaseHostname()).isNull();

        ClientNames.Outcome6 reservedOnly = names.process6(PLAIN, true, null, "Printer");
        assertThat(reservedOnly.fqdnReply()).isNull();
        assertThat(reservedOnly.leaseHostname()).isEqualTo("printer");
        assertThat(reservedOnly.forward() || reservedOnly.reverse()).isFalse();

        for (ReplaceClientName mode : new ReplaceClientName[] {ReplaceClientName.ALWAYS, ReplaceClientName.WHEN_NOT_PRESENT}) {
            DdnsParams p = params(false, false, mode, "[^A-Za-z0-9.-]", "");
            ClientNames.Outcome6 made = names.process6(p, true, null, null);
            // Kea fabricates an option 39 with S=1 and an empty name, to be generated
            assertThat(made.fqdnReply().s()).isTrue();
            assertThat(made.generate()).isTrue();
            assertThat(made.forward() && made.reverse()).isTrue();
            assertThat(names.process6(p, false, null, null).fqdnReply()).as("updates off").isNull();
        }
    }

    @Test
    void aReservedHostnameWinsOverTheClientsName() {
        ClientNames.Outcome6 o = names.process6(PLAIN, true, new ClientFqdn6(true, false, false, "mine", false), "Server1");
        assertThat(o.fqdnReply().fqdnText()).isEqualTo("Server1.example.org.");
        assertThat(o.leaseHostname()).isEqualTo("server1.example.org.");
    }

    @Test
    void aNameThatSanitisingEmptiesGetsNoUpdate() {
        ClientNames.Outcome6 o = names.process6(PLAIN, true, new ClientFqdn6(true, false, false, "___", false), null);
        assertThat(o.fqdnReply().n()).isTrue();
        assertThat(o.fqdnReply().s()).isFalse();
        assertThat(o.forward() || o.reverse()).isFalse();
        assertThat(o.leaseHostname()).isNull();
    }
}
