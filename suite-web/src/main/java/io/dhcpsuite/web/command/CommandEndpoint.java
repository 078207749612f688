package io.dhcpsuite.web.command;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The internal command endpoint of a service: one command envelope in, one answer out, by the
 * service's {@link CommandDispatcher}; the gateway wraps the answers in Kea's list. A service
 * takes it with {@code @Import(CommandEndpoint.class)} and a {@code CommandDispatcher} bean.
 *
 * <p>The same bounds as the gateway's, because a service's port can be reachable without the
 * gateway (compose and Helm bind beyond loopback): a body over {@code suite.command.max-request-bytes}
 * gets Kea's 413 answer before it is read whole, and JSON nested deeper than
 * {@code suite.command.max-nesting-depth} gets Kea's 400 (CVE-2026-3608 was a deep-nesting crash).
 */
@RestController
public class CommandEndpoint {
    private final CommandDispatcher dispatcher;
    private final int maxRequestBytes;
    private final JsonMapper mapper;

    public CommandEndpoint(CommandDispatcher dispatcher,
                           @Value("${suite.command.max-request-bytes:16777216}") int maxRequestBytes,
                           @Value("${suite.command.max-nesting-depth:64}") int maxNestingDepth) {
        this.dispatcher = dispatcher;
        this.maxRequestBytes = maxRequestBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build();
        this.mapper = JsonMapper.builder(factory).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @PostMapping(path = CommandDispatcher.PATH, consumes = "application/json", produces = "application/json")
    public ResponseEntity<CommandResponse> command(HttpServletRequest http, InputStream body) throws IOException {
        if (http.getContentLengthLong() > maxRequestBytes) {
            return tooLarge();
        }
        byte[] bytes = body.readNBytes(maxRequestBytes + 1);
        if (bytes.length > maxRequestBytes) {
            return tooLarge();
        }
        CommandRequest request;
        try {
            request = mapper.readValue(bytes, CommandRequest.class);
        } catch (JacksonException e) {
            request = null;
        }
        if (request == null) {
            return ResponseEntity.badRequest().body(new CommandResponse(400, "Bad Request", null));
        }
        return ResponseEntity.ok(dispatcher.dispatch(request));
    }

    private static ResponseEntity<CommandResponse> tooLarge() {
        return ResponseEntity.status(413).body(new CommandResponse(413, "Request Entity Too Large", null));
    }
}
