package io.dhcpsuite.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ShutdownTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void answersFirstThenStopsWithTheExitValue() throws Exception {
        CompletableFuture<Integer> exited = new CompletableFuture<>();
        CommandDispatcher d = new CommandDispatcher();
        Shutdown.register(d, exited::complete);
        CommandResponse r = d.dispatch(CommandRequest.of("shutdown", JSON.readTree("{\"exit-value\": 3}")));
        assertThat(r.result()).isZero();
        assertThat(r.text()).isEqualTo("Shutting down.");
        assertThat(exited.get(5, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void refusesANonIntegerExitValue() {
        CommandDispatcher d = new CommandDispatcher();
        Shutdown.register(d, v -> {
            throw new AssertionError("must not stop");
        });
        CommandResponse r = d.dispatch(CommandRequest.of("shutdown", JSON.readTree("{\"exit-value\": \"x\"}")));
        assertThat(r.result()).isEqualTo(1);
        assertThat(r.text()).isEqualTo("parameter 'exit-value' is not an integer");
    }
}
