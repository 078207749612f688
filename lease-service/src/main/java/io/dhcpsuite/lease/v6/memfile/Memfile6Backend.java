package io.dhcpsuite.lease.v6.memfile;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.lease.memfile.LeaseJournal;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6Change;
import io.dhcpsuite.lease.v6.Lease6Index;
import io.dhcpsuite.lease.v6.Lease6Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Kea's kea-leases6.csv: a {@link LeaseJournal} of {@link Lease6Csv} rows, the last row per
 * (address, type) winning on load, with the v4 memfile's rules for bad rows, older schemas, torn
 * groups and compaction.
 */
public final class Memfile6Backend implements Lease6Backend {
    /** Kea's DHCPv6 CSV; a file of an older schema lacks pool_id or has another column count. */
    static final LeaseJournal.Format<Lease6> FORMAT = new LeaseJournal.Format<>(Lease6Csv.HEADER, header -> {
        Lease6Csv.Columns columns = new Lease6Csv.Columns(header);
        return new LeaseJournal.Rows<>(columns.current(), line -> Lease6Csv.parse(line, columns));
    }, Lease6Csv::append, Lease6::validLft);

    private final LeaseJournal<Lease6> journal;

    public Memfile6Backend(Path file, boolean persist, long maxRowErrors) {
        this.journal = new LeaseJournal<>(file, persist, maxRowErrors, FORMAT,
                LoggerFactory.getLogger(Memfile6Backend.class), "DHCPv6 leases");
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

    public long rowErrors() {
        return journal.rowErrors();
    }

    @Override
    public void load(Lease6Index index) {
        journal.load(new LeaseJournal.Sink<>(index::put, l -> index.remove(Lease6Key.of(l)), index::all));
    }

    @Override
    public void write(List<Lease6Change> changes) throws IOException {
        journal.write(changes, (sb, c) -> Lease6Csv.append(sb, c.lease(), c.delete()));
    }

    @Override
    public void compact(Supplier<Collection<Lease6>> snapshot) throws IOException {
        journal.compact(snapshot);
    }

    /** lease6-write: the leases to {@code target}, replacing it whole (never through a link). */
    public static void dumpReplacing(Path target, Collection<Lease6> leases) throws IOException {
        LeaseJournal.dumpReplacing(target, leases, FORMAT, ".lease6-write-");
    }

    @Override
    public void close() {
        journal.close();
    }
}
