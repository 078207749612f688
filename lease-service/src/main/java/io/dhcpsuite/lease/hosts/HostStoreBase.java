package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandException;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.LeaseDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * The hosts databases of one family behind one door ({@link HostStore} for Dhcp4, {@link HostStore6}
 * for Dhcp6): source index 1.. in {@code hosts-databases} order (0 is the configuration file, as in
 * Kea's reservation-get-page). Reads ask every database through its repository; changes go to the
 * first database that is not {@code readonly}. Each change commits first, then the family's
 * in-memory copy follows ({@link #stored}, {@link #removed}), one change at a time, so the copy is
 * the database as of the last answered command. A row reads back through the family's host parser,
 * as the file's hosts do, so a row the running configuration no longer accepts is skipped with a
 * warning instead of failing the whole read.
 *
 * @param <E> the row ({@link HostEntity} or {@link HostEntity6})
 * @param <R> the reservation ({@code Reservation4} or {@code Reservation6})
 * @param <A> an address ({@code Integer} or {@code BigInteger})
 */
abstract class HostStoreBase<E extends HostRow, R, A> implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A host and the scope it belongs to, from either source. */
    public record Found<R>(long subnetId, R reservation) {
    }

    /** One host row as read: its id for paging, and the host. */
    record Row<R>(long id, Found<R> found) {
    }

    /** Reads a host map as the file's are ({@code HostJson} or {@code HostJson6} of the running configuration). */
    @FunctionalInterface
    interface Parser<R> {
        R parse(JsonNode host, String path);
    }

    /** The subclass's logger, so the log names HostStore or HostStore6 as before. */
    protected final Logger log = LoggerFactory.getLogger(getClass());
    private final List<HostDatabase> databases;
    private final String table;
    private final String logTag;

    /**
     * @param table  the row's table, naming a row that does not parse ({@code hosts4[12]})
     * @param logTag the prefix of the store's log ids ({@code HOSTS}, {@code HOSTS6})
     */
    HostStoreBase(List<HostDatabase> databases, String table, String logTag) {
        this.databases = List.copyOf(databases);
        this.table = table;
        this.logTag = logTag;
    }

    /** Opens every configured hosts database; none stays open when one fails. */
    static List<HostDatabase> openAll(List<LeaseDatabase> configs, String password) {
        List<HostDatabase> dbs = new ArrayList<>();
        try {
            for (LeaseDatabase c : configs) {
                dbs.add(HostDatabase.open(c, c.password() != null ? c.password() : password));
            }
        } catch (RuntimeException e) {
            dbs.forEach(HostDatabase::close);
            throw e;
        }
        return dbs;
    }

    // ---- the family's parts

    abstract HostRepositoryBase<E> repository(HostDatabase d);

    abstract E newEntity();

    /** Sets the row's hostname, classes and family columns from {@code r} (identity and options are set here). */
    abstract void fill(E e, R r);

    /** Puts the row's addresses (and prefixes) into its host map, before its hostname as the file lists them. */
    abstract void putAddresses(ObjectNode m, E e);

    /** Puts the row's fields that follow its client classes in the host map (v4: the boot fields). */
    void putExtras(ObjectNode m, E e) {
    }

    /** The parser of the running configuration, for loading. */
    abstract Parser<R> parser();

    abstract String identifierType(R r);

    abstract String identifierValue(R r);

    /** Puts a host read at start-up into the in-memory copy. */
    abstract void put(int source, long id, long subnetId, R r);

    /** After a committed add or update: the in-memory copy follows (v4: and the engine's pool bitmaps). */
    void stored(int source, long id, long subnetId, R r) {
        put(source, id, subnetId, r);
    }

    /** After a committed delete. */
    abstract void removed(int source, long id);

    /** Saves an updated row in the transaction of {@link #update}. */
    E saveUpdated(HostRepositoryBase<E> repository, E e) {
        return repository.save(e);
    }

    /** The answer to a constraint the database refused: by default, the identifier is taken. */
    CommandException refused(String rootMessage, String type, String id, long subnetId) {
        return duplicate(type, id, subnetId);
    }

    abstract boolean deleteByAddress(long subnetId, A address);

    abstract List<Found<R>> byAddress(long subnetId, A address, Parser<R> json);

    abstract List<Found<R>> byAddressAnySubnet(A address, Parser<R> json);

    // ---- databases

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

    boolean matchesId(R r, String type, String id) {
        return type.equals(identifierType(r)) && id.equals(identifierValue(r));
    }

    /** Loads every database as {@link #load} does and logs {@code message} with the count, databases and ms. */
    final void loadLogged(String message) {
        long t0 = System.nanoTime();
        int n = load();
        log.info(message, n, databases.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Reads every host of every database into memory, in pages. */
    int load() {
        int n = 0;
        Parser<R> json = parser();
        for (HostDatabase d : databases) {
            int source = sourceOf(d);
            long from = 0;
            while (true) {
                long after = from;
                List<E> page = d.inTransaction(() ->
                        repository(d).findByIdGreaterThanOrderById(after, PageRequest.of(0, 5000)));
                if (page.isEmpty()) {
                    break;
                }
                for (E e : page) {
                    Found<R> f = toFound(e, json);
                    if (f != null) {
                        put(source, e.id, e.subnetId, f.reservation());
                        n++;
                    }
                    from = e.id;
                }
            }
        }
        return n;
    }

    // ---- changes (one at a time: the commands are the only writer)

    synchronized void add(long subnetId, R r, ObjectNode json) {
        HostDatabase d = writable();
        String type = identifierType(r);
        String id = identifierValue(r);
        E saved = write(() -> d.inTransaction(() -> {
            if (repository(d).findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId).isPresent()) {
                throw duplicate(type, id, subnetId);
            }
            return repository(d).save(toEntity(newEntity(), subnetId, r, json));
        }), type, id, subnetId);
        stored(sourceOf(d), saved.id, subnetId, r);
    }

    /** Replaces the host with the same identifier and scope; false when there is none. */
    synchronized boolean update(long subnetId, R r, ObjectNode json) {
        HostDatabase d = writable();
        String type = identifierType(r);
        String id = identifierValue(r);
        E saved = write(() -> d.inTransaction(() -> repository(d)
                .findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(e -> saveUpdated(repository(d), toEntity(e, subnetId, r, json)))
                .orElse(null)), type, id, subnetId);
        if (saved == null) {
            return false;
        }
        stored(sourceOf(d), saved.id, subnetId, r);
        return true;
    }

    synchronized boolean deleteByIdentifier(long subnetId, String type, String id) {
        return delete(d -> repository(d).findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(List::of).orElse(List.of()));
    }

    /** Deletes what {@code find} selects in every writable database. */
    boolean delete(Function<HostDatabase, List<E>> find) {
        boolean any = false;
        for (HostDatabase d : databases) {
            if (d.readonly()) {
                continue;
            }
            List<E> gone = d.inTransaction(() -> {
                List<E> found = find.apply(d);
                repository(d).deleteAll(found);
                return found;
            });
            for (E e : gone) {
                removed(sourceOf(d), e.id);
                any = true;
            }
        }
        return any;
    }

    private <T> T write(Supplier<T> work, String type, String id, long subnetId) {
        try {
            return work.get();
        } catch (DataIntegrityViolationException e) {
            throw refused(rootMessage(e), type, id, subnetId);
        } catch (DataAccessException e) {
            throw new CommandException(ResultCode.ERROR, "hosts database error: " + rootMessage(e));
        }
    }

    static CommandException duplicate(String type, String id, long subnetId) {
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

    List<Found<R>> byIdentifier(long subnetId, String type, String id, Parser<R> json) {
        return read(d -> repository(d).findByIdentifierTypeAndIdentifierAndSubnetId(type, id, subnetId)
                .map(List::of).orElse(List.of()), json);
    }

    List<Found<R>> byIdentifierAnySubnet(String type, String id, Parser<R> json) {
        return read(d -> repository(d).findByIdentifierTypeAndIdentifierOrderById(type, id), json);
    }

    List<Found<R>> bySubnet(long subnetId, Parser<R> json) {
        return read(d -> repository(d).findBySubnetIdOrderById(subnetId), json);
    }

    List<Found<R>> byHostname(String hostname, Long subnetId, Parser<R> json) {
        return read(d -> subnetId == null ? repository(d).findByHostname(hostname)
                : repository(d).findByHostnameInSubnet(hostname, subnetId), json);
    }

    /** One page of database {@code source} after host id {@code from}. */
    List<Row<R>> page(int source, Long subnetId, long from, int limit, Parser<R> json) {
        HostDatabase d = databases.get(source - 1);
        PageRequest p = PageRequest.of(0, limit);
        List<E> rows = d.inTransaction(() -> subnetId == null
                ? repository(d).findByIdGreaterThanOrderById(from, p)
                : repository(d).findBySubnetIdAndIdGreaterThanOrderById(subnetId, from, p));
        List<Row<R>> out = new ArrayList<>();
        for (E e : rows) {
            Found<R> f = toFound(e, json);
            if (f != null) {
                out.add(new Row<>(e.id, f));
            }
        }
        return out;
    }

    /** The hosts {@code query} selects in every database, in source order. */
    List<Found<R>> read(Function<HostDatabase, List<E>> query, Parser<R> json) {
        List<Found<R>> out = new ArrayList<>();
        for (HostDatabase d : databases) {
            List<E> rows;
            try {
                rows = d.inTransaction(() -> query.apply(d));
            } catch (DataAccessException e) {
                throw new CommandException(ResultCode.ERROR, "hosts database error: " + rootMessage(e));
            }
            for (E e : rows) {
                Found<R> f = toFound(e, json);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    // ---- rows

    private E toEntity(E e, long subnetId, R r, ObjectNode json) {
        e.identifierType = identifierType(r);
        e.identifier = identifierValue(r);
        e.subnetId = subnetId;
        fill(e, r);
        e.optionData = json.get("option-data").toString();
        return e;
    }

    /** The row as a reservation, parsed as the file's are; null (and a warning) when it no longer parses. */
    private Found<R> toFound(E e, Parser<R> json) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put(e.identifierType, e.identifier);
        putAddresses(m, e);
        if (e.hostname != null) {
            m.put("hostname", e.hostname);
        }
        ArrayNode classes = m.putArray("client-classes");
        for (String c : e.clientClasses.split(",")) {
            if (!c.isEmpty()) {
                classes.add(c);
            }
        }
        putExtras(m, e);
        try {
            m.set("option-data", JSON.readTree(e.optionData));
            return new Found<>(e.subnetId, json.parse(m, table + "[" + e.id + "]"));
        } catch (ConfigException | tools.jackson.core.JacksonException ex) {
            log.warn("{}_ROW_SKIPPED host {} ({} {} in subnet {}) does not parse with the running configuration: {}",
                    logTag, e.id, e.identifierType, e.identifier, e.subnetId, ex.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        databases.forEach(HostDatabase::close);
    }
}
