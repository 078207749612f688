package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.hosts.HostCommands.Found;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hosts databases behind one door: source index 1.. in {@code hosts-databases} order (0 is the
 * configuration file, as in Kea's reservation-get-page). Reads ask every database through its
 * repository; changes go to the first database that is not {@code readonly}. Each change commits
 * first, then updates the in-memory copy ({@link DatabaseHosts}) and the engine's pool bitmaps, all
 * under one lock, so the copy is the database as of the last answered command.
 */
public final class HostStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One host row as read: its id for paging, and the host. */
    record Row(long id, Found found) {
    }

    private final List<HostDatabase> databases;
    private final DatabaseHosts memory;
    private final AllocationEngine engine;

    HostStore(List<HostDatabase> databases, DatabaseHosts memory, AllocationEngine engine) {
        this.databases = List.copyOf(databases);
        this.memory = memory;
        this.engine = engine;
    }

    /** Opens every configured hosts database, loads their hosts into memory and hands them to the engine. */
    public static HostStore open(List<io.dhcpsuite.config.LeaseDatabase> configs, String password,
                                 AllocationEngine engine) {
        List<HostDatabase> dbs = new ArrayList<>();
        try {
            for (io.dhcpsuite.config.LeaseDatabase c : configs) {
                dbs.add(HostDatabase.open(c, c.password() != null ? c.password() : password));
            }
        } catch (RuntimeException e) {
            dbs.forEach(HostDatabase::close);
            throw e;
        }
        HostStore store = new HostStore(dbs, new DatabaseHosts(), engine);
        long t0 = System.nanoTime();
        int n = store.load();
        log.info("HOSTS_LOADED {} host reservation(s) loaded from {} hosts database(s) in {} ms", n, dbs.size(),
                (System.nanoTime() - t0) / 1_000_000);
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

    int databases() {
        return databases.size();
    }

    boolean hasDatabase() {
        return writable() != null;
    }

    private HostDatabase writable() {
        for (HostDatabase d : databases) {
            if (!d.readonly()) {
                return d;
            }
        }
        return null;
    }

    private int sourceOf(HostDatabase d) {
        return databases.indexOf(d) + 1;
    }

    /** Reads every host of every database into memory, in pages. */
    int load() {
        int n = 0;
        HostJson json = new HostJson(engine.config());
        for (HostDatabase d : databases) {
            int source = sourceOf(d);
            long from = 0;
            while (true) {
                long after = from;
                List<HostEntity> page = d.inTransaction(() ->
                        d.repository().findByIdGreaterThanOrderById(after, PageRequest.of(0, 5000)));
                if (page.isEmpty()) {
                    break;
                }
                for (HostEntity e : page) {
                    Found f = toFound(e, json);
                    if (f != null) {
                        memory.put(new DatabaseHosts.Entry(DatabaseHosts.key(source, e.id), source, e.id,
                                e.subnetId, f.reservation()));
                        n++;
                    }
                    from = e.id;
                }
            }
        }
        return n;
    }

    // ---- changes (one at a time: the commands are the only writer)

    synchronized void add(long subnetId, Reservation4 r, ObjectNode json) {
        HostDatabase d = writable();
        String type = HostJson.identifierType(r);
        String id = HostJson.identifierValue(r);
        HostEntity saved = write(() -> d.inTransaction(() -> {
            if (d.repository().findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId).isPresent()) {
                throw duplicate(type, id, subnetId);
            }
            return d.repository().save(toEntity(new HostEntity(), subnetId, r, json));
        }), type, id, subnetId);
        applied(d, saved.id, subnetId, r, null);
    }

    /** Replaces the host with the same identifier and scope; false when there is none. */
    synchronized boolean update(long subnetId, Reservation4 r, ObjectNode json) {
        HostDatabase d = writable();
        String type = HostJson.identifierType(r);
        String id = HostJson.identifierValue(r);
        HostEntity saved = write(() -> d.inTransaction(() -> d.repository()
                .findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(e -> d.repository().save(toEntity(e, subnetId, r, json)))
                .orElse(null)), type, id, subnetId);
        if (saved == null) {
            return false;
        }
        DatabaseHosts.Entry old = memory.get(DatabaseHosts.key(sourceOf(d), saved.id));
        applied(d, saved.id, subnetId, r, old == null ? null : old.reservation().ipAddress());
        return true;
    }

    synchronized boolean deleteByIdentifier(long subnetId, String type, String id) {
        return delete(d -> d.repository().findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(List::of).orElse(List.of()));
    }

    synchronized boolean deleteByAddress(long subnetId, int address) {
        return delete(d -> d.repository().findBySubnetIdAndIpv4AddressOrderById(subnetId, Ipv4.toUnsigned(address)));
    }

    /** Deletes what {@code find} selects in every writable database. */
    private boolean delete(Function<HostDatabase, List<HostEntity>> find) {
        boolean any = false;
        for (HostDatabase d : databases) {
            if (d.readonly()) {
                continue;
            }
            List<HostEntity> gone = d.inTransaction(() -> {
                List<HostEntity> found = find.apply(d);
                d.repository().deleteAll(found);
                return found;
            });
            for (HostEntity e : gone) {
                DatabaseHosts.Entry old = memory.remove(DatabaseHosts.key(sourceOf(d), e.id));
                if (old != null && old.reservation().ipAddress() != null) {
                    engine.hostReservationChanged(old.reservation().ipAddress());
                }
                any = true;
            }
        }
        return any;
    }

    private void applied(HostDatabase d, long id, long subnetId, Reservation4 r, Integer oldAddress) {
        int source = sourceOf(d);
        memory.put(new DatabaseHosts.Entry(DatabaseHosts.key(source, id), source, id, subnetId, r));
        if (oldAddress != null && !oldAddress.equals(r.ipAddress())) {
            engine.hostReservationChanged(oldAddress);
        }
        if (r.ipAddress() != null) {
            engine.hostReservationChanged(r.ipAddress());
        }
    }

    private static <T> T write(java.util.function.Supplier<T> work, String type, String id, long subnetId) {
        try {
            return work.get();
        } catch (DataIntegrityViolationException e) {
            throw duplicate(type, id, subnetId);
        } catch (DataAccessException e) {
            throw new CommandException(ResultCode.ERROR, "hosts database error: " + rootMessage(e));
        }
    }

    private static CommandException duplicate(String type, String id, long subnetId) {
        return new CommandException(ResultCode.ERROR, "Database duplicate entry error: a reservation for "
                + type + " '" + id + "' already exists in subnet " + subnetId);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Whether another host of the databases (not {@code type}/{@code id}) reserves {@code address} in the scope. */
    boolean addressTaken(long subnetId, int address, String type, String id) {
        for (DatabaseHosts.Entry e : memory.atAddress(address)) {
            if (e.subnetId() == subnetId && !HostCommands.matchesId(e.reservation(), type, id)) {
                return true;
            }
        }
        return false;
    }

    // ---- reads

    List<Found> byIdentifier(long subnetId, String type, String id, HostJson json) {
        return read(d -> d.repository().findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(List::of).orElse(List.of()), json);
    }

    List<Found> byIdentifierAnySubnet(String type, String id, HostJson json) {
        return read(d -> d.repository().findByIdentifierTypeAndIdentifierOrderById(type, id), json);
    }

    List<Found> byAddress(long subnetId, int address, HostJson json) {
        return read(d -> d.repository().findBySubnetIdAndIpv4AddressOrderById(subnetId, Ipv4.toUnsigned(address)), json);
    }

    List<Found> byAddressAnySubnet(int address, HostJson json) {
        return read(d -> d.repository().findByIpv4AddressOrderById(Ipv4.toUnsigned(address)), json);
    }

    List<Found> bySubnet(long subnetId, HostJson json) {
        return read(d -> d.repository().findBySubnetIdOrderById(subnetId), json);
    }

    List<Found> byHostname(String hostname, Long subnetId, HostJson json) {
        return read(d -> subnetId == null ? d.repository().findByHostname(hostname)
                : d.repository().findByHostnameInSubnet(hostname, subnetId), json);
    }

    /** One page of database {@code source} after host id {@code from}. */
    List<Row> page(int source, Long subnetId, long from, int limit, HostJson json) {
        HostDatabase d = databases.get(source - 1);
        PageRequest p = PageRequest.of(0, limit);
        List<HostEntity> rows = d.inTransaction(() -> subnetId == null
                ? d.repository().findByIdGreaterThanOrderById(from, p)
                : d.repository().findBySubnetIdAndIdGreaterThanOrderById(subnetId, from, p));
        List<Row> out = new ArrayList<>();
        for (HostEntity e : rows) {
            Found f = toFound(e, json);
            if (f != null) {
                out.add(new Row(e.id, f));
            }
        }
        return out;
    }

    private List<Found> read(Function<HostDatabase, List<HostEntity>> query, HostJson json) {
        List<Found> out = new ArrayList<>();
        for (HostDatabase d : databases) {
            List<HostEntity> rows;
            try {
                rows = d.inTransaction(() -> query.apply(d));
            } catch (DataAccessException e) {
                throw new CommandException(ResultCode.ERROR, "hosts database error: " + rootMessage(e));
            }
            for (HostEntity e : rows) {
                Found f = toFound(e, json);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    // ---- rows

    private static HostEntity toEntity(HostEntity e, long subnetId, Reservation4 r, ObjectNode json) {
        e.identifierType = HostJson.identifierType(r);
        e.identifier = HostJson.identifierValue(r);
        e.subnetId = subnetId;
        e.ipv4Address = r.ipAddress() == null ? null : Ipv4.toUnsigned(r.ipAddress());
        e.hostname = r.hostname();
        e.clientClasses = r.clientClasses() == null ? "" : String.join(",", r.clientClasses());
        e.nextServer = Ipv4.toUnsigned(r.nextServer());
        e.serverHostname = r.serverHostname() == null ? "" : r.serverHostname();
        e.bootFileName = r.bootFileName() == null ? "" : r.bootFileName();
        e.optionData = json.get("option-data").toString();
        return e;
    }

    /** The row as a reservation, parsed as the file's are; null (and a warning) when it no longer parses. */
    private static Found toFound(HostEntity e, HostJson json) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put(e.identifierType, e.identifier);
        if (e.ipv4Address != null) {
            m.put("ip-address", Ipv4.format((int) (long) e.ipv4Address));
        }
        if (e.hostname != null) {
            m.put("hostname", e.hostname);
        }
        ArrayNode classes = m.putArray("client-classes");
        for (String c : e.clientClasses.split(",")) {
            if (!c.isEmpty()) {
                classes.add(c);
            }
        }
        m.put("next-server", Ipv4.format((int) e.nextServer));
        m.put("server-hostname", e.serverHostname);
        m.put("boot-file-name", e.bootFileName);
        try {
            JsonNode opts = JSON.readTree(e.optionData);
            m.set("option-data", opts);
            return new Found(e.subnetId, json.parse(m, "hosts4[" + e.id + "]").reservation());
        } catch (ConfigException | tools.jackson.core.JacksonException ex) {
            log.warn("HOSTS_ROW_SKIPPED host {} ({} {} in subnet {}) does not parse with the running configuration: {}",
                    e.id, e.identifierType, e.identifier, e.subnetId, ex.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        databases.forEach(HostDatabase::close);
    }
}
