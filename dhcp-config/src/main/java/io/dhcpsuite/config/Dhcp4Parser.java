package io.dhcpsuite.config;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link Dhcp4Config} from a {@code Dhcp4} map whose key names {@link KeaSchema} already
 * checked: the parts shared with {@code Dhcp6} ({@link GlobalSections}), then the DHCPv4 ones,
 * subnets last. Applies Kea's defaults and resolves inheritance global → shared network → subnet
 * → pool, so every {@link Subnet4} carries effective values. One instance per load.
 */
final class Dhcp4Parser {

    private final List<ConfigWarning> warnings;

    Dhcp4Parser(List<ConfigWarning> warnings) {
        this.warnings = warnings;
    }

    Dhcp4Config parse(JsonNode d) {
        KeaJson global = KeaJson.of(d, Family.V4.section);
        GlobalSections g = new GlobalSections(global, Family.V4, warnings);
        InterfacesConfig interfaces = SmallSections.interfaces(global.map("interfaces-config"));
        List<LeaseDatabase> hostsDbs = SmallSections.hostsDatabases(global, warnings);
        boolean echo = global.bool("echo-client-id", true);
        boolean authoritative = global.bool("authoritative", false);
        List<Reservation4> globalReservations = g.reservations.parse(global.at("reservations"), null);
        SubnetParser subnets = new SubnetParser(warnings, g.options, g.reservations, g.classParser, g.ddns, g.haLoaded);
        List<SharedNetwork4> networks = GlobalSections.subnets(subnets, global);
        JsonNode rawDdns = global.has("dhcp-ddns") ? d.get("dhcp-ddns") : null;
        return new Dhcp4Config(interfaces, g.leaseDatabase, subnets.subnets(), networks, g.optionData, g.optionDefs,
                g.classes, globalReservations, g.hostReservationIdentifiers, g.declineProbationPeriod, g.expired, echo,
                g.serverTag, g.hooks, g.loggers, rawDdns, g.ddnsClient, g.globalDdns, authoritative, hostsDbs);
    }
}
