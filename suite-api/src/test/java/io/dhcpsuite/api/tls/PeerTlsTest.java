package io.dhcpsuite.api.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerTlsTest {
    @TempDir
    Path dir;
    TestPki pki;
    Path[] server;
    Path[] client;

    @BeforeEach
    void certificates() throws Exception {
        pki = new TestPki(dir, "ca");
        server = pki.issue("server1", TestPki.rsa(), false);
        client = pki.issue("server2", TestPki.ec(), true);
    }

    @Test
    void mutualTlsHandshakeSucceedsWithRsaPkcs1AndEcPkcs8Keys() throws Exception {
        SSLContext s = PeerTls.server(pki.caFile, server[0], server[1]);
        SSLContext c = PeerTls.client(pki.caFile, client[0], client[1]);
        assertThat(exchange(s, true, c)).isEqualTo("CN=server2");
    }

    @Test
    void readsSec1EcKeysAndATrustAnchorDirectory() throws Exception {
        // what `openssl ecparam -genkey` writes: an EC PARAMETERS block, then a SEC1 key
        TestPki.openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec1_key.pem");
        Path key = dir.resolve("ec1_key.pem");
        assertThat(Files.readString(key)).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
        var pair = (org.bouncycastle.openssl.PEMKeyPair) readLast(key);
        Path[] ec = {pki.issueFor("ec1", new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPublicKey(pair.getPublicKeyInfo())), key};
        Path anchors = Files.createDirectory(dir.resolve("anchors"));
        Files.copy(pki.caFile, anchors.resolve("ca.pem"));
        Files.writeString(anchors.resolve("README"), "not a certificate");
        SSLContext s = PeerTls.server(anchors, ec[0], ec[1]);
        assertThat(exchange(s, true, PeerTls.client(anchors, client[0], client[1]))).isEqualTo("CN=server2");
    }

    @Test
    void aClientOfAnotherCaIsRefusedWhenCertificatesAreRequired() throws Exception {
        TestPki other = new TestPki(Files.createDirectory(dir.resolve("other")), "rogue");
        Path[] rogue = other.issue("rogue", TestPki.rsa(), true);
        SSLContext s = PeerTls.server(pki.caFile, server[0], server[1]);
        // the rogue client trusts our CA, so only the server's check of its certificate can refuse it
        SSLContext c = PeerTls.client(pki.caFile, rogue[0], rogue[1]);
        assertThatThrownBy(() -> exchange(s, true, c)).isInstanceOf(java.io.IOException.class);
        assertThat(lastServerError).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("certification path");
    }

    @Test
    void aServerOfAnotherCaIsRefusedByTheClient() throws Exception {
        TestPki other = new TestPki(Files.createDirectory(dir.resolve("other")), "rogue");
        Path[] rogue = other.issue("rogue", TestPki.rsa(), true);
        SSLContext s = PeerTls.server(other.caFile, rogue[0], rogue[1]);
        SSLContext c = PeerTls.client(pki.caFile, client[0], client[1]);
        assertThatThrownBy(() -> exchange(s, false, c)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void withoutRequireClientCertsNoCertificateIsAsked() throws Exception {
        SSLContext s = PeerTls.server(pki.caFile, server[0], server[1]);
        assertThat(exchange(s, false, PeerTls.client(pki.caFile, client[0], client[1]))).isEqualTo("none");
    }

    @Test
    void startUpErrorsNameTheKeyAndTheFile() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> PeerTls.server(missing, server[0], server[1]))
                .isInstanceOf(TlsConfigException.class).hasMessage("trust-anchor '" + missing + "': no such file");
        assertThatThrownBy(() -> PeerTls.server(pki.caFile, server[1], server[1]))
                .hasMessage("cert-file '" + server[1] + "': no PEM certificate in the file");
        assertThatThrownBy(() -> PeerTls.server(pki.caFile, server[0], server[0]))
                .hasMessage("key-file '" + server[0] + "': expected a private key, found X509Certificate");
        assertThatThrownBy(() -> PeerTls.server(pki.caFile, server[0], client[1]))
                .hasMessage("key-file '" + client[1] + "' does not match the certificate in cert-file '" + server[0]
                        + "' (a EC key for a RSA certificate)");
        KeyPair otherRsa = TestPki.rsa();
        Path wrongKey = dir.resolve("wrong_key.pem");
        TestPki.writeKey(wrongKey, otherRsa.getPrivate(), false);
        assertThatThrownBy(() -> PeerTls.client(pki.caFile, server[0], wrongKey))
                .hasMessage("key-file '" + wrongKey + "' does not match the certificate in cert-file '" + server[0] + "'");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> PeerTls.client(pki.caFile, server[0], empty))
                .hasMessage("key-file '" + empty + "': no PEM private key in the file");
        // PKCS#8 encrypted and OpenSSL's traditional Proc-Type: 4,ENCRYPTED
        TestPki.openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256",
                "-pass", "pass:secret", "-out", "enc8.pem");
        TestPki.openssl(dir, "ec", "-in", "enc8.pem", "-passin", "pass:secret", "-aes256", "-passout", "pass:secret",
                "-out", "enc1.pem");
        assertThat(Files.readString(dir.resolve("enc1.pem"))).contains("Proc-Type: 4,ENCRYPTED");
        for (String f : new String[] {"enc8.pem", "enc1.pem"}) {
            Path encrypted = dir.resolve(f);
            assertThatThrownBy(() -> PeerTls.client(pki.caFile, server[0], encrypted))
                    .hasMessageStartingWith("key-file '" + encrypted + "': the key is encrypted");
        }
    }

    private static Throwable lastServerError;

    private static Object readLast(Path pem) throws Exception {
        try (var p = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(pem))) {
            Object last = null;
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                last = o;
            }
            return last;
        }
    }

    /** One TLS exchange on loopback; answers the client certificate's subject the server saw. */
    private static String exchange(SSLContext serverContext, boolean requireClientCerts, SSLContext clientContext) throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            ss.setSSLParameters(PeerTls.serverParameters(serverContext, requireClientCerts));
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    InputStream in = s.getInputStream();
                    int b = in.read();
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                    var peer = s.getSession();
                    try {
                        return peer.getPeerPrincipal().getName();
                    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                        return "none";
                    }
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (SSLSocket c = (SSLSocket) clientContext.getSocketFactory().createSocket(ss.getInetAddress(), ss.getLocalPort())) {
                c.startHandshake();
                OutputStream out = c.getOutputStream();
                out.write(42);
                out.flush();
                int echoed = c.getInputStream().read();
                if (echoed != 42) {
                    throw new javax.net.ssl.SSLException("connection closed by the server");
                }
            } catch (Exception e) {
                lastServerError = null;
                seen.exceptionally(x -> {
                    lastServerError = x instanceof java.util.concurrent.CompletionException ? x.getCause() : x;
                    return null;
                }).get(5, TimeUnit.SECONDS);
                throw e;
            }
            return seen.get(5, TimeUnit.SECONDS);
        }
    }
}
