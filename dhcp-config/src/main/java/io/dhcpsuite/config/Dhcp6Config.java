package io.dhcpsuite.config;

import io.dhcpsuite.codec.OptionDefinition;
import java.util.List;

/**
 * The {@code Dhcp6} section with Kea's defaults applied and inheritance resolved: every
 * {@link Subnet6} carries its effective parameters (global, then shared network, then subnet).
 *
 * @param interfacesConfig           {@code interfaces-config}
 * @param leaseDatabase              {@code lease-database}: memfile (default) or postgresql
 * @param subnets                    all subnets, including those inside shared networks, in configuration order
 * @param sharedNetworks             {@code shared-networks}
 * @param optionData                 global option-data (space dhcp6 by default)
 * @param optionDefs                 custom option definitions
 * @param clientClasses              client-classes in configuration order (evaluation order)
 * @param globalReservations         global {@code reservations}
 * @param hostReservationIdentifiers Kea's {@code host-reservation-identifiers} (default hw-address, duid)
 * @param declineProbationPeriod     seconds (default 86400)
 * @param expiredLeasesProcessing    reclamation timers
 * @param serverTag                  {@code server-tag} or ""
 * @param serverId                   {@code server-id}: how the server DUID is made and kept
 * @param dataDirectory              {@code data-directory} (where Kea keeps the DUID file), or null
 * @param hooksLibraries             kept for the services that use them
 * @param loggers                    Kea's {@code loggers}
 * @param dhcpDdnsClient             the {@code dhcp-ddns} settings with Kea's defaults
 * @param ddns                       the global DDNS parameters (subnets and pools carry their effective ones)
 * @param preferred                  the global {@code preferred-lifetime} (default 3600) with its bounds
 * @param hostsDatabases             {@code hosts-database} or {@code hosts-databases}, in order (empty: none);
 *                                   the same databases may serve Dhcp4 too
 */
public record Dhcp6Config(
        InterfacesConfig6 interfacesConfig,
        LeaseDatabase leaseDatabase,
        List<Subnet6> subnets,
        List<SharedNetwork6> sharedNetworks,
        List<OptionData> optionData,
        List<OptionDefinition> optionDefs,
        List<ClientClassDef> clientClasses,
        List<Reservation6> globalReservations,
        List<String> hostReservationIdentifiers,
        long declineProbationPeriod,
        ExpiredLeasesProcessing expiredLeasesProcessing,
        String serverTag,
        ServerId serverId,
        String dataDirectory,
        List<HookLibrary> hooksLibraries,
        List<LoggerConfig> loggers,
        DhcpDdnsClient dhcpDdnsClient,
        DdnsParams ddns,
        Triplet preferred,
        List<LeaseDatabase> hostsDatabases) {

    /** The subnet with this id, or null. */
    public Subnet6 subnet(long id) {
        for (Subnet6 s : subnets) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }

    /**
     * The DDNS parameters of a lease: those of the address's pool, else of its subnet, else the
     * global ones (a prefix or an address outside the pools takes its subnet's).
     */
    public DdnsParams ddnsFor(long subnetId, java.math.BigInteger address) {
        Subnet6 s = subnet(subnetId);
        if (s == null) {
            return ddns;
        }
        if (address != null) {
            for (Pool6 p : s.pools()) {
                if (p.contains(address)) {
                    return p.ddns();
                }
            }
        }
        return s.ddns();
    }

    /** DNS updates are on for this scope: {@code enable-updates} and the scope's {@code ddns-send-updates}. */
    public boolean ddnsEnabled(DdnsParams params) {
        return dhcpDdnsClient.enableUpdates() && params.sendUpdates();
    }

    /** The client class with this name, or null. */
    public ClientClassDef clientClass(String name) {
        return ClientClassDef.byName(clientClasses, name);
    }
}
