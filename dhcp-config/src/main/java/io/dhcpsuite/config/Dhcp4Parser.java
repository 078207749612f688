package io.dhcpsuite.config;

import io.dhcpsuite.codec.OptionDefinition;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link Dhcp4Config} from a {@code Dhcp4} map whose key names {@link KeaSchema} already
 * checked, section by section: options first (classes and subnets refer to their definitions),
 * then classes (guards refer to them), hooks (HA classes depend on the HA hook), subnets last.
 * Applies Kea's defaults and resolves inheritance global → shared network → subnet → pool, so
 * every {@link Subnet4} carries effective values. One instance per load.
 */
final class Dhcp4Parser {

    private final List<ConfigWarning> warnings;

    Dhcp4Parser(List<ConfigWarning> warnings) {
        this.warnings = warnings;
    }

    Dhcp4Config parse(JsonNode d) {
        KeaJson global = KeaJson.of(d, "Dhcp4");
        OptionParser options = new OptionParser(warnings);
        List<OptionDefinition> optionDefs = options.parseDefs(global.at("option-def"));
        ReservationParser reservations = new ReservationParser(options, global.bool("ip-reservations-unique", true));
        ClientClassParser classParser = new ClientClassParser(options);
        List<ClientClassDef> classes = classParser.parse(global.at("client-classes"));
        List<OptionData> globalOptions = options.parseData(global.at("option-data"));
        InterfacesConfig interfaces = SmallSections.interfaces(global.map("interfaces-config"));
        LeaseDatabase leaseDb = SmallSections.leaseDatabase(global.map("lease-database"));
        List<LeaseDatabase> hostsDbs = SmallSections.hostsDatabases(global, warnings);
        ExpiredLeasesProcessing elp = SmallSections.expired(global.map("expired-leases-processing"));
        long decline = global.integer("decline-probation-period", 86400, 0, Inherited.UINT32_MAX);
        boolean echo = global.bool("echo-client-id", true);
        String serverTag = global.string("server-tag", "");
        List<String> hri = SmallSections.hostReservationIdentifiers(global);
        List<HookLibrary> hooks = SmallSections.hooks(global.at("hooks-libraries"), warnings);
        List<LoggerConfig> loggers = SmallSections.loggers(global.at("loggers"));
        DdnsParser ddns = new DdnsParser();
        DhcpDdnsClient ddnsClient = ddns.client(global.at("dhcp-ddns"));
        DdnsParams globalDdns = ddns.params(List.of(global));
        // checks the global level on its own, so a bad global value is reported there
        Inherited.lifetimes(List.of(global), warnings);
        Inherited.reservationFlags(List.of(global));
        Inherited.allocator(List.of(global));
        boolean authoritative = global.bool("authoritative", false);

        List<Reservation4> globalReservations = reservations.parse(global.at("reservations"), null);

        boolean haLoaded = hooks.stream().anyMatch(h -> h.fileName().equals("libdhcp_ha.so"));
        SubnetParser subnets = new SubnetParser(warnings, options, reservations, classParser, ddns, haLoaded);
        subnets.numberSubnets(global);
        subnets.parseSubnets(global);
        List<SharedNetwork4> networks = subnets.parseSharedNetworks(global);
        subnets.checkSubnetSet();
        JsonNode rawDdns = global.has("dhcp-ddns") ? d.get("dhcp-ddns") : null;
        return new Dhcp4Config(interfaces, leaseDb, subnets.subnets(), List.copyOf(networks),
                globalOptions, optionDefs, classes, globalReservations, hri, decline, elp, echo, serverTag, hooks,
                loggers, rawDdns, ddnsClient, globalDdns, authoritative, hostsDbs);
    }
}
