package io.dhcpsuite.dhcp.command;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The command envelope endpoint: one request, one answer (the gateway wraps it in Kea's list). */
@RestController
class CommandController {
    private final CommandDispatcher dispatcher;

    CommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(path = CommandDispatcher.PATH, consumes = "application/json", produces = "application/json")
    CommandResponse command(@RequestBody CommandRequest request) {
        return dispatcher.dispatch(request);
    }
}
