package io.dhcpsuite.api.command;

/**
 * The command table of a service that plays part of kea-dhcp4 and part of kea-dhcp6. The gateway
 * names the Kea service in the envelope's {@code service}; a command sent for {@code dhcp6} that
 * the v6 table has is answered there, everything else by the main table; a request without
 * {@code service: ["dhcp6"]} does not reach the v6 table, so kea-dhcp4's answers stay Kea's.
 */
public class ServiceDispatcher extends CommandDispatcher {
    private final CommandDispatcher dhcp6 = new CommandDispatcher();

    /** The table of commands answered differently for {@code "service": ["dhcp6"]}. */
    public CommandDispatcher dhcp6() {
        return dhcp6;
    }

    @Override
    public CommandResponse dispatch(CommandRequest request) {
        if (request != null && request.service() != null && request.service().contains("dhcp6")
                && request.command() != null && dhcp6.supports(request.command())) {
            return dhcp6.dispatch(request);
        }
        return super.dispatch(request);
    }
}
