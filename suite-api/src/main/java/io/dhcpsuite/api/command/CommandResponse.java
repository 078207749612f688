package io.dhcpsuite.api.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/** One answer of Kea's command API: {@code {"result": n, "text": "...", "arguments": ...}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResponse(int result, String text, JsonNode arguments) {

    public static CommandResponse success(String text) {
        return new CommandResponse(ResultCode.SUCCESS, text, null);
    }

    public static CommandResponse success(String text, JsonNode arguments) {
        return new CommandResponse(ResultCode.SUCCESS, text, arguments);
    }

    public static CommandResponse error(String text) {
        return new CommandResponse(ResultCode.ERROR, text, null);
    }

    public static CommandResponse empty(String text) {
        return new CommandResponse(ResultCode.EMPTY, text, null);
    }

    public static CommandResponse empty(String text, JsonNode arguments) {
        return new CommandResponse(ResultCode.EMPTY, text, arguments);
    }

    public static CommandResponse conflict(String text) {
        return new CommandResponse(ResultCode.CONFLICT, text, null);
    }

    /** Kea's exact text for a command the server does not know. */
    public static CommandResponse unsupported(String command) {
        return new CommandResponse(ResultCode.UNSUPPORTED, "'" + command + "' command not supported.", null);
    }
}
