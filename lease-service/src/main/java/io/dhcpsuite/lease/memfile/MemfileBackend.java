package io.dhcpsuite.lease.memfile;

import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseIndex;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's memfile lease file. Load: the last row per address wins and a row with valid_lifetime 0
 * removes the lease (Kea's LeaseFileLoader); a bad row is skipped with a warning, and more than
 * {@code max-row-errors} (when non-zero) refuse the file. A torn last line (crash during a write)
 * is one such bad row, and the next append starts on a fresh line.
 *
 * <p>Writes and compaction are serialised on this object. Compaction records the rows appended
 * after it starts, takes the snapshot, writes it to a temporary file without blocking writers,
 * then briefly blocks them to add the recorded rows, sync and rename over the journal. A row is
 * therefore either in the snapshot (it reached memory before the snapshot) or in the recorded tail.
 */
public final class MemfileBackend implements LeaseBackend {
    private static final Logger log = LoggerFactory.getLogger(MemfileBackend.class);
    private final Path file;
    private final boolean persist;
    private final long maxRowErrors;
    private FileChannel channel;
    /** Where a failed group began, while its torn rows may still be in the file; -1 when none. */
    private long tornAt = -1;
    private List<byte[]> tail;
    private long rowErrors;
    private boolean fileExisted;

    public MemfileBackend(Path file, boolean persist, long maxRowErrors) {
        this.file = file;
        this.persist = persist;
        this.maxRowErrors = maxRowErrors;
    }

    public Path file() {
        return file;
    }

    public boolean persist() {
        return persist;
    }

    @Override
    public String type() {
        return "memfile";
    }

    /** Whether the lease file was there when the leases were loaded (false: a new, empty store). */
    public synchronized boolean loadedExistingFile() {
        return fileExisted;
    }

    /** Rows skipped by the last load. */
    public long rowErrors() {
        return rowErrors;
    }

    /** The leases of the file, in address order (tests, tools); the service loads with {@link #load(LeaseIndex)}. */
    @Override
    public synchronized Collection<Lease> load() {
        LeaseIndex index = new LeaseIndex();
        load(index);
        return index.all();
    }

    /** Replays the journal straight into {@code index}: no second copy of the leases while loading. */
    @Override
    public synchronized void load(LeaseIndex index) {
        if (!persist) {
            log.info("DHCPSRV_MEMFILE_NO_STORAGE running in non-persistent mode, leases will be lost after restart");
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
                if (readInto(file, index)) {
                    // Kea runs LFC on a file of an older schema so that new rows match the header
                    log.warn("DHCPSRV_MEMFILE_NEEDS_UPGRADING lease file {} is of an older schema; rewriting it as {}",
                            file, LeaseCsv.HEADER);
                    rewrite(index.all());
                }
            }
            openForAppend();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open lease file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the journal; true when its header is not the current schema's. */
    private boolean readInto(Path path, LeaseIndex leases) throws IOException {
        rowErrors = 0;
        boolean old = false;
        // as Files.newBufferedReader (malformed UTF-8 fails the load), with a larger buffer
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
            String header = in.readLine();
            if (header == null) {
                return false;
            }
            old = !header.trim().equals(LeaseCsv.HEADER);
            LeaseCsv.Columns columns = new LeaseCsv.Columns(header);
            String line;
            long row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("address,")) {
                    // a header again: kea-lfc output appended to, or files concatenated
                    columns = new LeaseCsv.Columns(line);
                    old |= !line.trim().equals(LeaseCsv.HEADER);
                    continue;
                }
                Lease l;
                try {
                    l = LeaseCsv.parse(line, columns);
                } catch (RuntimeException e) {
                    rowErrors++;
                    log.warn("DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR attempt to load invalid lease at line {} of {}: {}",
                            row, path, e.getMessage());
                    if (maxRowErrors > 0 && rowErrors > maxRowErrors) {
                        throw new IllegalStateException("exceeded maximum number of failures " + maxRowErrors
                                + " to read a lease from the lease file " + path);
                    }
                    continue;
                }
                if (l.validLft() == 0) {
                    leases.remove(l.address());
                } else {
                    leases.put(l);
                }
            }
        }
        return old;
    }

    private void rewrite(Collection<Lease> leases) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".lfc-tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeRows(out, leases, true);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    private void openForAppend() throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (fresh) {
            channel.write(ByteBuffer.wrap((LeaseCsv.HEADER + "\n").getBytes(StandardCharsets.US_ASCII)));
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

    @Override
    public synchronized void write(List<LeaseChange> changes) throws IOException {
        if (!persist || changes.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(changes.size() * 96);
        for (LeaseChange c : changes) {
            LeaseCsv.append(sb, c.lease(), c.delete());
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
    @Override
    public void compact(Supplier<Collection<Lease>> snapshot) throws IOException {
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
                rows = writeRows(out, snapshot.get(), true);
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
                channel.close();
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

    /** lease4-write: the in-memory leases to another file, in Kea's format. */
    /**
     * {@link #dump} into a temporary file beside {@code target}, then moved over it: a symbolic link
     * at {@code target} is replaced, never followed (the second half of CVE-2025-32801), and a
     * reader never sees a half-written file.
     */
    public static void dumpReplacing(Path target, Collection<Lease> leases) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".lease4-write-", ".tmp");
        try {
            dump(tmp, leases);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void dump(Path target, Collection<Lease> leases) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeRows(out, leases, false);
        }
    }

    /**
     * The header and a row per lease, 64 KiB at a time; returns the rows written. A lease kept with
     * valid-lifetime 0 (released, with lease affinity) would read back as a deletion: compaction
     * leaves it out ({@code skipZero}).
     */
    private static long writeRows(FileChannel out, Iterable<Lease> leases, boolean skipZero) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append(LeaseCsv.HEADER).append('\n');
        long rows = 0;
        for (Lease l : leases) {
            if (skipZero && l.validLft() == 0) {
                continue;
            }
            LeaseCsv.append(sb, l, false);
            rows++;
            if (sb.length() > (1 << 16) - 512) {
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

    @Override
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
