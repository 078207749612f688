package io.dhcpsuite.config;

import io.dhcpsuite.codec.OptionDefinition;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link Dhcp6Config} from a {@code Dhcp6} map whose key names {@link KeaSchema} already
 * checked, with the section parsers {@code Dhcp4} uses set to {@link Family#V6}: options first
 * (classes and subnets refer to their definitions), then classes, hooks, subnets last. Applies
 * Kea's DHCPv6 defaults (SimpleParser6) and resolves inheritance, so every {@link Subnet6}
 * carries effective values. One instance per load.
 */
final class Dhcp6Parser {

    private final List<ConfigWarning> warnings;

    Dhcp6Parser(List<ConfigWarning> warnings) {
        this.warnings = warnings;
    }

    Dhcp6Config parse(JsonNode d) {
        KeaJson global = KeaJson.of(d, Family.V6.section);
        OptionParser options = new OptionParser(warnings, Family.V6);
        List<OptionDefinition> optionDefs = options.parseDefs(global.at("option-def"));
        ReservationParser reservations = new ReservationParser(options, global.bool("ip-reservations-unique", true));
        ClientClassParser classParser = new ClientClassParser(options, Family.V6);
        List<ClientClassDef> classes = classParser.parse(global.at("client-classes"));
        List<OptionData> globalOptions = options.parseData(global.at("option-data"));
        InterfacesConfig6 interfaces = SmallSections.interfaces6(global.map("interfaces-config"));
        LeaseDatabase leaseDb = SmallSections.leaseDatabase(global.map("lease-database"));
        ServerId serverId = SmallSections.serverId(global.map("server-id"));
        ExpiredLeasesProcessing elp = SmallSections.expired(global.map("expired-leases-processing"));
        long decline = global.integer("decline-probation-period", 86400, 0, Inherited.UINT32_MAX);
        String serverTag = global.string("server-tag", "");
        String dataDirectory = global.string("data-directory", null);
        List<String> hri = SmallSections.hostReservationIdentifiers(global, Family.V6);
        List<HookLibrary> hooks = SmallSections.hooks(global.at("hooks-libraries"), warnings);
        List<LoggerConfig> loggers = SmallSections.loggers(global.at("loggers"));
        DdnsParser ddns = new DdnsParser();
        DhcpDdnsClient ddnsClient = ddns.client(global.at("dhcp-ddns"));
        DdnsParams globalDdns = ddns.params(List.of(global));
        // checks the global level on its own, so a bad global value is reported there
        Inherited.lifetimes(List.of(global), warnings, Family.V6);
        long[] preferred = Inherited.triplet(List.of(global), "preferred-lifetime", 3600);
        Inherited.reservationFlags(List.of(global));
        Inherited.allocator(List.of(global));
        Inherited.allocator(List.of(global), "pd-allocator");

        List<Reservation6> globalReservations = reservations.parse6(global.at("reservations"), null);

        boolean haLoaded = hooks.stream().anyMatch(h -> h.fileName().equals("libdhcp_ha.so"));
        Subnet6Parser subnets = new Subnet6Parser(warnings, options, reservations, classParser, ddns, haLoaded);
        subnets.numberSubnets(global);
        subnets.parseSubnets(global);
        List<SharedNetwork6> networks = subnets.parseSharedNetworks(global);
        subnets.checkSubnetSet();
        return new Dhcp6Config(interfaces, leaseDb, subnets.subnets(), List.copyOf(networks), globalOptions,
                optionDefs, classes, globalReservations, hri, decline, elp, serverTag, serverId, dataDirectory, hooks,
                loggers, ddnsClient, globalDdns, new Triplet(preferred[0], preferred[1], preferred[2]));
    }
}
