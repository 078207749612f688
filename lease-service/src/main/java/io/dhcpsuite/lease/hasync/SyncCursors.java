package io.dhcpsuite.lease.hasync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sync cursor of each partner, kept where the leases are kept, so that a sync interrupted by
 * a crash or a restart resumes where it stopped. A cursor is saved only after the leases it
 * covers are durable: a crash in between leaves an older cursor, and the next sync reads a few
 * leases twice, never too few. A store that lost its leases (a new lease file, lease4-wipe) must
 * forget its cursors, or an incremental sync would skip what is gone: {@link #clear()}.
 */
public abstract class SyncCursors {
    private static final Logger log = LoggerFactory.getLogger(SyncCursors.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public abstract SyncCursor get(String partner);

    public abstract void put(String partner, SyncCursor cursor);

    public abstract void clear();

    /** Cursors in memory only (memfile with persist off, tests). */
    public static SyncCursors inMemory() {
        return new FileCursors(null, false);
    }

    /**
     * A small JSON file beside the memfile ({@code kea-leases4.csv.ha-sync}); Kea's lease file
     * keeps its format. {@code leaseFileExisted} false (a fresh lease file) drops old cursors.
     */
    public static SyncCursors file(Path leaseFile, boolean leaseFileExisted) {
        return new FileCursors(leaseFile.resolveSibling(leaseFile.getFileName() + ".ha-sync"), leaseFileExisted);
    }

    /** The {@code ha_sync_cursor} table (Flyway V2). */
    public static SyncCursors postgres(JdbcTemplate jdbc) {
        return new PgCursors(jdbc);
    }

    private static final class FileCursors extends SyncCursors {
        private final Path file;
        private final Map<String, SyncCursor> cursors = new HashMap<>();

        FileCursors(Path file, boolean keep) {
            this.file = file;
            if (file == null) {
                return;
            }
            try {
                if (!keep) {
                    if (Files.deleteIfExists(file)) {
                        log.info("HA_SYNC_CURSOR_RESET the lease file is new: sync cursors in {} dropped", file);
                    }
                    return;
                }
                if (Files.exists(file)) {
                    JsonNode n = JSON.readTree(Files.readString(file));
                    for (var e : n.properties()) {
                        cursors.put(e.getKey(), SyncCursor.fromJson(e.getValue(), e.getKey()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable cursor costs a full sync, never a lease
                log.warn("HA_SYNC_CURSOR_UNREADABLE {}: {}; the next sync starts from the beginning", file, e.getMessage());
                cursors.clear();
            }
        }

        @Override
        public synchronized SyncCursor get(String partner) {
            return cursors.get(partner);
        }

        @Override
        public synchronized void put(String partner, SyncCursor cursor) {
            cursors.put(partner, cursor);
            save();
        }

        @Override
        public synchronized void clear() {
            cursors.clear();
            save();
        }

        private void save() {
            if (file == null) {
                return;
            }
            ObjectNode n = JSON.createObjectNode();
            cursors.forEach((k, v) -> n.set(k, v.toJson()));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                Files.writeString(tmp, n.toString());
                try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write sync cursor file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class PgCursors extends SyncCursors {
        private final JdbcTemplate jdbc;

        PgCursors(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public SyncCursor get(String partner) {
            var rows = jdbc.query("SELECT cltt, address, floor FROM ha_sync_cursor WHERE partner = ?", (rs, i) -> {
                long a = rs.getLong("address");
                Integer address = rs.wasNull() ? null : (int) a;
                long f = rs.getLong("floor");
                Long floor = rs.wasNull() ? null : f;
                return new SyncCursor(rs.getLong("cltt"), address, floor);
            }, partner);
            return rows.isEmpty() ? null : rows.getFirst();
        }

        @Override
        public void put(String partner, SyncCursor c) {
            jdbc.update("INSERT INTO ha_sync_cursor (partner, cltt, address, floor) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (partner) DO UPDATE SET cltt = EXCLUDED.cltt, address = EXCLUDED.address,"
                    + " floor = EXCLUDED.floor", partner, c.cltt(),
                    c.address() == null ? null : Integer.toUnsignedLong(c.address()), c.floor());
        }

        @Override
        public void clear() {
            jdbc.update("DELETE FROM ha_sync_cursor");
        }
    }
}
