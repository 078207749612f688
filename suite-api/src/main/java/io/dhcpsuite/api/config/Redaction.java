package io.dhcpsuite.api.config;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's rule for showing a configuration where others can read it (Kea's {@code redactConfig}):
 * the value of every {@code password} and {@code secret} key, at any depth, becomes
 * {@value #MASK}; {@code user-context} is the operator's and is left as it is. The suite also masks
 * keys ending in {@code -password} (the HA hook's {@code basic-auth-password}). Kea applies the rule
 * to what it logs but answers {@code config-get} in clear; the suite applies it to both, because a
 * {@code config-get} answer ends in scripts, tickets and logs. File names ({@code password-file})
 * are kept: they are not secrets, and a file's content is never put into a document.
 */
public final class Redaction {
    public static final String MASK = "*****";

    private Redaction() {
    }

    /** A deep copy of {@code node} with every secret replaced by {@link #MASK}; the original is untouched. */
    public static JsonNode redacted(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        mask(copy);
        return copy;
    }

    static boolean isSecret(String key) {
        return key.equals("password") || key.equals("secret") || key.endsWith("-password");
    }

    private static void mask(JsonNode node) {
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                if (isSecret(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                    obj.put(e.getKey(), MASK);
                } else if (!e.getKey().equals("user-context")) {
                    mask(e.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(Redaction::mask);
        }
    }

    /**
     * {@code incoming} with every secret that is still {@link #MASK} given back its value in
     * {@code running} at the same path, so the documented round trip (config-get, edit, config-set)
     * keeps the passwords it did not mean to change. A mask with no running value at its path stays
     * as it is (and is then a wrong password, as the operator wrote it).
     */
    public static JsonNode restored(JsonNode incoming, JsonNode running) {
        if (incoming == null || running == null) {
            return incoming;
        }
        JsonNode copy = incoming.deepCopy();
        restore(copy, running);
        return copy;
    }

    private static void restore(JsonNode node, JsonNode running) {
        if (node.isObject() && running.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode was = running.get(e.getKey());
                if (was == null) {
                    continue;
                }
                if (isSecret(e.getKey()) && e.getValue().isString() && MASK.equals(e.getValue().asString())) {
                    obj.set(e.getKey(), was.deepCopy());
                } else {
                    restore(e.getValue(), was);
                }
            }
        } else if (node.isArray() && running.isArray()) {
            for (int i = 0; i < node.size() && i < running.size(); i++) {
                restore(node.get(i), running.get(i));
            }
        }
    }
}
