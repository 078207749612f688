package io.dhcpsuite.gateway.api;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.Redaction;
import io.dhcpsuite.gateway.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kea's Control Agent endpoint: {@code POST /} with {@code {"command", "service", "arguments"}},
 * answered by a JSON list with one answer per service named. Comments are allowed in commands as
 * in Kea (1.9.7+). Bodies are bounded in size and nesting depth, so a hostile document cannot
 * exhaust the gateway (CVE-2026-3608 was a deep-nesting crash in Kea's parser).
 */
@RestController
public class CommandController {
    private static final Logger log = LoggerFactory.getLogger(CommandController.class);
    private final GatewayProperties props;
    private final ServiceClient client;
    private final LocalCommands local;
    private final JsonMapper mapper;

    public CommandController(GatewayProperties props, ServiceClient client, LocalCommands local) {
        this.props = props;
        this.client = client;
        this.local = local;
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(props.maxNestingDepth()).build())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    @PostMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> command(HttpServletRequest http, InputStream body) throws IOException {
        if (!isJson(http.getContentType())) {
            // Kea's PostHttpRequestJson requires Content-Type: application/json.
            return badRequest();
        }
        if (http.getContentLengthLong() > props.maxRequestBytes()) {
            return tooLarge();
        }
        byte[] bytes = body.readNBytes(props.maxRequestBytes() + 1);
        if (bytes.length > props.maxRequestBytes()) {
            return tooLarge();
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JacksonException e) {
            log.debug("malformed command: {}", e.getOriginalMessage());
            return badRequest();
        }
        if (root == null || !root.isObject()) {
            return badRequest();
        }
        JsonNode cmd = root.get("command");
        if (cmd == null || !cmd.isString()) {
            return ResponseEntity.ok(List.of(CommandResponse.error("missing mandatory 'command' parameter")));
        }
        String command = cmd.asString();
        JsonNode args = root.get("arguments");
        if (args != null && !args.isObject()) {
            return ResponseEntity.ok(List.of(CommandResponse.error("'arguments' must be a map")));
        }
        CommandRequest request = CommandRequest.of(command, args);
        JsonNode service = root.get("service");
        if (service == null || (service.isArray() && service.isEmpty())) {
            return ResponseEntity.ok(List.of(local.handle(request)));
        }
        if (!service.isArray()) {
            return ResponseEntity.ok(List.of(CommandResponse.error("service value must be a list")));
        }
        for (JsonNode s : service) {
            if (!s.isString()) {
                // found by fuzzing: asString() of a nested list threw, and Spring answered 500
                return ResponseEntity.ok(List.of(CommandResponse.error("service value must be a list of strings")));
            }
        }
        List<CommandResponse> answers = new ArrayList<>();
        for (JsonNode s : service) {
            CommandResponse answer = client.forward(s.asString(), request);
            if (command.equals("config-get") && answer.arguments() != null) {
                // the services mask their own; this also covers a peer that does not (a Kea behind us)
                answer = new CommandResponse(answer.result(), answer.text(), Redaction.redacted(answer.arguments()));
            }
            answers.add(answer);
        }
        return ResponseEntity.ok(answers);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ResponseEntity<Object> tooLarge() {
        return ResponseEntity.status(413).body(new CommandResponse(413, "Request Entity Too Large", null));
    }

    /** Kea's stock body for a request it cannot parse. */
    private static ResponseEntity<Object> badRequest() {
        return ResponseEntity.badRequest().body(new CommandResponse(400, "Bad Request", null));
    }

}
