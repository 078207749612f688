package io.dhcpsuite.config;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link Dhcp6Config} from a {@code Dhcp6} map whose key names {@link KeaSchema} already
 * checked: the parts shared with {@code Dhcp4} ({@link GlobalSections}, with the DHCPv6 option
 * space, expression dialect and defaults), then the DHCPv6 ones (interfaces with unicast
 * addresses, {@code server-id}, the preferred lifetime, {@code pd-allocator}), subnets last. One
 * instance per load.
 */
final class Dhcp6Parser {

    private final List<ConfigWarning> warnings;

    Dhcp6Parser(List<ConfigWarning> warnings) {
        this.warnings = warnings;
    }

    Dhcp6Config parse(JsonNode d) {
        KeaJson global = KeaJson.of(d, Family.V6.section);
        GlobalSections g = new GlobalSections(global, Family.V6, warnings);
        InterfacesConfig6 interfaces = SmallSections.interfaces6(global.map("interfaces-config"));
        ServerId serverId = SmallSections.serverId(global.map("server-id"));
        String dataDirectory = global.string("data-directory", null);
        long[] preferred = Inherited.triplet(List.of(global), "preferred-lifetime", 3600);
        Inherited.allocator(List.of(global), "pd-allocator");
        List<Reservation6> globalReservations = g.reservations.parse6(global.at("reservations"), null);
        Subnet6Parser subnets = new Subnet6Parser(warnings, g.options, g.reservations, g.classParser, g.ddns, g.haLoaded);
        List<SharedNetwork6> networks = GlobalSections.subnets(subnets, global);
        return new Dhcp6Config(interfaces, g.leaseDatabase, subnets.subnets(), networks, g.optionData, g.optionDefs,
                g.classes, globalReservations, g.hostReservationIdentifiers, g.declineProbationPeriod, g.expired,
                g.serverTag, serverId, dataDirectory, g.hooks, g.loggers, g.ddnsClient, g.globalDdns,
                new Triplet(preferred[0], preferred[1], preferred[2]), SmallSections.hostsDatabases(global, warnings));
    }
}
