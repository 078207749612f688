package io.dhcpsuite.gateway;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * A suite service stand-in for gateway tests: the JDK's HTTP server answering the internal command
 * endpoint from a {@link CommandDispatcher} that the test fills, and recording what it received.
 */
public final class FakeService implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public final CommandDispatcher commands = new CommandDispatcher();
    public final List<CommandRequest> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public FakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(CommandDispatcher.PATH, exchange -> {
            CommandRequest request = JSON.readValue(exchange.getRequestBody().readAllBytes(), CommandRequest.class);
            received.add(request);
            byte[] body = JSON.writeValueAsBytes(commands.dispatch(request));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> commandsReceived() {
        return received.stream().map(CommandRequest::command).toList();
    }

    /** A URL where nothing listens: a service that is down. */
    public static String deadUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    public static CommandResponse ok(String text) {
        return CommandResponse.success(text);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
