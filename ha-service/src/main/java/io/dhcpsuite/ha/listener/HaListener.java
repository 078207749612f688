package io.dhcpsuite.ha.listener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.tls.PeerTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Listens at this server's peer {@code url} and answers partner commands as Kea's dedicated HA
 * listener does: {@code POST} of {@code {"command", "arguments"}} (a {@code service} key is
 * ignored), answered by a one-element JSON list; a body that is not a command gets HTTP 400 with
 * Kea's stock body. It is a separate listener from the service's management port so that it can
 * bind the address and port peers know, as in Kea.
 *
 * <p>Security is Kea's, from this server's own peer entry and the relationship:
 * <ul>
 * <li>TLS whenever this server's entry has TLS files (Kea looks at the files, not at the url's
 * scheme), asking for and checking a client certificate against the trust anchor with
 * {@code require-client-certs}.</li>
 * <li>Basic auth with the credentials of this server's own entry ({@code basic-auth-user} and its
 * password): what the partner sends, since both servers share the peers list. Anything else gets
 * HTTP 401 {@code {"result": 401, "text": "Unauthorized"}} with {@code WWW-Authenticate: Basic
 * realm=""}, as Kea's listener answers since it checks them (3.3; Kea 2.2 to 3.2 check nothing
 * on the HA listener).</li>
 * <li>{@code restrict-commands}: a command outside the set a partner sends gets HTTP 403
 * {@code {"result": 403, "text": "Forbidden"}}, Kea's answer.</li>
 * </ul>
 */
public final class HaListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HaListener.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNAUTHORIZED = "{\"result\": 401, \"text\": \"Unauthorized\"}";
    private static final String FORBIDDEN = "{\"result\": 403, \"text\": \"Forbidden\"}";
    private final HttpServer server;
    private final RequestDeadlines workers;
    private final Security security;

    /**
     * How the listener guards itself.
     *
     * @param tls                null for plain HTTP
     * @param requireClientCerts Kea's {@code require-client-certs}
     * @param basicAuthUser      null when requests need no basic auth
     * @param acceptedCommands   empty to accept every command ({@code restrict-commands: false})
     */
    public record Security(SSLContext tls, boolean requireClientCerts, String basicAuthUser, String basicAuthPassword,
            Set<String> acceptedCommands) {
        public static final Security NONE = new Security(null, false, null, null, Set.of());

        public Security {
            acceptedCommands = Set.copyOf(acceptedCommands);
        }

        /** Kea matches the base64 of {@code user:password} as it stands in the header. */
        String expectedToken() {
            return basicAuthUser == null || basicAuthUser.isEmpty() ? null : Base64.getEncoder().encodeToString(
                    (basicAuthUser + ":" + (basicAuthPassword == null ? "" : basicAuthPassword)).getBytes(StandardCharsets.UTF_8));
        }
    }

    public HaListener(URI url, CommandDispatcher dispatcher) throws IOException {
        this(url, dispatcher, Security.NONE);
    }

    public HaListener(URI url, CommandDispatcher dispatcher, Security security) throws IOException {
        this(url, dispatcher, security, DEFAULT_REQUEST_READ_TIMEOUT);
    }

    /** How long a request, headers and body, may take to arrive: the services' {@code suite.http.request-read-timeout}. */
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param requestReadTimeout a request (TLS handshake, headers and body) that has not arrived
     *                           whole this long after its first byte has its connection closed
     *                           ({@link RequestDeadlines})
     */
    public HaListener(URI url, CommandDispatcher dispatcher, Security security, Duration requestReadTimeout)
            throws IOException {
        this.security = security;
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        int port = url.getPort() >= 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(host), port);
        if (security.tls() != null) {
            HttpsServer https = HttpsServer.create(bind, 64);
            SSLContext ctx = security.tls();
            https.setHttpsConfigurator(new HttpsConfigurator(ctx) {
                @Override
                public void configure(HttpsParameters params) {
                    params.setSSLParameters(PeerTls.serverParameters(ctx, security.requireClientCerts()));
                }
            });
            server = https;
        } else {
            server = HttpServer.create(bind, 64);
        }
        // One virtual thread per exchange: a lease4-update waits on the local lease-service's
        // write, and a fixed pool of a few threads capped the partner's updates per second and
        // made heartbeat answers queue behind them. Each has until the deadline to read its request.
        workers = new RequestDeadlines(requestReadTimeout);
        server.setExecutor(workers);
        String token = security.expectedToken();
        server.createContext("/", exchange -> handle(exchange, dispatcher, token, security.acceptedCommands(), workers));
    }

    /** Requests whose connection was closed because they did not arrive whole in time. */
    public long slowRequestsClosed() {
        return workers.closed();
    }

    /** Whether the listener speaks TLS. */
    public boolean tls() {
        return security.tls() != null;
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, CommandDispatcher dispatcher, String token, Set<String> accepted,
            RequestDeadlines deadlines) throws IOException {
        try (exchange) {
            // read the request whatever the answer, so the connection stays usable for the next one
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            deadlines.arrived();
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 400, "{\"result\": 400, \"text\": \"Bad Request\"}");
                return;
            }
            if (token != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"), token)) {
                log.info("HTTP_CLIENT_REQUEST_NOT_AUTHORIZED HTTP request from {} on the HA listener is not authorized",
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"\"");
                reply(exchange, 401, UNAUTHORIZED);
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(request);
            } catch (RuntimeException e) {
                body = null;
            }
            if (body == null || !body.isObject() || !body.path("command").isString()) {
                reply(exchange, 400, "{\"result\": 400, \"text\": \"Bad Request\"}");
                return;
            }
            String command = body.get("command").asString();
            if (!accepted.isEmpty() && !command.isEmpty() && !accepted.contains(command)) {
                log.info("COMMAND_HTTP_LISTENER_COMMAND_REJECTED command {} from {} rejected (restrict-commands)", command,
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                reply(exchange, 403, FORBIDDEN);
                return;
            }
            CommandResponse r = dispatcher.dispatch(CommandRequest.of(command, body.get("arguments")));
            ArrayNode list = JSON.createArrayNode();
            ObjectNode answer = list.addObject();
            answer.put("result", r.result());
            if (r.text() != null) {
                answer.put("text", r.text());
            }
            if (r.arguments() != null) {
                answer.set("arguments", r.arguments());
            }
            reply(exchange, 200, list.toString());
        }
    }

    /** Kea's check: {@code Basic} in any case, then exactly the expected base64 token (spaces trimmed). */
    static boolean authorized(String header, String token) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        if (value.length() < 8 || !value.substring(0, 5).toLowerCase(Locale.ROOT).equals("basic")) {
            return false;
        }
        return MessageDigest.isEqual(value.substring(5).strip().getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.close();
    }
}
