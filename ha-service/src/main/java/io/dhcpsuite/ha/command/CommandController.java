package io.dhcpsuite.ha.command;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The command envelope as the gateway forwards it; one answer, not Kea's list. */
@RestController
class CommandController {
    private final CommandDispatcher dispatcher;

    CommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(CommandDispatcher.PATH)
    CommandResponse command(@RequestBody CommandRequest request) {
        return dispatcher.dispatch(request);
    }
}
