package io.dhcpsuite.config;

import io.dhcpsuite.codec.OptionDefinition;
import java.util.List;

/**
 * The {@code Dhcp4} section with Kea's defaults applied and inheritance resolved: every
 * {@link Subnet4} carries its effective parameters (global, then shared network, then subnet), so
 * the services never re-implement Kea's inheritance rules.
 *
 * @param subnets all subnets, including those inside shared networks, in configuration order
 * @param optionData global option-data
 * @param optionDefs custom option definitions (option-def), space dhcp4 or custom spaces
 * @param clientClasses client-classes in configuration order (evaluation order)
 * @param globalReservations global {@code reservations}
 * @param hostReservationIdentifiers Kea's {@code host-reservation-identifiers} (order matters)
 * @param declineProbationPeriod seconds (default 86400)
 * @param echoClientId RFC 6842 (default true)
 * @param serverTag {@code server-tag} or ""
 * @param hooksLibraries kept for the services that use them (lease_cmds, ha)
 * @param loggers Kea's {@code loggers}
 * @param dhcpDdns the {@code dhcp-ddns} map as given, or null
 * @param dhcpDdnsClient the {@code dhcp-ddns} settings with Kea's defaults
 * @param ddns the global DDNS parameters (subnets and pools carry their effective ones)
 * @param authoritative global {@code authoritative} (default false), for queries no subnet is selected for
 * @param hostsDatabases {@code hosts-database} or {@code hosts-databases}, in order (empty: none)
 */
public record Dhcp4Config(
        InterfacesConfig interfacesConfig,
        LeaseDatabase leaseDatabase,
        List<Subnet4> subnets,
        List<SharedNetwork4> sharedNetworks,
        List<OptionData> optionData,
        List<OptionDefinition> optionDefs,
        List<ClientClassDef> clientClasses,
        List<Reservation4> globalReservations,
        List<String> hostReservationIdentifiers,
        long declineProbationPeriod,
        ExpiredLeasesProcessing expiredLeasesProcessing,
        boolean echoClientId,
        String serverTag,
        List<HookLibrary> hooksLibraries,
        List<LoggerConfig> loggers,
        tools.jackson.databind.JsonNode dhcpDdns,
        DhcpDdnsClient dhcpDdnsClient,
        DdnsParams ddns,
        boolean authoritative,
        List<LeaseDatabase> hostsDatabases) {

    /**
     * The DDNS parameters that apply to a lease of {@code address} in subnet {@code subnetId}: its
     * pool's, else its subnet's, else the global ones (an unknown subnet).
     */
    public DdnsParams ddnsFor(long subnetId, int address) {
        Subnet4 s = subnet(subnetId);
        if (s == null) {
            return ddns;
        }
        for (Pool4 p : s.pools()) {
            if (p.contains(address)) {
                return p.ddns();
            }
        }
        return s.ddns();
    }

    /** DNS updates are on for this scope: {@code enable-updates} and the scope's {@code ddns-send-updates}. */
    public boolean ddnsEnabled(DdnsParams params) {
        return dhcpDdnsClient.enableUpdates() && params.sendUpdates();
    }

    /** The subnet with this id, or null. */
    public Subnet4 subnet(long id) {
        for (Subnet4 s : subnets) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }

    /** The client class with this name, or null. */
    public ClientClassDef clientClass(String name) {
        return ClientClassDef.byName(clientClasses, name);
    }
}
