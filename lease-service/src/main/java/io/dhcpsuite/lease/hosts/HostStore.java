package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.LeaseDatabase;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Dhcp4 hosts databases ({@code hosts4}), as {@link HostStoreBase} describes: the in-memory
 * copy is {@link DatabaseHosts}, and each change also tells the engine's pool bitmaps about the
 * addresses it reserves or frees, under the same lock, before the answer leaves.
 */
public final class HostStore extends HostStoreBase<HostEntity, Reservation4, Integer> {
    private final DatabaseHosts memory;
    private final AllocationEngine engine;

    HostStore(List<HostDatabase> databases, DatabaseHosts memory, AllocationEngine engine) {
        super(databases, "hosts4", "HOSTS");
        this.memory = memory;
        this.engine = engine;
    }

    /** Opens every configured hosts database, loads their hosts into memory and hands them to the engine. */
    public static HostStore open(List<LeaseDatabase> configs, String password, AllocationEngine engine) {
        HostStore store = new HostStore(openAll(configs, password), new DatabaseHosts(), engine);
        store.loadLogged("HOSTS_LOADED {} host reservation(s) loaded from {} hosts database(s) in {} ms");
        engine.useHostDatabases(store.memory);
        return store;
    }

    /** A store without databases: reads find nothing there, changes are refused. */
    public static HostStore none(AllocationEngine engine) {
        return new HostStore(List.of(), new DatabaseHosts(), engine);
    }

    public DatabaseHosts memory() {
        return memory;
    }

    @Override
    HostRepository repository(HostDatabase d) {
        return d.repository();
    }

    @Override
    HostEntity newEntity() {
        return new HostEntity();
    }

    @Override
    Parser<Reservation4> parser() {
        HostJson json = new HostJson(engine.config());
        return (m, path) -> json.parse(m, path).reservation();
    }

    @Override
    String identifierType(Reservation4 r) {
        return HostJson.identifierType(r);
    }

    @Override
    String identifierValue(Reservation4 r) {
        return HostJson.identifierValue(r);
    }

    // ---- the in-memory copy and the engine

    @Override
    void put(int source, long id, long subnetId, Reservation4 r) {
        memory.put(new DatabaseHosts.Entry(DatabaseHosts.key(source, id), source, id, subnetId, r));
    }

    @Override
    void stored(int source, long id, long subnetId, Reservation4 r) {
        DatabaseHosts.Entry old = memory.get(DatabaseHosts.key(source, id));
        Integer oldAddress = old == null ? null : old.reservation().ipAddress();
        put(source, id, subnetId, r);
        if (oldAddress != null && !oldAddress.equals(r.ipAddress())) {
            engine.hostReservationChanged(oldAddress);
        }
        if (r.ipAddress() != null) {
            engine.hostReservationChanged(r.ipAddress());
        }
    }

    @Override
    void removed(int source, long id) {
        DatabaseHosts.Entry old = memory.remove(DatabaseHosts.key(source, id));
        if (old != null && old.reservation().ipAddress() != null) {
            engine.hostReservationChanged(old.reservation().ipAddress());
        }
    }

    /** Whether another host of the databases (not {@code type}/{@code id}) reserves {@code address} in the scope. */
    boolean addressTaken(long subnetId, int address, String type, String id) {
        for (DatabaseHosts.Entry e : memory.atAddress(address)) {
            if (e.subnetId() == subnetId && !matchesId(e.reservation(), type, id)) {
                return true;
            }
        }
        return false;
    }

    // ---- by address

    @Override
    synchronized boolean deleteByAddress(long subnetId, Integer address) {
        return delete(d -> d.repository().findBySubnetIdAndIpv4AddressOrderById(subnetId, Ipv4.toUnsigned(address)));
    }

    @Override
    List<Found<Reservation4>> byAddress(long subnetId, Integer address, Parser<Reservation4> json) {
        return read(d -> d.repository().findBySubnetIdAndIpv4AddressOrderById(subnetId, Ipv4.toUnsigned(address)), json);
    }

    @Override
    List<Found<Reservation4>> byAddressAnySubnet(Integer address, Parser<Reservation4> json) {
        return read(d -> d.repository().findByIpv4AddressOrderById(Ipv4.toUnsigned(address)), json);
    }

    // ---- rows

    @Override
    void fill(HostEntity e, Reservation4 r) {
        e.ipv4Address = r.ipAddress() == null ? null : Ipv4.toUnsigned(r.ipAddress());
        e.hostname = r.hostname();
        e.clientClasses = r.clientClasses() == null ? "" : String.join(",", r.clientClasses());
        e.nextServer = Ipv4.toUnsigned(r.nextServer());
        e.serverHostname = r.serverHostname() == null ? "" : r.serverHostname();
        e.bootFileName = r.bootFileName() == null ? "" : r.bootFileName();
    }

    @Override
    void putAddresses(ObjectNode m, HostEntity e) {
        if (e.ipv4Address != null) {
            m.put("ip-address", Ipv4.format((int) (long) e.ipv4Address));
        }
    }

    @Override
    void putExtras(ObjectNode m, HostEntity e) {
        m.put("next-server", Ipv4.format((int) e.nextServer));
        m.put("server-hostname", e.serverHostname);
        m.put("boot-file-name", e.bootFileName);
    }
}
