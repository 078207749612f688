package io.dhcpsuite.gateway.agent;

import io.dhcpsuite.config.agent.AgentConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Kea's HTTP basic authentication for everything the gateway serves except the health probes
 * (which {@code dhcpctl} and Kubernetes call without credentials, and which reveal nothing).
 * A request without a matching {@code Authorization: Basic} token gets HTTP 401 with
 * {@code WWW-Authenticate: Basic realm="<realm>"} and Kea's single-map body
 * {@code {"result": 401, "text": "Unauthorized"}}; under {@code /api/v1} the body is an RFC 9457
 * problem instead, like every other error there. Also adds the configured {@code http-headers}.
 */
public class BasicAuthFilter extends OncePerRequestFilter {
    static final String KEA_BODY = "{ \"result\": 401, \"text\": \"Unauthorized\" }";
    static final String PROBLEM_BODY = "{\"type\":\"https://dhcp-suite.io/problems/unauthorized\","
            + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"valid basic-auth credentials are required\"}";
    private final AgentConfig config;
    private final byte[][] tokens;

    public BasicAuthFilter(AgentConfig config) {
        this.config = config;
        this.tokens = config.authentication() == null ? new byte[0][]
                : config.authentication().tokens().stream()
                        .map(t -> t.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        config.httpHeaders().forEach(h -> response.setHeader(h.name(), h.value()));
        if (config.authentication() == null || exempt(request) || authorized(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + config.authentication().realm() + "\"");
        boolean rest = request.getRequestURI().startsWith("/api/");
        response.setContentType(rest ? "application/problem+json" : "application/json");
        response.getOutputStream().write((rest ? PROBLEM_BODY : KEA_BODY).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean exempt(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.equals("/actuator/health") || uri.startsWith("/actuator/health/");
    }

    /** Kea compares the base64 token itself; constant-time, so timing does not leak a password. */
    private boolean authorized(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given = header.substring(6).trim().getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (byte[] token : tokens) {
            ok |= MessageDigest.isEqual(token, given);
        }
        return ok;
    }
}
