package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.dhcp.classification.Classifier;
import io.dhcpsuite.dhcp.classification.HostLookup;
import io.dhcpsuite.dhcp.classification.HostReplica;
import io.dhcpsuite.dhcp.options.ClientNames;
import io.dhcpsuite.dhcp.selection.SubnetSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the chain derives once from a configuration: the selector, classifier, reservation
 * index, name rules and the addresses that count as our server identifier.
 *
 * @param config        the Dhcp4 section (null: no subnets, every query is dropped or NAKed)
 * @param serverPort    where relays listen (Kea replies to giaddr on the server port)
 * @param clientPort    where clients listen (68 normally)
 * @param ownAddresses  addresses a client may name in option 54 and still mean us
 * @param authoritative global {@code authoritative}, used when no subnet is selected
 */
public record ServerSettings(Dhcp4Config config, int serverPort, int clientPort, Set<Integer> ownAddresses,
                             boolean authoritative, SubnetSelector selector, Classifier classifier,
                             HostLookup hosts, ClientNames names, Map<String, ClientClassDef> classDefs) {

    public static ServerSettings of(Dhcp4Config config, int serverPort, int clientPort,
                                    Set<Integer> ownAddresses) {
        return of(config, serverPort, clientPort, ownAddresses, new HostReplica(config));
    }

    /** With the copy of the hosts databases' reservations that outlives configurations. */
    public static ServerSettings of(Dhcp4Config config, int serverPort, int clientPort,
                                    Set<Integer> ownAddresses, HostReplica databases) {
        ClientNames names = new ClientNames();
        Map<String, ClientClassDef> defs = new HashMap<>();
        if (config != null) {
            for (ClientClassDef c : config.clientClasses()) {
                defs.put(c.name(), c);
            }
        }
        return new ServerSettings(config, serverPort, clientPort, Set.copyOf(ownAddresses),
                config != null && config.authoritative(), new SubnetSelector(config),
                new Classifier(config), new HostLookup(config, databases), names, Map.copyOf(defs));
    }

    /** The definitions of the client's classes, in membership order (built-ins have none). */
    public List<ClientClassDef> defsOf(Iterable<String> classes) {
        java.util.ArrayList<ClientClassDef> out = new java.util.ArrayList<>();
        for (String c : classes) {
            ClientClassDef d = classDefs.get(c);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }
}
