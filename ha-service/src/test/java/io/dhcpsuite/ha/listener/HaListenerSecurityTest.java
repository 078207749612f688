package io.dhcpsuite.ha.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.tls.TestPki;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.tls.PeerTls;
import io.dhcpsuite.ha.command.CommandCreator;
import io.dhcpsuite.ha.peer.CommandClient;
import io.dhcpsuite.ha.peer.PeerUnavailableException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HA listener over TLS with generated certificates, basic auth and restrict-commands, as a partner meets it. */
class HaListenerSecurityTest {
    @TempDir
    Path dir;
    TestPki pki;
    Path[] server1;
    Path[] server2;
    HaListener listener;
    URI url;

    @BeforeEach
    void setUp() throws Exception {
        pki = new TestPki(dir, "ca");
        server1 = pki.issue("server1", TestPki.rsa(), false);
        server2 = pki.issue("server2", TestPki.ec(), true);
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    void listen(HaListener.Security security) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CommandDispatcher d = new CommandDispatcher();
        d.register("ha-heartbeat", a -> CommandResponse.success("HA peer status returned.", null));
        d.register("status-get", a -> CommandResponse.success(null, null));
        url = URI.create("http://127.0.0.1:" + port + "/");
        listener = new HaListener(url, d, security);
        listener.start();
    }

    HaListener.Security tls(boolean requireClientCerts, String user, String password, boolean restrict) {
        return new HaListener.Security(PeerTls.server(pki.caFile, server1[0], server1[1]), requireClientCerts, user, password,
                restrict ? new HashSet<>(CommandCreator.HA_COMMANDS4) : Set.of());
    }

    CommandClient partner(SSLContext tls, String user, String password) {
        return new CommandClient(url, user, password, tls);
    }

    SSLContext partnerTls() {
        return PeerTls.client(pki.caFile, server2[0], server2[1]);
    }

    @Test
    void aPartnerWithACertificateOfTheTrustAnchorAndTheRightCredentialsIsAnswered() throws Exception {
        listen(tls(true, "ha", "s3cret", true));
        assertThat(listener.tls()).isTrue();
        CommandResponse r = partner(partnerTls(), "ha", "s3cret").send(CommandRequest.of("ha-heartbeat", null), Duration.ofSeconds(5));
        assertThat(r.result()).isZero();
        assertThat(r.text()).isEqualTo("HA peer status returned.");
    }

    @Test
    void aClientWithoutACertificateIsRefusedInTheHandshake() throws Exception {
        listen(tls(true, null, null, false));
        CommandClient noCert = partner(trustingOnly(), null, null);
        assertThatThrownBy(() -> noCert.send(CommandRequest.of("ha-heartbeat", null), Duration.ofSeconds(5)))
                .isInstanceOf(PeerUnavailableException.class);
        // the same client passes where require-client-certs is false
        listener.close();
        listen(tls(false, null, null, false));
        assertThat(partner(trustingOnly(), null, null).send(CommandRequest.of("ha-heartbeat", null), Duration.ofSeconds(5)).result())
                .isZero();
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedEitherWay() throws Exception {
        TestPki rogueCa = new TestPki(Files.createDirectory(dir.resolve("rogue")), "rogue-ca");
        Path[] rogue = rogueCa.issue("rogue", TestPki.rsa(), false);
        listen(tls(true, null, null, false));
        // a client certificate the listener's trust anchor did not sign
        CommandClient rogueClient = partner(PeerTls.client(pki.caFile, rogue[0], rogue[1]), null, null);
        assertThatThrownBy(() -> rogueClient.send(CommandRequest.of("ha-heartbeat", null), Duration.ofSeconds(5)))
                .isInstanceOf(PeerUnavailableException.class);
        // a listener whose certificate our trust anchor did not sign
        CommandClient distrustful = partner(PeerTls.client(rogueCa.caFile, server2[0], server2[1]), null, null);
        assertThatThrownBy(() -> distrustful.send(CommandRequest.of("ha-heartbeat", null), Duration.ofSeconds(5)))
                .isInstanceOf(PeerUnavailableException.class);
    }

    @Test
    void wrongOrMissingBasicAuthGetsKeas401() throws Exception {
        listen(tls(true, "ha", "s3cret", false));
        HttpClient http = HttpClient.newBuilder().sslContext(partnerTls()).build();
        URI https = URI.create(url.toString().replace("http:", "https:"));
        for (String auth : new String[] {null, basic("ha", "wrong"), basic("other", "s3cret"), "Bearer abc", "Basic"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(https).POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"ha-heartbeat\"}"));
            if (auth != null) {
                b.header("Authorization", auth);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"result\": 401, \"text\": \"Unauthorized\"}");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"\"");
        }
        // Kea takes the scheme in any case and trims spaces around the token
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(https).header("Authorization", "  bASIC  " + basic("ha", "s3cret").substring(6))
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"ha-heartbeat\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith("[{\"result\":0");
        // and through the HA client, a wrong password is an answer without a result: the partner counts as unavailable
        CommandClient wrong = partner(partnerTls(), "ha", "wrong");
        assertThatThrownBy(() -> wrong.send(CommandRequest.of("ha-heartbeat", null), Duration.ofSeconds(5)))
                .isInstanceOf(PeerUnavailableException.class).hasMessageContaining("401");
    }

    @Test
    void restrictCommandsForbidsWhatAPartnerNeverSends() throws Exception {
        listen(new HaListener.Security(null, false, null, null, new HashSet<>(CommandCreator.HA_COMMANDS4)));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"config-get\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"result\": 403, \"text\": \"Forbidden\"}");
        assertThat(partner(null, null, null).send(CommandRequest.of("status-get", null), Duration.ofSeconds(5)).result()).isZero();
        assertThatThrownBy(() -> partner(null, null, null).send(CommandRequest.of("config-get", null), Duration.ofSeconds(5)))
                .isInstanceOf(PeerUnavailableException.class).hasMessageEndingWith("HTTP 403 Forbidden");
        // without restrict-commands the command reaches the dispatcher, which does not know it (Kea's result 2)
        listener.close();
        listen(HaListener.Security.NONE);
        assertThat(partner(null, null, null).send(CommandRequest.of("config-get", null), Duration.ofSeconds(5)).result()).isEqualTo(2);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A client that checks nothing and has no certificate of its own. */
    static SSLContext trustingOnly() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new javax.net.ssl.X509ExtendedTrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String t) { }
            public void checkServerTrusted(X509Certificate[] chain, String t) { }
            public void checkClientTrusted(X509Certificate[] chain, String t, java.net.Socket s) { }
            public void checkServerTrusted(X509Certificate[] chain, String t, java.net.Socket s) { }
            public void checkClientTrusted(X509Certificate[] chain, String t, javax.net.ssl.SSLEngine e) { }
            public void checkServerTrusted(X509Certificate[] chain, String t, javax.net.ssl.SSLEngine e) { }
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return c;
    }
}
