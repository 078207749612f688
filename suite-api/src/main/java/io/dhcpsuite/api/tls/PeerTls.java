package io.dhcpsuite.api.tls;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Builds the {@link SSLContext} of one side of an HA link from Kea's three PEM files. Policies,
 * all Kea's (OpenSSL-backed {@code TlsContext::configure}):
 * <ul>
 * <li>{@code trust-anchor} is a PEM file of one or more CA certificates, or a directory whose
 * PEM files are all read; the peer's certificate must chain to one of them.</li>
 * <li>{@code cert-file} holds this side's certificate (then its chain); {@code key-file} its
 * private key in any unencrypted PEM form OpenSSL writes (PKCS#8, PKCS#1 RSA, SEC1 EC, with or
 * without an {@code EC PARAMETERS} block). An encrypted key is refused, as Kea refuses it, and a
 * key that does not belong to the certificate is refused at start-up rather than at the first
 * handshake.</li>
 * <li>The peer's certificate is checked against the trust anchor only, not against the address in
 * the URL: Kea does not check names either, and peer URLs are IP literals that certificates seldom
 * carry.</li>
 * <li>This side always presents its certificate when asked, whatever CA names the other side
 * lists, as OpenSSL does.</li>
 * </ul>
 * The class takes plain paths so that every service can use it without the configuration model.
 */
public final class PeerTls {
    private static final String ALIAS = "peer";

    private PeerTls() {
    }

    /** The context of a client (HA heartbeats, lease updates, syncs) talking to a peer's listener. */
    public static SSLContext client(Path trustAnchor, Path certFile, Path keyFile) {
        return context(trustAnchor, certFile, keyFile);
    }

    /**
     * The context of a listener; apply {@link #serverParameters} to its connections for
     * {@code require-client-certs}.
     */
    public static SSLContext server(Path trustAnchor, Path certFile, Path keyFile) {
        return context(trustAnchor, certFile, keyFile);
    }

    /**
     * The listener's parameters: with {@code requireClientCerts} a client without a certificate
     * signed by the trust anchor fails the handshake; without it no certificate is asked for (Kea's
     * {@code cert-required: false} does not ask either).
     */
    public static SSLParameters serverParameters(SSLContext context, boolean requireClientCerts) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setNeedClientAuth(requireClientCerts);
        return p;
    }

    private static SSLContext context(Path trustAnchor, Path certFile, Path keyFile) {
        List<X509Certificate> anchors = readAnchors(trustAnchor);
        List<X509Certificate> chain = readCertificates("cert-file", certFile);
        if (chain.isEmpty()) {
            throw new TlsConfigException("cert-file '" + certFile + "': no certificate in the file");
        }
        PrivateKey key = readKey(keyFile);
        checkPair(key, chain.getFirst(), certFile, keyFile);
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                trust.setCertificateEntry("ca" + i, anchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            X509ExtendedTrustManager pkix = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    pkix = x;
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {new FixedKeyManager(key, chain.toArray(X509Certificate[]::new))},
                    new TrustManager[] {new AnchorOnlyTrustManager(pkix)}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException("trust-anchor '" + trustAnchor + "': " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> readAnchors(Path trustAnchor) {
        List<X509Certificate> out = new ArrayList<>();
        if (Files.isDirectory(trustAnchor)) {
            try (Stream<Path> files = Files.list(trustAnchor)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    try {
                        out.addAll(readCertificates("trust-anchor", f));
                    } catch (TlsConfigException e) {
                        // OpenSSL's CApath skips what is not a certificate too (e.g. a README, a CRL)
                    }
                }
            } catch (IOException e) {
                throw new TlsConfigException("trust-anchor '" + trustAnchor + "': cannot list the directory: " + e.getMessage(), e);
            }
        } else {
            out.addAll(readCertificates("trust-anchor", trustAnchor));
        }
        if (out.isEmpty()) {
            throw new TlsConfigException("trust-anchor '" + trustAnchor + "': no CA certificate found");
        }
        return out;
    }

    static List<X509Certificate> readCertificates(String key, Path file) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(converter.getCertificate(h));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new TlsConfigException(key + " '" + file + "': " + reason(e), e);
        }
        if (out.isEmpty()) {
            throw new TlsConfigException(key + " '" + file + "': no PEM certificate in the file");
        }
        return out;
    }

    static PrivateKey readKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return converter.getPrivateKey(kp.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo pki) {
                    return converter.getPrivateKey(pki);
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsConfigException("key-file '" + file + "': the key is encrypted; Kea and the suite need an"
                            + " unencrypted key (e.g. openssl pkey -in KEY -out PLAIN)");
                }
                if (!(o instanceof ASN1ObjectIdentifier)) { // an EC PARAMETERS block before the key is normal
                    throw new TlsConfigException("key-file '" + file + "': expected a private key, found "
                            + o.getClass().getSimpleName().replace("Holder", ""));
                }
            }
        } catch (TlsConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigException("key-file '" + file + "': " + reason(e), e);
        }
        throw new TlsConfigException("key-file '" + file + "': no PEM private key in the file");
    }

    /** The key must sign what the certificate's public key verifies. */
    private static void checkPair(PrivateKey key, X509Certificate cert, Path certFile, Path keyFile) {
        String mismatch = "key-file '" + keyFile + "' does not match the certificate in cert-file '" + certFile + "'";
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())
                && !(alg != null && alg.startsWith("Ed") && cert.getPublicKey().getAlgorithm().startsWith("Ed"))) {
            throw new TlsConfigException(mismatch + " (a " + key.getAlgorithm() + " key for a "
                    + cert.getPublicKey().getAlgorithm() + " certificate)");
        }
        if (alg == null) {
            return;
        }
        try {
            byte[] probe = "dhcp-suite key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new TlsConfigException(mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(mismatch + " (" + e.getMessage() + ")", e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Always offers the one configured certificate, as OpenSSL does with {@code SSL_CTX_use_certificate_chain_file}. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return matches(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return matches(keyType) ? ALIAS : null;
        }

        /** The server side is asked per key type (RSA, EC, ...); answer only for ours. */
        private boolean matches(String keyType) {
            String ours = key.getAlgorithm();
            return keyType == null || keyType.equals(ours) || keyType.startsWith(ours + "_")
                    || (ours.equals("EC") && keyType.startsWith("EC")) || (ours.startsWith("Ed") && keyType.startsWith("Ed"))
                    || (ours.equals("RSA") && keyType.equals("RSASSA-PSS"));
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }

    /**
     * PKIX validation against the trust anchor without the endpoint-identification (host name)
     * check, which the engine variants would otherwise apply from the connection's parameters.
     */
    private static final class AnchorOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;

        AnchorOnlyTrustManager(X509ExtendedTrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }
}
