package io.dhcpsuite.config.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The gateway's settings from Kea's {@code Control-agent} section. Absent keys are null (or an
 * empty list), meaning "as Spring Boot's own properties say": plain HTTP, no authentication.
 *
 * @param httpHost       {@code http-host}, or null to keep {@code server.address}
 * @param httpPort       {@code http-port}, or null to keep {@code server.port}
 * @param authentication basic authentication, or null when the section has none
 * @param tls            TLS settings, or null for plain HTTP
 * @param httpHeaders    extra headers added to every response ({@code http-headers}, Kea 2.7.5)
 */
public record AgentConfig(String httpHost, Integer httpPort, Authentication authentication, Tls tls,
                          List<Header> httpHeaders) {

    /** No {@code Control-agent} section: plain HTTP, no authentication. */
    public static final AgentConfig NONE = new AgentConfig(null, null, null, null, List.of());

    /**
     * Basic authentication: the realm for {@code WWW-Authenticate} and the accepted
     * {@code Authorization: Basic} tokens. Kea matches on the base64 token, so we keep only those.
     */
    public record Authentication(String realm, Set<String> tokens) {
        @Override
        public String toString() {
            // The tokens are the passwords in base64: never print them.
            return "Authentication[realm=" + realm + ", clients=" + tokens.size() + "]";
        }
    }

    /**
     * TLS from PEM files. {@code certRequired} true (Kea's default) means mutual TLS: a client
     * without a certificate signed by the trust anchor is refused during the handshake.
     */
    public record Tls(Path trustAnchor, Path certFile, Path keyFile, boolean certRequired) {
    }

    /** One {@code http-headers} entry. */
    public record Header(String name, String value) {
    }
}
