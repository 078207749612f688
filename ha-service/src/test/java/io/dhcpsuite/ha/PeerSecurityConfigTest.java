package io.dhcpsuite.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.tls.TlsConfigException;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.ha.command.CommandCreator;
import io.dhcpsuite.ha.listener.HaListener;
import io.dhcpsuite.api.tls.TestPki;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the listener and the partner client take from the HA parameters, as Kea takes it. */
class PeerSecurityConfigTest {
    @TempDir
    Path dir;

    HaRelationship relationship(String extra, String server1, String server2) {
        var config = KeaConfigLoader.parse("""
                { "Dhcp4": { "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {
                  "high-availability": [ { "this-server-name": "server1", "mode": "hot-standby" %s, "peers": [
                    { "name": "server1", "url": "%s://127.0.0.1:19801/", "role": "primary" %s },
                    { "name": "server2", "url": "%s://127.0.0.1:19802/", "role": "standby" %s } ] } ] } } ] } }"""
                .formatted(extra, scheme(extra), server1, scheme(extra), server2), null);
        return HaConfigParser.fromHooks(config.dhcp4().hooksLibraries(), "Dhcp4/hooks-libraries").relationships().getFirst();
    }

    static String scheme(String extra) {
        return extra.contains("trust-anchor") ? "https" : "http";
    }

    @Test
    void theListenerTakesThisServersOwnEntryAndTheRelationshipsSwitches() throws Exception {
        TestPki pki = new TestPki(dir, "ca");
        Path[] s1 = pki.issue("server1", TestPki.rsa(), false);
        Path[] s2 = pki.issue("server2", TestPki.rsa(), true);
        HaRelationship r = relationship(", \"trust-anchor\": \"%s\", \"require-client-certs\": false, \"restrict-commands\": true"
                        .formatted(pki.caFile),
                ", \"cert-file\": \"%s\", \"key-file\": \"%s\", \"basic-auth-user\": \"one\", \"basic-auth-password\": \"pw1\""
                        .formatted(s1[0], s1[1]),
                ", \"cert-file\": \"%s\", \"key-file\": \"%s\", \"basic-auth-user\": \"two\", \"basic-auth-password\": \"pw2\""
                        .formatted(s2[0], s2[1]));
        HaListener.Security s = HaServiceApplication.listenerSecurity(r);
        assertThat(s.tls()).isNotNull();
        assertThat(s.requireClientCerts()).isFalse();
        assertThat(s.basicAuthUser()).isEqualTo("one");
        assertThat(s.basicAuthPassword()).isEqualTo("pw1");
        // Kea's partner allowlist, plus the suite's own incremental sync page and batched lease updates
        assertThat(s.acceptedCommands()).containsAll(CommandCreator.HA_COMMANDS4).contains("ha-sync-page", "lease4-bulk-apply")
                .hasSize(CommandCreator.HA_COMMANDS4.size() + 2);
        assertThat(HaServiceApplication.clientTls(r.partner())).isNotNull();
    }

    @Test
    void withoutTlsFilesOrCredentialsTheListenerIsPlainAndOpen() {
        HaRelationship r = relationship("", "", "");
        HaListener.Security s = HaServiceApplication.listenerSecurity(r);
        assertThat(s.tls()).isNull();
        assertThat(s.basicAuthUser()).isNull();
        assertThat(s.acceptedCommands()).isEmpty();
        assertThat(HaServiceApplication.clientTls(r.partner())).isNull();
    }

    @Test
    void anUnusableKeyStopsStartUpNamingTheServerTheKeyAndTheFile() throws Exception {
        TestPki pki = new TestPki(dir, "ca");
        Path[] s1 = pki.issue("server1", TestPki.rsa(), false);
        Path[] s2 = pki.issue("server2", TestPki.ec(), false);
        HaRelationship r = relationship(", \"trust-anchor\": \"%s\"".formatted(pki.caFile),
                ", \"cert-file\": \"%s\", \"key-file\": \"%s\"".formatted(s1[0], s2[1]),
                ", \"cert-file\": \"%s\", \"key-file\": \"%s\"".formatted(s2[0], dir.resolve("missing.pem")));
        assertThatThrownBy(() -> HaServiceApplication.listenerSecurity(r)).isInstanceOf(TlsConfigException.class)
                .hasMessage("bad TLS config for server server1: key-file '" + s2[1] + "' does not match the certificate in cert-file '"
                        + s1[0] + "' (a EC key for a RSA certificate)");
        assertThatThrownBy(() -> HaServiceApplication.clientTls(r.partner()))
                .hasMessage("bad TLS config for server server2: key-file '" + dir.resolve("missing.pem") + "': no such file");
    }
}
