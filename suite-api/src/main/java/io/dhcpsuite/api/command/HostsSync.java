package io.dhcpsuite.api.command;

/**
 * The internal {@code hosts-sync} command: the gateway sends it to dhcp-service after a
 * reservation change that lease-service accepted, and dhcp-service answers once its copy of the
 * hosts holds the change, so the change is in effect before the operator's answer leaves. Not
 * reachable from operators (the gateway refuses it like the config phases).
 */
public final class HostsSync {
    public static final String COMMAND = "hosts-sync";

    private HostsSync() {
    }

    /** Whether {@code command} changes reservations (a sync follows it). */
    public static boolean changesHosts(String command) {
        return command.equals("reservation-add") || command.equals("reservation-del")
                || command.equals("reservation-update");
    }

    /** Registers the command with {@code pull} (the number of changes applied), or as a no-op without hosts databases. */
    public static void register(CommandDispatcher d, PullSource pull) {
        d.registerUnlisted(COMMAND, args -> {
            if (pull == null) {
                return CommandResponse.success("no hosts database configured");
            }
            try {
                return CommandResponse.success(pull.pull() + " host change(s) applied");
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return CommandResponse.error("cannot fetch host reservations from lease-service: " + e.getMessage());
            }
        });
    }

    /** Something that pulls the hosts' changes now. */
    @FunctionalInterface
    public interface PullSource {
        int pull() throws Exception;
    }
}
