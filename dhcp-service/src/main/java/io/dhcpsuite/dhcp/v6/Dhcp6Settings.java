package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.config.Dhcp6Config;

/**
 * Everything the DHCPv6 chain needs from one configuration, built once per configuration:
 * the subnets' selector, the reservations, the classifier and the server's identity.
 *
 * @param config     the Dhcp6 section
 * @param serverDuid the server's DUID (option 2)
 * @param serverPort where relays are answered (547), when they sent no relay-source-port
 * @param clientPort where direct clients are answered (546)
 */
public record Dhcp6Settings(Dhcp6Config config, Duid serverDuid, int serverPort, int clientPort,
                            SubnetSelector6 selector, Hosts6 hosts, Classifier6 classifier, Dhcp6Option serverIdOption) {

    public static Dhcp6Settings of(Dhcp6Config config, Duid serverDuid, int serverPort, int clientPort) {
        return of(config, serverDuid, serverPort, clientPort, new HostReplica6(config));
    }

    /** With the hosts databases' reservations of {@code databases} (kept across reconfigurations). */
    public static Dhcp6Settings of(Dhcp6Config config, Duid serverDuid, int serverPort, int clientPort,
                                   HostReplica6 databases) {
        return new Dhcp6Settings(config, serverDuid, serverPort, clientPort, new SubnetSelector6(config),
                new Hosts6(config, databases), new Classifier6(config), serverDuid.toOption(OptionCodes6.SERVERID));
    }
}
