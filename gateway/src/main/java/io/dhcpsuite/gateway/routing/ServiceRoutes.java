package io.dhcpsuite.gateway.routing;

import java.util.List;

/**
 * Which suite service answers a Kea command sent for a Kea service name. Kea users address
 * {@code "dhcp4"}, {@code "dhcp6"} and {@code "d2"}; inside the suite, the lease commands live in lease-service, HA
 * commands in ha-service, packet-side commands in dhcp-service. Statistics are split between
 * dhcp-service (pkt4-*) and lease-service (leases), so they fan out to both and are merged;
 * config-test and shutdown go to both too, as both play kea-dhcp4 (config-set and config-reload
 * go to both through {@link ConfigTransaction}). The host_cmds {@code reservation-*} commands go to
 * lease-service, which owns the hosts databases; after a change the gateway has dhcp-service pull
 * it ({@code hosts-sync}) before it answers.
 *
 * <p>{@code "dhcp6"} is kea-dhcp6, played by the same two services: the lease6-* commands,
 * {@code stat-lease6-get} and {@code leases-reclaim} go to lease-service, the statistics to both
 * (lease-service keeps the v6 lease statistics apart and tells them by the {@code service} the
 * gateway passes on; dhcp-service adds pkt6-*), the status commands to dhcp-service, and the
 * {@code reservation-*} commands to lease-service, which answers them from the Dhcp6 hosts
 * databases (followed by {@code hosts-sync}, as for dhcp4). The {@code ha-*} commands go to
 * ha-service's DHCPv6 relationship, {@code dhcp-disable}/{@code dhcp-enable} to dhcp-service's
 * DHCPv6 network state, and status-get carries the DHCPv6 {@code high-availability} list. The
 * configuration commands go where dhcp4's go; each service answers them for dhcp6 from the Dhcp6
 * section of the same document.
 */
public final class ServiceRoutes {

    /** A suite service the gateway forwards to. */
    public enum Target { DHCP, LEASE, HA, DDNS }

    private ServiceRoutes() {
    }

    /**
     * The targets for {@code command} sent to Kea service {@code service}, in the order their
     * answers are merged; empty when the Kea service name is unknown.
     */
    public static List<Target> targets(String service, String command) {
        return switch (service) {
            case "dhcp4" -> dhcp4Targets(command);
            case "dhcp6" -> dhcp6Targets(command);
            case "d2" -> List.of(Target.DDNS);
            default -> List.of();
        };
    }

    /**
     * Kea's {@code dhcp6}, which dhcp-service (packets, pkt6-* statistics) and lease-service
     * (lease6-* commands, v6 lease statistics, told apart by the service name passed on) play as
     * they play {@code dhcp4}. Commands the suite does not serve for DHCPv6 yet (dhcp-enable,
     * subnet6-*, ...) are answered "not supported" by {@link #servesDhcp6} rather than
     * by the DHCPv4 side.
     */
    private static List<Target> dhcp6Targets(String command) {
        if (command.startsWith("reservation-")) {
            // host_cmds for dhcp6: lease-service owns the Dhcp6 hosts databases too
            return List.of(Target.LEASE);
        }
        if (command.startsWith("lease6-") || command.equals("leases-reclaim") || command.startsWith("stat-lease")) {
            return List.of(Target.LEASE);
        }
        if (command.startsWith("statistic-") || command.equals("list-commands") || command.equals("config-test")) {
            return List.of(Target.DHCP, Target.LEASE);
        }
        if (command.startsWith("ha-")) {
            // kea-dhcp6's HA hook: ha-service's DHCPv6 relationship
            return List.of(Target.HA);
        }
        if (command.equals("status-get")) {
            return List.of(Target.DHCP, Target.HA);
        }
        return List.of(Target.DHCP);
    }

    /** Kea's configuration commands, served for dhcp6 as for dhcp4. */
    private static final java.util.Set<String> CONFIG_COMMANDS = java.util.Set.of("config-get", "config-hash-get",
            "config-test", "config-set", "config-reload", "config-write");

    /** False for a command the suite does not serve for Kea service {@code dhcp6}. */
    public static boolean servesDhcp6(String command) {
        return command.startsWith("lease6-") || command.startsWith("stat-lease") || command.equals("leases-reclaim")
                || command.startsWith("reservation-") || command.startsWith("statistic-") || command.equals("list-commands")
                || command.equals("status-get") || command.equals("version-get") || command.equals("build-report")
                || command.startsWith("ha-") || command.equals("dhcp-disable") || command.equals("dhcp-enable")
                || CONFIG_COMMANDS.contains(command);
    }

    private static List<Target> dhcp4Targets(String command) {
        if (command.startsWith("lease4-") || command.startsWith("lease6-") || command.equals("leases-reclaim")
                || command.startsWith("stat-lease") || command.startsWith("reservation-")) {
            return List.of(Target.LEASE);
        }
        if (command.startsWith("ha-")) {
            return List.of(Target.HA);
        }
        if (command.equals("status-get")) {
            // kea-dhcp4's status-get carries the HA hook's high-availability section
            return List.of(Target.DHCP, Target.HA);
        }
        if (command.startsWith("statistic-") || command.equals("list-commands")
                || command.equals("config-test") || command.equals("shutdown")) {
            return List.of(Target.DHCP, Target.LEASE);
        }
        return List.of(Target.DHCP);
    }
}
