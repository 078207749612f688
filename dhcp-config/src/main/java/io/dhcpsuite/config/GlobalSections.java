package io.dhcpsuite.config;

import io.dhcpsuite.codec.OptionDefinition;
import java.util.List;

/**
 * The global parts {@code Dhcp4} and {@code Dhcp6} share, parsed in Kea's order with the family's
 * parsers: options first (classes and subnets refer to their definitions), then classes (guards
 * refer to them), the small sections, hooks (HA classes depend on the HA hook), DDNS, and the
 * global level of the inherited parameters, checked on its own so a bad global value is reported
 * there. The family parser adds its own sections and the subnets.
 */
final class GlobalSections {

    final OptionParser options;
    final List<OptionDefinition> optionDefs;
    final ReservationParser reservations;
    final ClientClassParser classParser;
    final List<ClientClassDef> classes;
    final List<OptionData> optionData;
    final LeaseDatabase leaseDatabase;
    final ExpiredLeasesProcessing expired;
    final long declineProbationPeriod;
    final String serverTag;
    final List<String> hostReservationIdentifiers;
    final List<HookLibrary> hooks;
    final List<LoggerConfig> loggers;
    final DdnsParser ddns;
    final DhcpDdnsClient ddnsClient;
    final DdnsParams globalDdns;
    final boolean haLoaded;

    GlobalSections(KeaJson global, Family family, List<ConfigWarning> warnings) {
        options = new OptionParser(warnings, family);
        optionDefs = options.parseDefs(global.at("option-def"));
        reservations = new ReservationParser(options, global.bool("ip-reservations-unique", true));
        classParser = new ClientClassParser(options, family);
        classes = classParser.parse(global.at("client-classes"));
        optionData = options.parseData(global.at("option-data"));
        leaseDatabase = SmallSections.leaseDatabase(global.map("lease-database"));
        expired = SmallSections.expired(global.map("expired-leases-processing"));
        declineProbationPeriod = global.integer("decline-probation-period", 86400, 0, Inherited.UINT32_MAX);
        serverTag = global.string("server-tag", "");
        hostReservationIdentifiers = SmallSections.hostReservationIdentifiers(global, family);
        hooks = SmallSections.hooks(global.at("hooks-libraries"), warnings);
        loggers = SmallSections.loggers(global.at("loggers"));
        ddns = new DdnsParser();
        ddnsClient = ddns.client(global.at("dhcp-ddns"));
        globalDdns = ddns.params(List.of(global));
        Inherited.lifetimes(List.of(global), warnings, family);
        Inherited.reservationFlags(List.of(global));
        Inherited.allocator(List.of(global));
        haLoaded = hooks.stream().anyMatch(h -> h.fileName().equals("libdhcp_ha.so"));
    }

    /** Numbers, parses and checks the family's subnets and shared networks; returns the shared networks. */
    static <S, N> List<N> subnets(NetworkParser<S, N> parser, KeaJson global) {
        parser.numberSubnets(global);
        parser.parseSubnets(global);
        List<N> networks = parser.parseSharedNetworks(global);
        parser.checkSubnetSet();
        return List.copyOf(networks);
    }
}
