package io.dhcpsuite.lease.v6.memfile;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6Change;
import io.dhcpsuite.lease.v6.Lease6Index;
import io.dhcpsuite.lease.v6.Lease6Key;
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
 * Kea's kea-leases6.csv, with the v4 memfile's rules: the last row per (address, type) wins on load
 * and a row with valid_lifetime 0 removes the lease; a bad row is skipped with a warning, and more
 * than {@code max-row-errors} (when non-zero) refuse the file; a file of an older schema (Kea 2.2's)
 * is rewritten in the current one before rows are appended. A group whose append fails is cut from
 * the file, so a torn row never joins the next group's. Compaction records the rows appended while
 * it writes the snapshot and adds them before the rename, so no row is lost.
 */
public final class Memfile6Backend implements Lease6Backend {
    private static final Logger log = LoggerFactory.getLogger(Memfile6Backend.class);
    private final Path file;
    private final boolean persist;
    private final long maxRowErrors;
    private FileChannel channel;
    private long tornAt = -1;
    private List<byte[]> tail;
    private long rowErrors;

    public Memfile6Backend(Path file, boolean persist, long maxRowErrors) {
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

    public long rowErrors() {
        return rowErrors;
    }

    @Override
    public synchronized void load(Lease6Index index) {
        if (!persist) {
            log.info("DHCPSRV_MEMFILE_NO_STORAGE running in non-persistent mode, DHCPv6 leases will be lost after restart");
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (Files.exists(file)) {
                log.info("DHCPSRV_MEMFILE_LEASE_FILE_LOAD loading leases from file {}", file);
                if (readInto(index)) {
                    log.warn("DHCPSRV_MEMFILE_NEEDS_UPGRADING lease file {} is of an older schema; rewriting it as {}",
                            file, Lease6Csv.HEADER);
                    rewrite(index.all());
                }
            }
            openForAppend();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open lease file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the journal; true when a header is not the current schema's. */
    private boolean readInto(Lease6Index index) throws IOException {
        rowErrors = 0;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
            String header = in.readLine();
            if (header == null) {
                return false;
            }
            Lease6Csv.Columns columns = new Lease6Csv.Columns(header);
            boolean old = !columns.current();
            String line;
            long row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("address,")) {
                    columns = new Lease6Csv.Columns(line);
                    old |= !columns.current();
                    continue;
                }
                Lease6 l;
                try {
                    l = Lease6Csv.parse(line, columns);
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
                if (l.validLft() == 0) {
                    index.remove(Lease6Key.of(l));
                } else {
                    index.put(l);
                }
            }
            return old;
        }
    }

    private void rewrite(Collection<Lease6> leases) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".lfc-tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeRows(out, leases, true);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void openForAppend() throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (fresh) {
            channel.write(ByteBuffer.wrap((Lease6Csv.HEADER + "\n").getBytes(StandardCharsets.US_ASCII)));
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
    public synchronized void write(List<Lease6Change> changes) throws IOException {
        if (!persist || changes.isEmpty()) {
            return;
        }
        if (channel == null) {
            throw new IOException("lease file " + file + " is not open (leases not loaded)");
        }
        StringBuilder sb = new StringBuilder(changes.size() * 128);
        for (Lease6Change c : changes) {
            Lease6Csv.append(sb, c.lease(), c.delete());
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

    private void cutTornRows() throws IOException {
        if (channel.size() > tornAt) {
            channel.truncate(tornAt);
            channel.force(false);
        }
        tornAt = -1;
    }

    /** In-process lease file cleanup: the live leases plus whatever was appended meanwhile. */
    @Override
    public void compact(Supplier<Collection<Lease6>> snapshot) throws IOException {
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
                if (channel != null) {
                    channel.close();
                }
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                tornAt = -1;
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
     * lease6-write: the leases into a temporary file beside {@code target}, moved over it, so a
     * symbolic link at {@code target} is replaced, never followed, and no reader sees half a file.
     */
    public static void dumpReplacing(Path target, Collection<Lease6> leases) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".lease6-write-", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeRows(out, leases, false);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long writeRows(FileChannel out, Iterable<Lease6> leases, boolean skipZero) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append(Lease6Csv.HEADER).append('\n');
        long rows = 0;
        for (Lease6 l : leases) {
            if (skipZero && l.validLft() == 0) {
                continue;
            }
            Lease6Csv.append(sb, l, false);
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
