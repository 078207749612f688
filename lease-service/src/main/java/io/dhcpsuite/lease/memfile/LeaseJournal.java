package io.dhcpsuite.lease.memfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;

/**
 * A Kea memfile lease file of either family, as a journal: the DHCPv4 and DHCPv6 backends differ
 * only in their {@link Format} (Kea's CSV columns) and where loaded rows go.
 *
 * <p>Load: the last row per lease wins and a row with valid_lifetime 0 removes the lease (Kea's
 * LeaseFileLoader); a bad row is skipped with a warning, and more than {@code max-row-errors}
 * (when non-zero) refuse the file. A torn last line (crash during a write) is one such bad row,
 * and the next append starts on a fresh line. A file of an older schema (Kea 2.2's) is rewritten
 * in the current one before rows are appended, as Kea runs LFC on it.
 *
 * <p>Writes: a group of rows is appended and synced before {@link #write} returns. A group whose
 * append fails (disk full) is cut from the file, so a torn row never joins the next group's.
 *
 * <p>Writes and compaction are serialised on this object. Compaction records the rows appended
 * after it starts, takes the snapshot, writes it to a temporary file without blocking writers,
 * then briefly blocks them to add the recorded rows, sync and rename over the journal. A row is
 * therefore either in the snapshot (it reached memory before the snapshot) or in the recorded tail.
 * Every rename is followed by a sync of the directory, so it survives a crash.
 *
 * @param <L> the lease type
 */
public final class LeaseJournal<L> {
    /**
     * Kea's CSV for one lease type.
     *
     * @param header        the current schema's header line
     * @param rows          the rows under a header line; IllegalArgumentException when it lacks a column
     * @param append        appends a lease's row (a deletion row when asked), newline included
     * @param validLifetime a lease's valid lifetime (0: the row deletes it)
     */
    public record Format<L>(String header, Function<String, Rows<L>> rows, RowWriter<L> append,
                            ToLongFunction<L> validLifetime) {
    }

    /** Writes one lease's row. */
    @FunctionalInterface
    public interface RowWriter<L> {
        void append(StringBuilder out, L lease, boolean delete);
    }

    /**
     * The rows under one header line.
     *
     * @param current whether the header is the current schema's
     * @param parse   a row's lease; IllegalArgumentException saying what is wrong
     */
    public record Rows<L>(boolean current, Function<String, L> parse) {
    }

    /**
     * Where a load puts what it reads.
     *
     * @param all everything loaded so far (for the rewrite of an older schema)
     */
    public record Sink<L>(Consumer<L> put, Consumer<L> remove, Supplier<? extends Collection<L>> all) {
    }

    private final Path file;
    private final boolean persist;
    private final long maxRowErrors;
    private final Format<L> format;
    private final Logger log;
    /** What the non-persistent mode's message calls the leases: "leases", "DHCPv6 leases". */
    private final String what;
    private FileChannel channel;
    /** Where a failed group began, while its torn rows may still be in the file; -1 when none. */
    private long tornAt = -1;
    private List<byte[]> tail;
    private long rowErrors;
    private boolean fileExisted;

    public LeaseJournal(Path file, boolean persist, long maxRowErrors, Format<L> format, Logger log, String what) {
        this.file = file;
        this.persist = persist;
        this.maxRowErrors = maxRowErrors;
        this.format = format;
        this.log = log;
        this.what = what;
    }

    public Path file() {
        return file;
    }

    public boolean persist() {
        return persist;
    }

    /** Whether the lease file was there when the leases were loaded (false: a new, empty store). */
    public synchronized boolean loadedExistingFile() {
        return fileExisted;
    }

    /** Rows skipped by the last load. */
    public synchronized long rowErrors() {
        return rowErrors;
    }

