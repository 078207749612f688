package io.dhcpsuite.ha.listener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
public final class HaListener implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;
    private final ExecutorService workers;

    public HaListener(URI url, CommandDispatcher dispatcher) throws IOException {
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 64);
        // One virtual thread per exchange: a lease4-update waits on the local lease-service's
        // write, and a fixed pool of a few threads capped the partner's updates per second and
        // made heartbeat answers queue behind them.
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ha-listener-", 0).factory());
        server.setExecutor(workers);
        server.createContext("/", exchange -> handle(exchange, dispatcher));
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, CommandDispatcher dispatcher) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 400, "{\"result\": 400, \"text\": \"Bad Request\"}");
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in.readAllBytes());
            } catch (RuntimeException e) {
                body = null;
            }
            if (body == null || !body.isObject() || !body.path("command").isString()) {
                reply(exchange, 400, "{\"result\": 400, \"text\": \"Bad Request\"}");
                return;
            }
            CommandResponse r = dispatcher.dispatch(CommandRequest.of(body.get("command").asString(), body.get("arguments")));
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
        workers.shutdownNow();
    }
}
