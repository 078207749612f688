package io.dhcpsuite.gateway.agent;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.agent.AgentConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.core.Ordered;

/**
 * Binds the gateway where Kea's Control Agent would listen: {@code http-host} and {@code http-port}
 * override {@code server.address} and {@code server.port} when the file has them, and the TLS keys
 * turn the connector into HTTPS from the PEM files, requiring a client certificate unless
 * {@code cert-required} is false. Runs after Spring Boot's own property customizer, so the Kea file
 * wins, as an operator moving from the CA expects.
 *
 * <p>TLS offers what a current server offers (Mozilla's "intermediate" profile): TLS 1.3 and 1.2
 * only, and in 1.2 only forward-secret AEAD suites (ECDHE with AES-GCM or ChaCha20-Poly1305). Kea's
 * Control Agent leaves both to the OpenSSL or Botan defaults of the host and has no key for them;
 * the suite fixes them, so an old client fails the handshake instead of falling back to CBC.
 */
public class AgentServerCustomizer implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {
    static final String BUNDLE = "kea-control-agent";
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String[] CIPHERS = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    };
    private final AgentConfig config;

    public AgentServerCustomizer(AgentConfig config) {
        this.config = config;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        if (config.httpHost() != null) {
            try {
                factory.setAddress(InetAddress.getByName(config.httpHost()));
            } catch (UnknownHostException e) {
                throw new ConfigException("Control-agent/http-host", "unknown host " + config.httpHost());
            }
        }
        if (config.httpPort() != null) {
            factory.setPort(config.httpPort());
        }
        if (config.tls() != null) {
            DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry(BUNDLE, sslBundle(config.tls()));
            Ssl ssl = new Ssl();
            ssl.setEnabled(true);
            ssl.setBundle(BUNDLE);
            // Kea's cert-required false still asks for a certificate and verifies one that is sent.
            ssl.setClientAuth(config.tls().certRequired() ? Ssl.ClientAuth.NEED : Ssl.ClientAuth.WANT);
            factory.setSsl(ssl);
            factory.setSslBundles(bundles);
        }
    }

    /** The server's key and certificate, and the trust anchor (a PEM file or a directory of them). */
    static SslBundle sslBundle(AgentConfig.Tls tls) {
        String cert = readPem(tls.certFile(), "Control-agent/cert-file");
        String key = readPem(tls.keyFile(), "Control-agent/key-file");
        String anchor = readTrustAnchor(tls.trustAnchor());
        try {
            PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificates(cert).withPrivateKey(key);
            PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificates(anchor);
            SslBundle bundle = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore), null,
                    SslOptions.of(CIPHERS, PROTOCOLS));
            bundle.createSslContext();
            return bundle;
        } catch (RuntimeException e) {
            throw new ConfigException("Control-agent", "bad TLS config: " + e.getMessage(), e);
        }
    }

    private static String readTrustAnchor(Path anchor) {
        if (!Files.isDirectory(anchor)) {
            return readPem(anchor, "Control-agent/trust-anchor");
        }
        // Kea accepts a CA directory (OpenSSL's CApath); we load every PEM certificate in it.
        try (Stream<Path> files = Files.list(anchor)) {
            List<Path> pems = files.filter(Files::isRegularFile).sorted().toList();
            StringBuilder all = new StringBuilder();
            for (Path p : pems) {
                String s = Files.readString(p, StandardCharsets.UTF_8);
                if (s.contains("-----BEGIN CERTIFICATE-----")) {
                    all.append(s).append('\n');
                }
            }
            if (all.isEmpty()) {
                throw new ConfigException("Control-agent/trust-anchor", "no PEM certificate in directory " + anchor);
            }
            return all.toString();
        } catch (IOException e) {
            throw new ConfigException("Control-agent/trust-anchor", "cannot read " + anchor + ": " + e.getMessage());
        }
    }

    private static String readPem(Path file, String path) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            if (!s.contains("-----BEGIN")) {
                throw new ConfigException(path, file + " is not a PEM file");
            }
            return s;
        } catch (IOException e) {
            throw new ConfigException(path, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
