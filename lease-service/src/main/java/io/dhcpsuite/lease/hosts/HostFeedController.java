package io.dhcpsuite.lease.hosts;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * dhcp-service's copy of the database hosts is fed from here: the changes after the version it
 * has (see {@link DatabaseHosts#changesSince}). Internal, like the batch endpoint.
 */
@RestController
class HostFeedController {
    static final String PATH = "/internal/v1/hosts4";
    static final String PATH6 = "/internal/v1/hosts6";
    private final HostStore store;
    private final HostStore6 store6;

    HostFeedController(HostStore store, HostStore6 store6) {
        this.store = store;
        this.store6 = store6;
    }

    /** The DHCPv6 hosts, fed as the v4 ones. */
    @GetMapping(PATH6)
    ObjectNode changes6(@RequestParam(name = "epoch", defaultValue = "") String epoch,
                        @RequestParam(name = "since", defaultValue = "0") long since) {
        return store6.memory().changesSince(epoch, since);
    }

    @GetMapping(PATH)
    ObjectNode changes(@RequestParam(name = "epoch", defaultValue = "") String epoch,
                       @RequestParam(name = "since", defaultValue = "0") long since) {
        return store.memory().changesSince(epoch, since);
    }
}