    /** Replays the journal straight into {@code sink} (no second copy of the leases), then opens it for appends. */
    public synchronized void load(Sink<L> sink) {
        if (!persist) {
            log.info("DHCPSRV_MEMFILE_NO_STORAGE running in non-persistent mode, {} will be lost after restart", what);
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            fileExisted = Files.exists(file);
            if (fileExisted) {
                log.info("DHCPSRV_MEMFILE_LEASE_FILE_LOAD loading leases from file {}", file);
                if (readInto(sink)) {
                    log.warn("DHCPSRV_MEMFILE_NEEDS_UPGRADING lease file {} is of an older schema; rewriting it as {}",
                            file, format.header());
                    rewrite(sink.all().get());
                }
            }
            openForAppend();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open lease file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the journal; true when a header is not the current schema's. */
    private boolean readInto(Sink<L> sink) throws IOException {
        rowErrors = 0;
        // as Files.newBufferedReader (malformed UTF-8 fails the load), with a larger buffer
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
            String header = in.readLine();
            if (header == null) {
                return false;
            }
            Rows<L> rows = format.rows().apply(header);
            boolean old = !rows.current();
            String line;
            long row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("address,")) {
                    // a header again: kea-lfc output appended to, or files concatenated
                    rows = format.rows().apply(line);
                    old |= !rows.current();
                    continue;
                }
                L l;
                try {
                    l = rows.parse().apply(line);
                } catch (RuntimeException e) {
                    rowErrors++;
                    log.warn("DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR attempt to load invalid lease at line {} of {}: {}",
                            row, file, e.getMessage());
                    if (maxRowErrors > 0 && rowErrors > maxRowErrors) {
                        throw new IllegalStateException("exceeded maximum number of failures " + maxRowErrors
                                + " to read a lease from the lease file " + file);
                    }
                    continue;
                }
                if (format.validLifetime().applyAsLong(l) == 0) {
                    sink.remove().accept(l);
                } else {
                    sink.put().accept(l);
                }
            }
            return old;
        }
    }

    private void rewrite(Collection<L> leases) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".lfc-tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeRows(out, leases, true, format);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    private void openForAppend() throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (fresh) {
            channel.write(ByteBuffer.wrap((format.header() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
        } else if (!endsWithNewline()) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            channel.force(false);
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = r.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer b = ByteBuffer.allocate(1);
            r.read(b, size - 1);
            return b.get(0) == '\n';
        }
    }

    /**
     * Appends a group of changes, one row each as {@code row} writes it, and syncs the file; when
     * this returns normally every row is durable.
     */
    public synchronized <C> void write(List<C> changes, BiConsumer<StringBuilder, C> row) throws IOException {
        if (!persist || changes.isEmpty()) {
            return;
        }
        if (channel == null) {
            throw new IOException("lease file " + file + " is not open (leases not loaded)");
        }
        StringBuilder sb = new StringBuilder(changes.size() * 128);
        for (C c : changes) {
            row.accept(sb, c);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (tornAt >= 0) {
            cutTornRows();
        }
        long start = channel.size();
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            // Disk full (or an I/O error) part-way through: the rows written so far would join the
            // next append into one malformed line, and the next group's leases, ACKed, would be lost
            // at the next load. Cut the file back to the last whole group now, or before the next write.
            tornAt = start;
            try {
                cutTornRows();
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
        if (tail != null) {
            tail.add(bytes);
        }
    }

    /** Truncates the journal to {@link #tornAt}, where the failed group began; throws if it cannot yet. */
    private void cutTornRows() throws IOException {
        if (channel.size() > tornAt) {
            channel.truncate(tornAt);
            channel.force(false);
        }
        tornAt = -1;
    }

    /**
     * In-process lease file cleanup (Kea's LFC): the file ends up holding exactly the live
     * leases plus whatever was appended while the snapshot was written.
     */
    public void compact(Supplier<? extends Collection<L>> snapshot) throws IOException {
        if (!persist) {
            return;
        }
        synchronized (this) {
            tail = new ArrayList<>();
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".lfc-tmp");
        try {
            long rows;
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                rows = writeRows(out, snapshot.get(), true, format);
                out.force(true);
            }
            synchronized (this) {
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    for (byte[] b : tail) {
                        out.write(ByteBuffer.wrap(b));
                    }
                    out.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory();
                if (channel != null) {
                    channel.close();
                }
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                tornAt = -1; // the new file holds whole groups only
                log.info("DHCPSRV_MEMFILE_LFC_EXECUTE lease file {} compacted to {} leases (+{} rows written meanwhile)",
                        file, rows, tail.size());
            }
        } finally {
            synchronized (this) {
                tail = null;
            }
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * lease4-write, lease6-write: {@link #dump} into a temporary file beside {@code target}, then
     * moved over it: a symbolic link at {@code target} is replaced, never followed (the second half
     * of CVE-2025-32801), and a reader never sees a half-written file.
     */
    public static <L> void dumpReplacing(Path target, Collection<L> leases, Format<L> format, String tempPrefix)
            throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), tempPrefix, ".tmp");
        try {
            dump(tmp, leases, format);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The header and a row per lease, into {@code target}. */
    public static <L> void dump(Path target, Collection<L> leases, Format<L> format) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeRows(out, leases, false, format);
        }
    }

    /**
     * The header and a row per lease, 64 KiB at a time; returns the rows written. A lease kept with
     * valid-lifetime 0 (released, with lease affinity) would read back as a deletion: compaction
     * leaves it out ({@code skipZero}).
     */
    private static <L> long writeRows(FileChannel out, Iterable<L> leases, boolean skipZero, Format<L> format)
            throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append(format.header()).append('\n');
        long rows = 0;
        for (L l : leases) {
            if (skipZero && format.validLifetime().applyAsLong(l) == 0) {
                continue;
            }
            format.append().append(sb, l, false);
            rows++;
            if (sb.length() > (1 << 16) - 1024) {
                writeFully(out, sb);
            }
        }
        writeFully(out, sb);
        return rows;
    }

    private static void writeFully(FileChannel out, StringBuilder sb) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            out.write(b);
        }
        sb.setLength(0);
    }

    private void syncDirectory() {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the rename itself is atomic
            log.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }

    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("closing lease file {}: {}", file, e.toString());
            }
        }
    }
}
