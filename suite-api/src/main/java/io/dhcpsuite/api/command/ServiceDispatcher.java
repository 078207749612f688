package io.dhcpsuite.api.command;

/**
 * A command table for a service that plays part of kea-dhcp4 and part of kea-dhcp6. The gateway
 * names the Kea service in the envelope's {@code service}; a command sent for {@code dhcp6} that
 * the v6 table has is answered there, everything else by the main table, so a request without
 * {@code service: ["dhcp6"]} never reaches the v6 table and kea-dhcp4's answers stay Kea's.
 */
public class ServiceDispatcher extends CommandDispatcher {
    private final CommandDispatcher dhcp6 = new CommandDispatcher();

    /** The table of commands answered differently for {@code "service": ["dhcp6"]}. */
    public CommandDispatcher dhcp6() {
        return dhcp6;
    }

    /** Whether {@code request} names Kea's {@code dhcp6} service. */
    public static boolean forDhcp6(CommandRequest request) {
        return request != null && request.service() != null && request.service().contains("dhcp6");
    }

    @Override
    public CommandResponse dispatch(CommandRequest request) {
        if (forDhcp6(request) && request.command() != null && dhcp6.supports(request.command())) {
            return dhcp6.dispatch(request);
        }
        return super.dispatch(request);
    }
}
