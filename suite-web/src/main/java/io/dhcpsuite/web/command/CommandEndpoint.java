package io.dhcpsuite.web.command;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal command endpoint of a service: one command envelope in, one answer out, by the
 * service's {@link CommandDispatcher}; the gateway wraps the answers in Kea's list. A service
 * takes it with {@code @Import(CommandEndpoint.class)} and a {@code CommandDispatcher} bean.
 */
@RestController
public class CommandEndpoint {
    private final CommandDispatcher dispatcher;

    public CommandEndpoint(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(path = CommandDispatcher.PATH, consumes = "application/json", produces = "application/json")
    public CommandResponse command(@RequestBody CommandRequest request) {
        return dispatcher.dispatch(request);
    }
}
