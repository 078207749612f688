package io.dhcpsuite.api.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a throw-away CA and certificates signed by it, written as PEM files the way openssl writes
 * them. Shared with the services' tests through suite-api's test jar.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1);
    final Path dir;
    final KeyPair caKeys;
    final X509Certificate ca;
    public final Path caFile;

    public TestPki(Path dir, String caName) throws Exception {
        this.dir = dir;
        this.caKeys = rsa();
        this.ca = sign("CN=" + caName, caKeys, caKeys.getPublic(), "CN=" + caName, true);
        this.caFile = dir.resolve(caName + ".pem");
        write(caFile, ca);
    }

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    public static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    /** An end-entity certificate for {@code keys}; writes NAME_cert.pem and NAME_key.pem (PKCS#1/SEC1 or PKCS#8). */
    public Path[] issue(String name, KeyPair keys, boolean pkcs8) throws Exception {
        X509Certificate cert = sign("CN=" + name, caKeys, keys.getPublic(), ca.getSubjectX500Principal().getName(), false);
        Path c = dir.resolve(name + "_cert.pem");
        Path k = dir.resolve(name + "_key.pem");
        write(c, cert);
        writeKey(k, keys.getPrivate(), pkcs8);
        return new Path[] {c, k};
    }

    /** A certificate for a key openssl made (its public half); writes NAME_cert.pem. */
    Path issueFor(String name, java.security.PublicKey key) throws Exception {
        Path c = dir.resolve(name + "_cert.pem");
        write(c, sign("CN=" + name, caKeys, key, ca.getSubjectX500Principal().getName(), false));
        return c;
    }

    /** Runs the openssl CLI (Kea's own TLS library) in {@code dir}. */
    static void openssl(Path dir, String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add("openssl");
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd + ": " + out);
        }
    }

    private X509Certificate sign(String subject, KeyPair issuerKeys, java.security.PublicKey subjectKey, String issuer, boolean isCa)
            throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.getAndIncrement()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKey);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        var contentSigner = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(contentSigner));
    }

    static void write(Path file, Object pemObject) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(pemObject);
        }
        Files.writeString(file, s.toString());
    }

    static void writeKey(Path file, PrivateKey key, boolean pkcs8) throws Exception {
        if (pkcs8) {
            write(file, new JcaPKCS8Generator(key, null));
        } else if (key.getAlgorithm().equals("EC")) {
            // the JDK's EC key carries its curve outside the SEC1 structure: let openssl write "EC PRIVATE KEY"
            write(file, new JcaPKCS8Generator(key, null));
            openssl(file.getParent(), "ec", "-in", file.getFileName().toString(), "-out", file.getFileName().toString());
        } else {
            write(file, key); // "RSA PRIVATE KEY" (PKCS#1)
        }
    }
}
