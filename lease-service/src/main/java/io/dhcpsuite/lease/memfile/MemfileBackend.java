package io.dhcpsuite.lease.memfile;

import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Kea's memfile lease file for DHCPv4 (kea-leases4.csv): a {@link LeaseJournal} of
 * {@link LeaseCsv} rows, loaded into the {@link LeaseIndex} by address.
 */
public final class MemfileBackend implements LeaseBackend {
    /** Kea's DHCPv4 CSV; a file of an older schema is one whose header is not exactly the current one. */
    static final LeaseJournal.Format<Lease> FORMAT = new LeaseJournal.Format<>(LeaseCsv.HEADER, header -> {
        LeaseCsv.Columns columns = new LeaseCsv.Columns(header);
        return new LeaseJournal.Rows<>(header.trim().equals(LeaseCsv.HEADER), line -> LeaseCsv.parse(line, columns));
    }, LeaseCsv::append, Lease::validLft);

    private final LeaseJournal<Lease> journal;

    public MemfileBackend(Path file, boolean persist, long maxRowErrors) {
        this.journal = new LeaseJournal<>(file, persist, maxRowErrors, FORMAT,
                LoggerFactory.getLogger(MemfileBackend.class), "leases");
    }

    public Path file() {
        return journal.file();
    }

    public boolean persist() {
        return journal.persist();
    }

    @Override
    public String type() {
        return "memfile";
    }

    /** Whether the lease file was there when the leases were loaded (false: a new, empty store). */
    public boolean loadedExistingFile() {
        return journal.loadedExistingFile();
    }

    /** Rows skipped by the last load. */
    public long rowErrors() {
        return journal.rowErrors();
    }

    /** The leases of the file, in address order (tests, tools); the service loads with {@link #load(LeaseIndex)}. */
    @Override
    public Collection<Lease> load() {
        LeaseIndex index = new LeaseIndex();
        load(index);
        return index.all();
    }

    /** Replays the journal straight into {@code index}: no second copy of the leases while loading. */
    @Override
    public void load(LeaseIndex index) {
        journal.load(new LeaseJournal.Sink<>(index::put, l -> index.remove(l.address()), index::all));
    }

    @Override
    public void write(List<LeaseChange> changes) throws IOException {
        journal.write(changes, (sb, c) -> LeaseCsv.append(sb, c.lease(), c.delete()));
    }

    @Override
    public void compact(Supplier<Collection<Lease>> snapshot) throws IOException {
        journal.compact(snapshot);
    }

    /** lease4-write: the in-memory leases to {@code target}, replacing it whole (never through a link). */
    public static void dumpReplacing(Path target, Collection<Lease> leases) throws IOException {
        LeaseJournal.dumpReplacing(target, leases, FORMAT, ".lease4-write-");
    }

    /** The leases into {@code target} in Kea's format. */
    public static void dump(Path target, Collection<Lease> leases) throws IOException {
        LeaseJournal.dump(target, leases, FORMAT);
    }

    @Override
    public void close() {
        journal.close();
    }
}
