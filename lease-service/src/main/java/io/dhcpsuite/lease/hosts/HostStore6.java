package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.LeaseDatabase;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Reservation6;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DHCPv6 side of the hosts databases ({@code hosts-database(s)} of Dhcp6): source index 1..
 * in order, reads through each database's {@link HostRepository6}, changes to the first database
 * that is not {@code readonly}. Each change commits, then updates the in-memory copy
 * ({@link DatabaseHosts6}) that dhcp-service's replica is fed from.
 */
public final class HostStore6 implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostStore6.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A host and the scope it belongs to. */
    public record Found(long subnetId, Reservation6 reservation) {
    }

    /** One host row as read: its id for paging, and the host. */
    record Row(long id, Found found) {
    }

    private final List<HostDatabase> databases;
    private final DatabaseHosts6 memory = new DatabaseHosts6();
    private final Supplier<Dhcp6Config> config;

    HostStore6(List<HostDatabase> databases, Supplier<Dhcp6Config> config) {
        this.databases = List.copyOf(databases);
        this.config = config;
    }

    /** Opens every Dhcp6 hosts database and loads its hosts into memory. */
    public static HostStore6 open(List<LeaseDatabase> configs, String password, Supplier<Dhcp6Config> config) {
        List<HostDatabase> dbs = new ArrayList<>();
        try {
            for (LeaseDatabase c : configs) {
                dbs.add(HostDatabase.open(c, c.password() != null ? c.password() : password));
            }
        } catch (RuntimeException e) {
            dbs.forEach(HostDatabase::close);
            throw e;
        }
        HostStore6 store = new HostStore6(dbs, config);
        long t0 = System.nanoTime();
        int n = store.load();
        log.info("HOSTS6_LOADED {} DHCPv6 host reservation(s) loaded from {} hosts database(s) in {} ms", n,
                dbs.size(), (System.nanoTime() - t0) / 1_000_000);
        return store;
    }

    /** A store without databases: reads find nothing there, changes are refused. */
    public static HostStore6 none(Supplier<Dhcp6Config> config) {
        return new HostStore6(List.of(), config);
    }

    public DatabaseHosts6 memory() {
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

    int load() {
        int n = 0;
        HostJson6 json = new HostJson6(config.get());
        for (HostDatabase d : databases) {
            int source = sourceOf(d);
            long from = 0;
            while (true) {
                long after = from;
                List<HostEntity6> page = d.inTransaction(() ->
                        d.repository6().findByIdGreaterThanOrderById(after, PageRequest.of(0, 5000)));
                if (page.isEmpty()) {
                    break;
                }
                for (HostEntity6 e : page) {
                    Found f = toFound(e, json);
                    if (f != null) {
                        memory.put(new DatabaseHosts6.Entry(DatabaseHosts.key(source, e.id), e.subnetId, f.reservation()));
                        n++;
                    }
                    from = e.id;
                }
            }
        }
        return n;
    }

    // ---- changes

    synchronized void add(long subnetId, Reservation6 r, ObjectNode json) {
        HostDatabase d = writable();
        String type = HostJson6.identifierType(r);
        String id = HostJson6.identifierValue(r);
        HostEntity6 saved = write(() -> d.inTransaction(() -> {
            if (d.repository6().findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId).isPresent()) {
                throw duplicate(type, id, subnetId);
            }
            return d.repository6().save(toEntity(new HostEntity6(), subnetId, r, json));
        }), type, id, subnetId);
        memory.put(new DatabaseHosts6.Entry(DatabaseHosts.key(sourceOf(d), saved.id), subnetId, r));
    }

    synchronized boolean update(long subnetId, Reservation6 r, ObjectNode json) {
        HostDatabase d = writable();
        String type = HostJson6.identifierType(r);
        String id = HostJson6.identifierValue(r);
        HostEntity6 saved = write(() -> d.inTransaction(() -> d.repository6()
                .findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(e -> d.repository6().saveAndFlush(toEntity(e, subnetId, r, json)))
                .orElse(null)), type, id, subnetId);
        if (saved == null) {
            return false;
        }
        memory.put(new DatabaseHosts6.Entry(DatabaseHosts.key(sourceOf(d), saved.id), subnetId, r));
        return true;
    }

    synchronized boolean deleteByIdentifier(long subnetId, String type, String id) {
        return delete(d -> d.repository6().findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(List::of).orElse(List.of()));
    }

    synchronized boolean deleteByAddress(long subnetId, BigInteger address) {
        return delete(d -> d.repository6().findBySubnetAndAddress(subnetId, Prefix6.format(address)));
    }

    private boolean delete(Function<HostDatabase, List<HostEntity6>> find) {
        boolean any = false;
        for (HostDatabase d : databases) {
            if (d.readonly()) {
                continue;
            }
            List<HostEntity6> gone = d.inTransaction(() -> {
                List<HostEntity6> found = find.apply(d);
                d.repository6().deleteAll(found);
                return found;
            });
            for (HostEntity6 e : gone) {
                memory.remove(DatabaseHosts.key(sourceOf(d), e.id));
                any = true;
            }
        }
        return any;
    }

    private static <T> T write(Supplier<T> work, String type, String id, long subnetId) {
        try {
            return work.get();
        } catch (DataIntegrityViolationException e) {
            String root = rootMessage(e);
            if (root != null && root.contains("ipv6_reservations_unique")) {
                throw new CommandException(ResultCode.ERROR, "Database duplicate entry error: an address or prefix"
                        + " of this host is already reserved in subnet " + subnetId);
            }
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

    // ---- reads

    List<Found> byIdentifier(long subnetId, String type, String id, HostJson6 json) {
        return read(d -> d.repository6().findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(List::of).orElse(List.of()), json);
    }

    List<Found> byIdentifierAnySubnet(String type, String id, HostJson6 json) {
        return read(d -> d.repository6().findByIdentifierTypeAndIdentifierOrderById(type, id), json);
    }

    List<Found> byAddress(long subnetId, BigInteger address, HostJson6 json) {
        return read(d -> d.repository6().findBySubnetAndAddress(subnetId, Prefix6.format(address)), json);
    }

    List<Found> byAddressAnySubnet(BigInteger address, HostJson6 json) {
        return read(d -> d.repository6().findByAddress(Prefix6.format(address)), json);
    }

    List<Found> bySubnet(long subnetId, HostJson6 json) {
        return read(d -> d.repository6().findBySubnetIdOrderById(subnetId), json);
    }

    List<Found> byHostname(String hostname, Long subnetId, HostJson6 json) {
        return read(d -> subnetId == null ? d.repository6().findByHostname(hostname)
                : d.repository6().findByHostnameInSubnet(hostname, subnetId), json);
    }

    List<Row> page(int source, Long subnetId, long from, int limit, HostJson6 json) {
        HostDatabase d = databases.get(source - 1);
        PageRequest p = PageRequest.of(0, limit);
        List<HostEntity6> rows = d.inTransaction(() -> subnetId == null
                ? d.repository6().findByIdGreaterThanOrderById(from, p)
                : d.repository6().findBySubnetIdAndIdGreaterThanOrderById(subnetId, from, p));
        List<Row> out = new ArrayList<>();
        for (HostEntity6 e : rows) {
            Found f = toFound(e, json);
            if (f != null) {
                out.add(new Row(e.id, f));
            }
        }
        return out;
    }

    private List<Found> read(Function<HostDatabase, List<HostEntity6>> query, HostJson6 json) {
        List<Found> out = new ArrayList<>();
        for (HostDatabase d : databases) {
            List<HostEntity6> rows;
            try {
                rows = d.inTransaction(() -> query.apply(d));
            } catch (DataAccessException e) {
                throw new CommandException(ResultCode.ERROR, "hosts database error: " + rootMessage(e));
            }
            for (HostEntity6 e : rows) {
                Found f = toFound(e, json);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    // ---- rows

    private static HostEntity6 toEntity(HostEntity6 e, long subnetId, Reservation6 r, ObjectNode json) {
        e.identifierType = HostJson6.identifierType(r);
        e.identifier = HostJson6.identifierValue(r);
        e.subnetId = subnetId;
        e.hostname = r.hostname();
        e.clientClasses = r.clientClasses() == null ? "" : String.join(",", r.clientClasses());
        e.optionData = json.get("option-data").toString();
        e.resources.clear();
        for (BigInteger a : r.ipAddresses()) {
            e.resources.add(new HostEntity6.Resource(subnetId, Prefix6.format(a), 128, HostEntity6.IA_NA));
        }
        for (Prefix6 p : r.prefixes()) {
            e.resources.add(new HostEntity6.Resource(subnetId, Prefix6.format(p.network()), p.length(),
                    HostEntity6.IA_PD));
        }
        return e;
    }

    /** The row as a reservation, parsed as the file's are; null (and a warning) when it no longer parses. */
    private static Found toFound(HostEntity6 e, HostJson6 json) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put(e.identifierType, e.identifier);
        ArrayNode addresses = m.putArray("ip-addresses");
        ArrayNode prefixes = m.putArray("prefixes");
        for (HostEntity6.Resource r : e.resources) {
            if (r.type == HostEntity6.IA_NA) {
                addresses.add(r.address);
            } else {
                prefixes.add(r.address + "/" + r.prefixLength);
            }
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
        try {
            m.set("option-data", JSON.readTree(e.optionData));
            return new Found(e.subnetId, json.parse(m, "hosts6[" + e.id + "]").reservation());
        } catch (ConfigException | tools.jackson.core.JacksonException ex) {
            log.warn("HOSTS6_ROW_SKIPPED host {} ({} {} in subnet {}) does not parse with the running configuration: {}",
                    e.id, e.identifierType, e.identifier, e.subnetId, ex.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        databases.forEach(HostDatabase::close);
    }
}
