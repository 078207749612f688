package io.dhcpsuite.ha.peer;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts Kea control commands to one URL: the partner's HA listener (a Kea or a suite) or a local
 * suite service's command endpoint. An answer that is a list (Kea's Control Agent and listeners
 * wrap answers in one) is reduced to its first element. A transport failure raises
 * {@link PeerUnavailableException}, which the HA model counts as "partner unavailable", unlike an
 * answer with a non-zero result.
 */
public final class CommandClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http;
    private final URI url;
    private final String authorization;

    /** @param user null for no basic auth */
    public CommandClient(URI url, String user, String password) {
        this(url, user, password, null);
    }

    /**
     * @param user null for no basic auth
     * @param tls  null for plain HTTP; otherwise TLS even for an {@code http://} url, as Kea uses TLS
     *             whenever the peer entry has TLS files
     */
    public CommandClient(URI url, String user, String password, SSLContext tls) {
        this.url = tls != null && "http".equals(url.getScheme()) ? URI.create("https" + url.toString().substring(4)) : url;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
        this.authorization = user == null || user.isEmpty() ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    public URI url() {
        return url;
    }

    public CommandResponse send(CommandRequest request, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("command", request.command());
        if (request.service() != null) {
            body.putArray("service").addAll(request.service().stream().map(s -> JSON.getNodeFactory().stringNode(s)).toList());
        }
        if (request.arguments() != null) {
            body.set("arguments", request.arguments());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PeerUnavailableException(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(url + ": interrupted");
        }
        // the peer's listener refused us (basic auth, restrict-commands): as Kea, no answer to use
        if (r.statusCode() == 401) {
            throw new PeerUnavailableException(url + ": HTTP 401 Unauthorized");
        }
        if (r.statusCode() == 403) {
            throw new PeerUnavailableException.Forbidden(url + ": HTTP 403 Forbidden");
        }
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (RuntimeException e) {
            throw new PeerUnavailableException(url + ": HTTP " + r.statusCode() + " with a body that is not JSON");
        }
        if (n.isArray()) {
            n = n.isEmpty() ? JSON.createObjectNode() : n.get(0);
        }
        if (!n.has("result")) {
            throw new PeerUnavailableException(url + ": HTTP " + r.statusCode() + " without a result");
        }
        JsonNode text = n.get("text");
        return new CommandResponse(n.get("result").asInt(), text == null || text.isNull() ? null : text.asString(),
                n.get("arguments"));
    }
}
