package io.dhcpsuite.gateway.agent;

import io.dhcpsuite.config.agent.AgentConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Kea's HTTP basic authentication for everything the gateway serves except the health probes
 * (which {@code dhcpctl} and Kubernetes call without credentials, and which reveal nothing).
 * A request without a matching {@code Authorization: Basic} token gets HTTP 401 with
 * {@code WWW-Authenticate: Basic realm="<realm>"} and Kea's single-map body
 * {@code {"result": 401, "text": "Unauthorized"}}; under {@code /api/v1} the body is an RFC 9457
 * problem instead, like every other error there. Also adds the configured {@code http-headers}.
 *
 * <p>Failures are logged under Kea's message ids with the client's address and the user name it
 * claimed, never the password or the header (Kea logs a malformed header whole; it may hold the
 * password). An address with too many failures is refused with HTTP 429 for a while
 * ({@link AuthFailureLimiter}), so guessing a password over the API is slow.
 */
public class BasicAuthFilter extends OncePerRequestFilter {
    static final String KEA_BODY = "{ \"result\": 401, \"text\": \"Unauthorized\" }";
    static final String KEA_TOO_MANY = "{ \"result\": 429, \"text\": \"Too Many Requests: too many failed "
            + "authentication attempts from this address\" }";
    static final String PROBLEM_TOO_MANY = "{\"type\":\"https://dhcp-suite.io/problems/too-many-requests\","
            + "\"title\":\"Too Many Requests\",\"status\":429,"
            + "\"detail\":\"too many failed authentication attempts from this address\"}";
    private static final Logger log = LoggerFactory.getLogger(BasicAuthFilter.class);
    static final String PROBLEM_BODY = "{\"type\":\"https://dhcp-suite.io/problems/unauthorized\","
            + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"valid basic-auth credentials are required\"}";
    private final AgentConfig config;
    private final byte[][] tokens;
    private final AuthFailureLimiter limiter;

    public BasicAuthFilter(AgentConfig config, AuthFailureLimiter limiter) {
        this.config = config;
        this.limiter = limiter;
        this.tokens = config.authentication() == null ? new byte[0][]
                : config.authentication().tokens().stream()
                        .map(t -> t.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        config.httpHeaders().forEach(h -> response.setHeader(h.name(), h.value()));
        if (config.authentication() == null || exempt(request)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        boolean rest = request.getRequestURI().startsWith("/api/");
        if (limiter.check(address) == AuthFailureLimiter.Verdict.BLOCKED) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(limiter.retryAfterSeconds(address)));
            response.setContentType(rest ? "application/problem+json" : "application/json");
            response.getOutputStream().write((rest ? PROBLEM_TOO_MANY : KEA_TOO_MANY).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String header = request.getHeader("Authorization");
        if (authorized(header)) {
            limiter.succeeded(address);
            chain.doFilter(request, response);
            return;
        }
        if (header == null) {
            // a client's first try without credentials is normal (curl, browsers): not a failure
            log.debug("HTTP_CLIENT_REQUEST_NO_AUTH_HEADER received HTTP request without required authorization header from {}",
                    address);
        } else {
            log.warn("HTTP_CLIENT_REQUEST_NOT_AUTHORIZED received HTTP request with not matching authorization header"
                    + " from {} (user '{}')", address, claimedUser(header));
            if (limiter.failed(address)) {
                log.warn("HTTP_CLIENT_REQUEST_RATE_LIMITED too many failed authentication attempts from {}: refused"
                        + " for {} s", address, limiter.retryAfterSeconds(address));
            }
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + config.authentication().realm() + "\"");
        response.setContentType(rest ? "application/problem+json" : "application/json");
        response.getOutputStream().write((rest ? PROBLEM_BODY : KEA_BODY).getBytes(StandardCharsets.UTF_8));
    }

    /** The user part of a Basic token, printable and short, for the log; never the password. */
    static String claimedUser(String header) {
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "(not basic)";
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "(malformed)";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return "(malformed)";
        }
        String user = decoded.substring(0, Math.min(colon, 64));
        return user.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f) ? user : "(unprintable)";
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
