package io.dhcpsuite.dhcp.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.DdnsParams.ReplaceClientName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Kea's name rules as tables, like Kea's d2_client_unittest and fqdn_unittest. */
class ClientNamesTest {
    private final ClientNames names = new ClientNames();

    static DdnsParams params(boolean overrideNoUpdate, boolean overrideClientUpdate, ReplaceClientName replace,
                             String charSet, String replacement) {
        return new DdnsParams(true, overrideNoUpdate, overrideClientUpdate, replace, "myhost", "example.org", false,
                "check-with-dhcid", null, null, null, null, charSet, replacement);
    }

    static final DdnsParams PLAIN = params(false, false, ReplaceClientName.NEVER, "[^A-Za-z0-9.-]", "");

    /** Kea's analyzeFqdn/adjustFqdnFlags: client S,N in → server S,N,O out, and the update directions. */
    @ParameterizedTest(name = "enabled={0} override-no-update={1} override-client-update={2}: S={3} N={4} → S={5} N={6} O={7}")
    @CsvSource({
        // enabled, ovNoUpd, ovCliUpd, cS, cN, sS, sN, sO, fwd, rev
        "false, false, false, 0, 0, 0, 1, 0, false, false",
        "false, false, false, 1, 0, 0, 1, 1, false, false",
        "false, false, false, 0, 1, 0, 1, 0, false, false",
        "false, true,  true,  0, 1, 0, 1, 0, false, false",
        "true,  false, false, 0, 0, 0, 0, 0, false, true",
        "true,  false, false, 1, 0, 1, 0, 0, true,  true",
        "true,  false, false, 0, 1, 0, 1, 0, false, false",
        "true,  false, true,  0, 0, 1, 0, 1, true,  true",
        "true,  false, true,  1, 0, 1, 0, 0, true,  true",
        "true,  true,  false, 0, 1, 1, 0, 1, true,  true",
        "true,  true,  true,  0, 1, 1, 0, 1, true,  true",
    })
    void negotiatesFlagsAsKea(boolean enabled, boolean overrideNoUpdate, boolean overrideClientUpdate, int cs, int cn,
                              int ss, int sn, int so, boolean fwd, boolean rev) {
        DdnsParams p = params(overrideNoUpdate, overrideClientUpdate, ReplaceClientName.NEVER, "[^A-Za-z0-9.-]", "");
        for (boolean e : new boolean[] {false, true}) {
            ClientNames.Outcome o = names.process(p, enabled,
                    new ClientFqdn(cs == 1, false, e, cn == 1, 0, 0, "pc", false), null, false, null);
            ClientFqdn r = o.fqdnReply();
            assertThat(r.s()).as("S").isEqualTo(ss == 1);
            assertThat(r.n()).as("N").isEqualTo(sn == 1);
            assertThat(r.o()).as("O").isEqualTo(so == 1);
            assertThat(r.e()).as("E echoed").isEqualTo(e);
            assertThat(o.forward()).as("forward").isEqualTo(fwd);
            assertThat(o.reverse()).as("reverse").isEqualTo(rev);
            assertThat(o.leaseHostname()).isEqualTo("pc.example.org.");
        }
    }

    /** Option 81 names: in → reply name and lease hostname, generated or not, updates or not. */
    @ParameterizedTest(name = "81 [{0}] full={1} replace={2} set={3} repl={4} → [{5}]")
    @CsvSource(nullValues = "null", value = {
        // client name, fully qualified, replace mode, char set, replacement, reply name, lease hostname, generate, update
        "pc,               false, never,            [^A-Za-z0-9.-], '', pc.example.org.,   pc.example.org.,   false, true",
        "PC.Example.Org,   false, never,            [^A-Za-z0-9.-], '', PC.Example.Org.,   pc.example.org.,   false, true",
        "pc.other.net,     true,  never,            [^A-Za-z0-9.-], '', pc.other.net.,     pc.other.net.,     false, true",
        "my_pc,            false, never,            [^A-Za-z0-9.-], '', mypc.example.org., mypc.example.org., false, true",
        "my_pc,            false, never,            [^A-Za-z0-9.-], x,  myxpc.example.org.,myxpc.example.org.,false, true",
        "my_pc,            false, never,            '',             '', my_pc.example.org.,my_pc.example.org.,false, true",
        "___,              false, never,            [^A-Za-z0-9.-], '', '',                null,              false, false",
        "pc.___,           true,  never,            [^A-Za-z0-9.-], '', '',                null,              false, false",
        "'',               false, never,            [^A-Za-z0-9.-], '', '',                '',                true,  true",
        "pc,               false, always,           [^A-Za-z0-9.-], '', '',                '',                true,  true",
        "pc,               false, when-present,     [^A-Za-z0-9.-], '', '',                '',                true,  true",
        "pc,               false, when-not-present, [^A-Za-z0-9.-], '', pc.example.org.,   pc.example.org.,   false, true",
    })
    void fqdnNamesAsKea(String in, boolean full, String replace, String charSet, String replacement,
                        String replyName, String leaseName, boolean generate, boolean update) {
        DdnsParams p = params(false, false, mode(replace), charSet, replacement);
        ClientNames.Outcome o = names.process(p, true, new ClientFqdn(true, false, true, false, 0, 0, in, full),
                null, false, null);
        assertThat(o.fqdnReply().fqdnText()).isEqualTo(replyName);
        assertThat(o.leaseHostname()).isEqualTo(leaseName);
        assertThat(o.generate()).isEqualTo(generate);
        assertThat(o.forward()).as("forward update").isEqualTo(update);
        assertThat(o.reverse()).as("reverse update").isEqualTo(update);
        if (!update) {
            assertThat(o.fqdnReply().n()).as("CVE-2025-11232: an emptied name gets N=1").isTrue();
        }
    }

