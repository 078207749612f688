package io.dhcpsuite.gateway.agent;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes secrets from configuration documents before the gateway returns them. Kea's
 * {@code config-get} returns passwords in clear; we mask every {@code password} value (basic-auth
 * clients, lease and host database credentials) because the answer travels to scripts and logs.
 * File names ({@code password-file}) are kept: they are not secrets, and the files' content is
 * never put into a document.
 */
public final class Secrets {
    public static final String MASK = "*****";

    private Secrets() {
    }

    /** A deep copy of {@code node} with every {@code password} string replaced by {@link #MASK}. */
    public static JsonNode masked(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        mask(copy);
        return copy;
    }

    private static void mask(JsonNode node) {
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                if ("password".equals(e.getKey()) && e.getValue().isString()) {
                    obj.put("password", MASK);
                } else {
                    mask(e.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(Secrets::mask);
        }
    }
}
