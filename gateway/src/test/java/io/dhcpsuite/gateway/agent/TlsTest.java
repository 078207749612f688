package io.dhcpsuite.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.gateway.GatewayApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * TLS and mutual TLS from Kea's trust-anchor, cert-file, key-file and cert-required, with a CA,
 * a server and a client certificate made by openssl in the test. The gateway listens where the
 * file's http-host and http-port say, not where server.port does.
 */
class TlsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=dhcp-suite test CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                + "extendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String who : List.of("server", "client")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
                    "-subj", "/CN=" + who);
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", who + ".pem", "-days", "2", "-extfile", who + ".ext");
        }
    }

    @Test
    void servesHttpsAndRequiresAClientCertificateByDefault() throws Exception {
        int port = freePort();
        try (ConfigurableApplicationContext ignored = start(port, null)) {
            HttpResponse<String> withCert = send(port, clientContext(true));

            assertThat(withCert.statusCode()).isEqualTo(200);
            assertThat(withCert.body()).contains("\"result\":0");
            assertThatThrownBy(() -> send(port, clientContext(false))).isInstanceOf(IOException.class);
            // Tomcat answers plain HTTP on a TLS port with 400 "requires TLS", never with the command's answer.
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"list-commands\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(plain.body()).doesNotContain("commands found");
        }
    }

    @Test
    void acceptsAClientWithoutCertificateWhenCertRequiredIsFalse() throws Exception {
        int port = freePort();
        try (ConfigurableApplicationContext ignored = start(port, false)) {
            assertThat(send(port, clientContext(false)).statusCode()).isEqualTo(200);
            assertThat(send(port, clientContext(true)).statusCode()).isEqualTo(200);
        }
    }

    /** TLS 1.3 by default; TLS 1.2 only with a forward-secret AEAD suite; CBC suites fail the handshake. */
    @Test
    void offersOnlyCurrentProtocolsAndCiphers() throws Exception {
        int port = freePort();
        try (ConfigurableApplicationContext ignored = start(port, false)) {
            assertThat(handshake(port, null, null)).startsWith("TLSv1.3/");
            assertThat(handshake(port, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))
                    .isEqualTo("TLSv1.2/TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
            // both are enabled in the JDK's own client, so only the server's list refuses them
            for (String cbc : List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")) {
                assertThatThrownBy(() -> handshake(port, "TLSv1.2", cbc)).as(cbc).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    private static String handshake(int port, String protocol, String cipher) throws Exception {
        try (SSLSocket s = (SSLSocket) clientContext(false).getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            if (protocol != null) {
                s.setEnabledProtocols(new String[] {protocol});
                s.setEnabledCipherSuites(new String[] {cipher});
            }
            s.startHandshake();
            return s.getSession().getProtocol() + "/" + s.getSession().getCipherSuite();
        }
    }

    private static ConfigurableApplicationContext start(int port, Boolean certRequired) throws Exception {
        Path config = dir.resolve("kea-" + port + ".json");
        Files.writeString(config, """
                { "Control-agent": {
                    "http-host": "127.0.0.1", "http-port": %d,
                    "trust-anchor": "%s", "cert-file": "%s", "key-file": "%s"%s
                } }
                """.formatted(port, dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                certRequired == null ? "" : ", \"cert-required\": " + certRequired));
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--suite.config=" + config, "--server.port=0", "--spring.jmx.enabled=false");
    }

    private static HttpResponse<String> send(int port, SSLContext tls) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"list-commands\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext clientContext(boolean withCertificate) throws IOException {
        PemSslStoreDetails trust = PemSslStoreDetails.forCertificates(Files.readString(dir.resolve("ca.pem")));
        PemSslStoreDetails key = withCertificate
                ? PemSslStoreDetails.forCertificates(Files.readString(dir.resolve("client.pem")))
                        .withPrivateKey(Files.readString(dir.resolve("client.key")))
                : null;
        return SslBundle.of(new PemSslStoreBundle(key, trust)).createSslContext();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + "\n" + out).isZero();
    }
}
