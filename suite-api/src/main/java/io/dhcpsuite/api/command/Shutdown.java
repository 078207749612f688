package io.dhcpsuite.api.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Kea's {@code shutdown}: answers "Shutting down." and then stops the process with
 * {@code exit-value} (default 0). The stop runs a moment after the answer, on its own thread, so
 * the answer reaches the caller before the HTTP server closes.
 */
public final class Shutdown {
    /** Time for the answer to leave before the context closes its web server. */
    static final long ANSWER_GRACE_MS = 250;

    private Shutdown() {
    }

    /** @param exit closes the service gracefully and ends the process with the given status */
    public static void register(CommandDispatcher d, IntConsumer exit) {
        AtomicBoolean requested = new AtomicBoolean();
        d.register("shutdown", a -> {
            int value = exitValue(a);
            if (requested.compareAndSet(false, true)) {
                CompletableFuture.runAsync(() -> exit.accept(value),
                        CompletableFuture.delayedExecutor(ANSWER_GRACE_MS, TimeUnit.MILLISECONDS));
            }
            return CommandResponse.success("Shutting down.");
        });
    }

    static int exitValue(JsonNode a) {
        JsonNode v = a.get("exit-value");
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw CommandException.badArgument("parameter 'exit-value' is not an integer");
        }
        return v.asInt();
    }
}