    /** Option 12 names (Kea's processHostnameOption). */
    @ParameterizedTest(name = "12 [{0}] replace={1} → [{2}]")
    @CsvSource(nullValues = "null", value = {
        // client hostname, replace mode, reply/lease hostname, generate
        "pc,                 never,            pc.example.org,   false",
        "PC.Sub.Example,     never,            pc.sub.example,   false",
        "pc.,                never,            pc.example.org,   false",
        "my_pc,              never,            mypc.example.org, false",
        "___,                never,            null,             false",
        "a..b,               never,            null,             false",
        "'  ',               never,            null,             false",
        ".,                  never,            .,                true",
        "pc,                 always,           .,                true",
        "pc,                 when-present,     .,                true",
        "pc,                 when-not-present, pc.example.org,   false",
        "null,               when-not-present, .,                true",
        "null,               always,           .,                true",
        "null,               never,            null,             false",
    })
    void hostnameOptionAsKea(String in, String replace, String expected, boolean generate) {
        DdnsParams p = params(false, false, mode(replace), "[^A-Za-z0-9.-]", "");
        ClientNames.Outcome o = names.process(p, true, null, in, false, null);
        assertThat(o.leaseHostname()).isEqualTo(expected);
        assertThat(o.generate()).isEqualTo(generate);
        if (!generate && expected != null) {
            assertThat(o.hostnameReply()).isEqualTo(expected);
        }
        assertThat(o.forward()).as("option 12: the server does both").isEqualTo(expected != null);
        assertThat(o.reverse()).isEqualTo(expected != null);
    }

    @Test
    void ddnsOffStillAnswersAndStoresTheNameWithoutUpdates() {
        ClientNames.Outcome s = names.process(PLAIN, false,
                new ClientFqdn(true, false, true, false, 0, 0, "host.example.org", true), null, false, null);
        assertThat(s.fqdnReply().flags()).isEqualTo(ClientFqdn.FLAG_N | ClientFqdn.FLAG_O | ClientFqdn.FLAG_E);
        assertThat(s.leaseHostname()).isEqualTo("host.example.org.");
        ClientNames.Outcome h = names.process(PLAIN, false, null, "pc", false, null);
        assertThat(h.leaseHostname()).isEqualTo("pc.example.org");
        assertThat(h.forward()).isFalse();
        assertThat(h.reverse()).isFalse();
    }

    @Test
    void reservedNameWinsAndIsSentForHostnameOnlyWhenAsked() {
        assertThat(names.process(PLAIN, true, null, null, false, "printer").hostnameReply()).isNull();
        assertThat(names.process(PLAIN, true, null, null, true, "printer").hostnameReply()).isEqualTo("printer.example.org");
        assertThat(names.process(PLAIN, true, null, null, false, "printer").leaseHostname()).isEqualTo("printer.example.org");
        ClientNames.Outcome f = names.process(PLAIN, true, new ClientFqdn(true, false, true, false, 0, 0, "pc", false),
                null, false, "printer");
        assertThat(f.fqdnReply().fqdnText()).isEqualTo("printer.example.org.");
        assertThat(f.leaseHostname()).isEqualTo("printer.example.org.");
    }

    @Test
    void option81WinsOverOption12() {
        ClientNames.Outcome o = names.process(PLAIN, true, new ClientFqdn(true, false, true, false, 0, 0, "a", false),
                "b", true, null);
        assertThat(o.leaseHostname()).isEqualTo("a.example.org.");
        assertThat(o.hostnameReply()).isNull();
    }

    private static ReplaceClientName mode(String text) {
        for (ReplaceClientName m : ReplaceClientName.values()) {
            if (m.text().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException(text);
    }
}
