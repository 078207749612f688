package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.LeaseDatabase;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Reservation6;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DHCPv6 side of the hosts databases ({@code hosts-database(s)} of Dhcp6, tables {@code hosts6}
 * and {@code ipv6_reservations}), as {@link HostStoreBase} describes: the in-memory copy is
 * {@link DatabaseHosts6}, which dhcp-service's replica is fed from.
 */
public final class HostStore6 extends HostStoreBase<HostEntity6, Reservation6, BigInteger> {
    private final DatabaseHosts6 memory = new DatabaseHosts6();
    private final Supplier<Dhcp6Config> config;

    HostStore6(List<HostDatabase> databases, Supplier<Dhcp6Config> config) {
        super(databases, "hosts6", "HOSTS6");
        this.config = config;
    }

    /** Opens every Dhcp6 hosts database and loads its hosts into memory. */
    public static HostStore6 open(List<LeaseDatabase> configs, String password, Supplier<Dhcp6Config> config) {
        HostStore6 store = new HostStore6(openAll(configs, password), config);
        store.loadLogged("HOSTS6_LOADED {} DHCPv6 host reservation(s) loaded from {} hosts database(s) in {} ms");
        return store;
    }

    /** A store without databases: reads find nothing there, changes are refused. */
    public static HostStore6 none(Supplier<Dhcp6Config> config) {
        return new HostStore6(List.of(), config);
    }

    public DatabaseHosts6 memory() {
        return memory;
    }

    @Override
    HostRepository6 repository(HostDatabase d) {
        return d.repository6();
    }

    @Override
    HostEntity6 newEntity() {
        return new HostEntity6();
    }

    @Override
    Parser<Reservation6> parser() {
        HostJson6 json = new HostJson6(config.get());
        return (m, path) -> json.parse(m, path).reservation();
    }

    @Override
    String identifierType(Reservation6 r) {
        return HostJson6.identifierType(r);
    }

    @Override
    String identifierValue(Reservation6 r) {
        return HostJson6.identifierValue(r);
    }

    @Override
    void put(int source, long id, long subnetId, Reservation6 r) {
        memory.put(new DatabaseHosts6.Entry(DatabaseHosts.key(source, id), subnetId, r));
    }

    @Override
    void removed(int source, long id) {
        memory.remove(DatabaseHosts.key(source, id));
    }

    /** Flushes in the call, so that a clash over ipv6_reservations_unique is reported as a refused constraint. */
    @Override
    HostEntity6 saveUpdated(HostRepositoryBase<HostEntity6> repository, HostEntity6 e) {
        return repository.saveAndFlush(e);
    }

    @Override
    CommandException refused(String rootMessage, String type, String id, long subnetId) {
        if (rootMessage != null && rootMessage.contains("ipv6_reservations_unique")) {
            return new CommandException(ResultCode.ERROR, "Database duplicate entry error: an address or prefix"
                    + " of this host is already reserved in subnet " + subnetId);
        }
        return duplicate(type, id, subnetId);
    }

    // ---- by address

    @Override
    synchronized boolean deleteByAddress(long subnetId, BigInteger address) {
        return delete(d -> d.repository6().findBySubnetAndAddress(subnetId, Prefix6.format(address)));
    }

    @Override
    List<Found<Reservation6>> byAddress(long subnetId, BigInteger address, Parser<Reservation6> json) {
        return read(d -> d.repository6().findBySubnetAndAddress(subnetId, Prefix6.format(address)), json);
    }

    @Override
    List<Found<Reservation6>> byAddressAnySubnet(BigInteger address, Parser<Reservation6> json) {
        return read(d -> d.repository6().findByAddress(Prefix6.format(address)), json);
    }

    // ---- rows

    @Override
    void fill(HostEntity6 e, Reservation6 r) {
        e.hostname = r.hostname();
        e.clientClasses = r.clientClasses() == null ? "" : String.join(",", r.clientClasses());
        e.resources.clear();
        for (BigInteger a : r.ipAddresses()) {
            e.resources.add(new HostEntity6.Resource(e.subnetId, Prefix6.format(a), 128, HostEntity6.IA_NA));
        }
        for (Prefix6 p : r.prefixes()) {
            e.resources.add(new HostEntity6.Resource(e.subnetId, Prefix6.format(p.network()), p.length(),
                    HostEntity6.IA_PD));
        }
    }

    @Override
    void putAddresses(ObjectNode m, HostEntity6 e) {
        ArrayNode addresses = m.putArray("ip-addresses");
        ArrayNode prefixes = m.putArray("prefixes");
        for (HostEntity6.Resource r : e.resources) {
            if (r.type == HostEntity6.IA_NA) {
                addresses.add(r.address);
            } else {
                prefixes.add(r.address + "/" + r.prefixLength);
            }
        }
    }
}
