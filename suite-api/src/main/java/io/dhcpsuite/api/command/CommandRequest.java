package io.dhcpsuite.api.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Kea's command envelope: {@code {"command": ..., "service": [...], "arguments": {...}}}.
 * The gateway reads {@code service}; the services ignore it, as Kea's servers do.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandRequest(String command, List<String> service, JsonNode arguments) {

    public static CommandRequest of(String command, JsonNode arguments) {
        return new CommandRequest(command, null, arguments);
    }
}
