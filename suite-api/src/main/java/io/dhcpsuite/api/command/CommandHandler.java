package io.dhcpsuite.api.command;

import tools.jackson.databind.JsonNode;

/** Handles one Kea command. {@code arguments} is never null (an empty object when absent). */
@FunctionalInterface
public interface CommandHandler {
    CommandResponse handle(JsonNode arguments);
}
