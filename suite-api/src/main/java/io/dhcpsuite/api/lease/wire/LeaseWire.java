package io.dhcpsuite.api.lease.wire;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The binary form of the hot-path exchange ({@link LeaseBatch4} / {@link LeaseBatch4Result}) for
 * the kept-alive TCP transport between dhcp-service and lease-service. It carries exactly what the
 * JSON form carries, without JSON's parsing cost. docs/lease-wire.md explains the choice and the
 * rollout rule.
 *
 * <p>A connection starts with the client's hello: the bytes {@code 'L' 'W' 'B'} and the protocol
 * version as one byte, {@code '0' + version} (so version 1 reads "LWB1", which is what clients sent
 * before versions were named). A server that does not speak that version answers one
 * {@link #FAILED} frame with correlation id 0 naming both versions, and closes. Otherwise both
 * directions are a sequence of frames: {@code int length} (of what follows, at most
 * {@link #MAX_FRAME}), {@code long correlation id}, {@code byte type}, payload. Client to server:
 * type {@link #BATCH}, payload the ops. Server to client, with the batch's correlation id: type
 * {@link #RESULTS}, payload the results in op order, or type {@link #FAILED}, payload one string.
 * Answers may come in any order. The frame header and the FAILED frame are the same in every
 * version, so a refusal is always readable.
 *
 * <p>Fields are big-endian {@link DataOutput} primitives; booleans one byte; a string is an
 * {@code int} byte count ({@code -1} for null) and UTF-8 bytes; a list is an {@code int} count
 * ({@code -1} for null) and its elements; an enum is its stable code as a byte ({@code -1} for
 * null), listed in {@link #code(LeaseOp4.Kind)} and {@link #code(LeaseResult4.Status)} and never
 * reused; a nullable record or {@code Long} is a presence byte then the value. {@code user-context}
 * travels as its JSON text. Anything else (a bad count, an unknown code, bytes left over) is a
 * {@link MalformedFrameException}: the receiver closes that connection.
 */
public final class LeaseWire {
    /**
     * The version this code speaks; a change of any payload's layout takes the next one. Version 2
     * added the DHCPv6 frames ({@link #BATCH6}, {@link #RESULTS6}); its DHCPv4 frames are version 1's.
     */
    public static final int VERSION = 2;
    /** The oldest version a server still serves (a dhcp-service of the previous release). */
    public static final int MIN_VERSION = 1;
    /** The hello of {@link #VERSION} as one big-endian int: "LWB1". */
    public static final int MAGIC = hello(VERSION);
    /** lease-service's lease wire port unless {@code suite.lease-service.tcp-port} says otherwise. */
    public static final int DEFAULT_PORT = 8092;
    /** Largest frame body accepted (a batch of thousands of ops is far smaller). */
    public static final int MAX_FRAME = 16 << 20;
    public static final byte BATCH = 1;
    public static final byte RESULTS = 2;
    public static final byte FAILED = 3;
    /** Client to server, version 2 on: DHCPv6 ops ({@link LeaseWire6#encodeOps}). */
    public static final byte BATCH6 = 4;
    /** Server to client, version 2 on: DHCPv6 results ({@link LeaseWire6#encodeResults}). */
    public static final byte RESULTS6 = 5;
    /** The correlation id of a FAILED frame that refuses the connection rather than a batch. */
    public static final long REFUSAL = 0;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LeaseWire() {
    }

    /** A frame that does not decode; the connection it came on is closed. */
    public static final class MalformedFrameException extends IOException {
        public MalformedFrameException(String message) {
            super(message);
        }
    }

    /** One decoded frame: correlation id, type and the undecoded payload. */
    public record Frame(long correlationId, byte type, byte[] payload) {
    }

    // ---- hello

    /** The four hello bytes of {@code version} as a big-endian int. */
    public static int hello(int version) {
        return ('L' << 24) | ('W' << 16) | ('B' << 8) | (('0' + version) & 0xff);
    }

    /**
     * The version a hello names, or -1 when the four bytes are not a lease wire hello at all
     * (another protocol, a port scan).
     */
    public static int version(int hello) {
        int v = (hello & 0xff) - '0';
        return (hello >>> 8) == (hello(0) >>> 8) && v >= 0 ? v : -1;
    }

    /** The refusal a server sends to a client of a version it does not speak. */
    public static String refusal(int clientVersion) {
        return "lease wire version " + clientVersion + " is not supported by this lease-service, which speaks "
                + (MIN_VERSION == VERSION ? "version " + VERSION : "versions " + MIN_VERSION + " to " + VERSION)
                + "; upgrade lease-service before dhcp-service";
    }

    // ---- enum codes (stable: a constant keeps its code for ever, a new one takes a new code)

    public static byte code(LeaseOp4.Kind kind) {
        return switch (kind) {
            case OFFER -> 0;
            case REQUEST -> 1;
            case RELEASE -> 2;
            case DECLINE -> 3;
        };
    }

    static LeaseOp4.Kind kind(byte code) throws MalformedFrameException {
        return switch (code) {
            case 0 -> LeaseOp4.Kind.OFFER;
            case 1 -> LeaseOp4.Kind.REQUEST;
            case 2 -> LeaseOp4.Kind.RELEASE;
            case 3 -> LeaseOp4.Kind.DECLINE;
            default -> throw new MalformedFrameException("unknown op kind code " + code);
        };
    }

    public static byte code(LeaseResult4.Status status) {
        return switch (status) {
            case ASSIGNED -> 0;
            case NAK -> 1;
            case UNKNOWN -> 2;
            case NO_ADDRESS -> 3;
            case RELEASED -> 4;
            case DECLINED -> 5;
            case IGNORED -> 6;
            case ERROR -> 7;
        };
    }

    static LeaseResult4.Status status(byte code) throws MalformedFrameException {
        return switch (code) {
            case 0 -> LeaseResult4.Status.ASSIGNED;
            case 1 -> LeaseResult4.Status.NAK;
            case 2 -> LeaseResult4.Status.UNKNOWN;
            case 3 -> LeaseResult4.Status.NO_ADDRESS;
            case 4 -> LeaseResult4.Status.RELEASED;
            case 5 -> LeaseResult4.Status.DECLINED;
            case 6 -> LeaseResult4.Status.IGNORED;
            case 7 -> LeaseResult4.Status.ERROR;
            default -> throw new MalformedFrameException("unknown result status code " + code);
        };
    }

    // ---- frames

    /** Writes one frame (not flushed). */
    public static void writeFrame(OutputStream out, long correlationId, byte type, byte[] payload) throws IOException {
        int length = 9 + payload.length;
        byte[] head = new byte[13];
        putInt(head, 0, length);
        putLong(head, 4, correlationId);
        head[12] = type;
        out.write(head);
        out.write(payload);
    }

    /** Reads one frame; null at a clean end of stream between frames. */
    public static Frame readFrame(DataInputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int length = (b0 << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (length < 9 || length > MAX_FRAME) {
            throw new MalformedFrameException("frame length " + length + " outside 9.." + MAX_FRAME);
        }
        long id = in.readLong();
        byte type = in.readByte();
        // read as it arrives rather than allocated from the claimed length: a peer that sends a
        // 16 MiB header and nothing more must not cost 16 MiB (found while fuzzing)
        byte[] payload = in.readNBytes(length - 9);
        if (payload.length != length - 9) {
            throw new EOFException("frame ends after " + payload.length + " of " + (length - 9) + " payload bytes");
        }
        return new Frame(id, type, payload);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    // ---- whole payloads

    public static byte[] encodeOps(List<LeaseOp4> ops) {
        return encodeAll(ops, 96, LeaseWire::writeOp);
    }

    public static List<LeaseOp4> decodeOps(byte[] payload) throws MalformedFrameException {
        return decodeAll(payload, "op", LeaseWire::readOp);
    }

    public static byte[] encodeResults(List<LeaseResult4> results) {
        return encodeAll(results, 128, LeaseWire::writeResult);
    }

    public static List<LeaseResult4> decodeResults(byte[] payload) throws MalformedFrameException {
        return decodeAll(payload, "result", LeaseWire::readResult);
    }

    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** A payload that is a list of records: the count, then each record (about {@code perItem} bytes). */
    static <T> byte[] encodeAll(List<T> items, int perItem, Writer<T> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + items.size() * perItem);
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(items.size());
            for (T item : items) {
                writer.write(out, item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The whole payload as a list of {@code what} records, each read by {@code reader}. */
    static <T> List<T> decodeAll(byte[] payload, String what, Reader<T> reader) throws MalformedFrameException {
        return decodeWhole(payload, in -> {
            int n = count(in, payload.length);
            if (n < 0) {
                throw new MalformedFrameException("null " + what + " list");
            }
            List<T> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(reader.read(in));
            }
            return items;
        });
    }

    public static byte[] encodeString(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeString(new DataOutputStream(bytes), s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String decodeString(byte[] payload) throws MalformedFrameException {
        return decodeWhole(payload, LeaseWire::readString);
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static <T> T decodeWhole(byte[] payload, Reader<T> reader) throws MalformedFrameException {
        DataInputStream in = new ByteArrayBacked(new ByteArrayInputStream(payload));
        try {
            T value = reader.read(in);
            if (in.available() != 0) {
                throw new MalformedFrameException(in.available() + " bytes left over after the payload");
            }
            return value;
        } catch (MalformedFrameException e) {
            throw e;
        } catch (EOFException e) {
            throw new MalformedFrameException("payload ends early");
        } catch (IOException | RuntimeException e) {
            throw new MalformedFrameException("payload does not decode: " + e);
        }
    }

    static int count(DataInput in, int limit) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > limit) {
            throw new MalformedFrameException("count " + n + " out of range");
        }
        return n;
    }

    // ---- records

    public static void writeOp(DataOutput out, LeaseOp4 op) throws IOException {
        out.writeLong(op.id());
        out.writeByte(op.kind() == null ? -1 : code(op.kind()));
        writeLongs(out, op.subnetIds());
        out.writeInt(op.hwType());
        writeString(out, op.hwAddress());
        writeString(out, op.clientId());
        out.writeBoolean(op.matchClientId());
        writeString(out, op.requestedAddress());
        out.writeBoolean(op.exact());
        writeString(out, op.reservedAddress());
        out.writeLong(op.reservedSubnetId());
        writeStrings(out, op.clientClasses());
        out.writeLong(op.validLifetime());
        writeString(out, op.hostname());
        out.writeBoolean(op.fqdnFwd());
        out.writeBoolean(op.fqdnRev());
        out.writeBoolean(op.generateHostname());
    }

    public static LeaseOp4 readOp(DataInput in) throws IOException {
        long id = in.readLong();
        byte kindCode = in.readByte();
        LeaseOp4.Kind kind = kindCode == -1 ? null : kind(kindCode);
        List<Long> subnets = readLongs(in, "subnet");
        int hwType = in.readInt();
        String hw = readString(in);
        String clientId = readString(in);
        boolean matchClientId = readBoolean(in);
        String requested = readString(in);
        boolean exact = readBoolean(in);
        String reserved = readString(in);
        long reservedSubnet = in.readLong();
        List<String> classes = readStrings(in);
        long valid = in.readLong();
        String hostname = readString(in);
        boolean fwd = readBoolean(in);
        boolean rev = readBoolean(in);
        boolean generate = readBoolean(in);
        return new LeaseOp4(id, kind, subnets, hwType, hw, clientId, matchClientId, requested, exact, reserved,
                reservedSubnet, classes, valid, hostname, fwd, rev, generate);
    }

    public static void writeResult(DataOutput out, LeaseResult4 r) throws IOException {
        out.writeLong(r.id());
        out.writeByte(r.status() == null ? -1 : code(r.status()));
        writeLease(out, r.lease());
        out.writeBoolean(r.reused());
        writeString(out, r.message());
        writeLease(out, r.previous());
    }

    public static LeaseResult4 readResult(DataInput in) throws IOException {
        long id = in.readLong();
        byte statusCode = in.readByte();
        LeaseResult4.Status status = statusCode == -1 ? null : status(statusCode);
        Lease4 lease = readLease(in);
        boolean reused = readBoolean(in);
        String message = readString(in);
        Lease4 previous = readLease(in);
        return new LeaseResult4(id, status, lease, reused, message, previous);
    }

    /** A nullable lease: presence byte, then the fields. */
    public static void writeLease(DataOutput out, Lease4 l) throws IOException {
        if (l == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        writeString(out, l.ipAddress());
        writeString(out, l.hwAddress());
        writeString(out, l.clientId());
        out.writeLong(l.subnetId());
        if (l.poolId() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeLong(l.poolId());
        }
        out.writeLong(l.cltt());
        out.writeLong(l.validLft());
        out.writeBoolean(l.fqdnFwd());
        out.writeBoolean(l.fqdnRev());
        writeString(out, l.hostname());
        out.writeInt(l.state());
        writeUserContext(out, l.userContext());
    }

    public static Lease4 readLease(DataInput in) throws IOException {
        if (!readBoolean(in)) {
            return null;
        }
        String ip = readString(in);
        String hw = readString(in);
        String clientId = readString(in);
        long subnet = in.readLong();
        Long pool = readBoolean(in) ? in.readLong() : null;
        long cltt = in.readLong();
        long valid = in.readLong();
        boolean fwd = readBoolean(in);
        boolean rev = readBoolean(in);
        String hostname = readString(in);
        int state = in.readInt();
        JsonNode userContext = readUserContext(in);
        return new Lease4(ip, hw, clientId, subnet, pool, cltt, valid, fwd, rev, hostname, state, userContext);
    }

    // ---- fields

    /** {@code user-context} as its JSON text, or null. */
    static void writeUserContext(DataOutput out, JsonNode ctx) throws IOException {
        writeString(out, ctx == null ? null : JSON.writeValueAsString(ctx));
    }

    static JsonNode readUserContext(DataInput in) throws IOException {
        String ctx = readString(in);
        JsonNode userContext;
        try {
            userContext = ctx == null ? null : JSON.readTree(ctx);
        } catch (RuntimeException e) {
            throw new MalformedFrameException("user-context is not JSON: " + e.getMessage());
        }
        if (userContext != null && userContext.isMissingNode()) {
            // blank text reads as Jackson's "missing" node, which no lease may carry (found by fuzzing:
            // it changed to null on the next hop); the writer sends -1 for no context, never ""
            throw new MalformedFrameException("user-context is empty");
        }
        return userContext;
    }

    /** A nullable list of longs: count (-1 for null), then the values. */
    static void writeLongs(DataOutput out, List<Long> list) throws IOException {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (Long v : list) {
            out.writeLong(v);
        }
    }

    static List<Long> readLongs(DataInput in, String what) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > MAX_FRAME / 8) {
            throw new MalformedFrameException(what + " count " + n + " out of range");
        }
        if (n < 0) {
            return null;
        }
        fits(in, 8L * n, what + " list");
        List<Long> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readLong());
        }
        return list;
    }

    public static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < -1 || n > MAX_FRAME) {
            throw new MalformedFrameException("string length " + n + " out of range");
        }
        fits(in, n, "string");
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Refuses a length that the rest of a received payload cannot hold before anything is allocated
     * for it (found while fuzzing: a 5-byte string header cost 16 MiB). Payloads are decoded from
     * byte arrays, where {@code available()} is exactly what is left.
     */
    static void fits(DataInput in, long bytes, String what) throws MalformedFrameException {
        if (in instanceof ByteArrayBacked s && bytes > s.left()) {
            throw new MalformedFrameException(what + " of " + bytes + " bytes exceeds the " + s.left() + " left");
        }
    }

    /** The stream {@link #decodeWhole} reads a payload with. */
    private static final class ByteArrayBacked extends DataInputStream {
        private final ByteArrayInputStream bytes;

        ByteArrayBacked(ByteArrayInputStream bytes) {
            super(bytes);
            this.bytes = bytes;
        }

        int left() {
            return bytes.available();
        }
    }

    static void writeStrings(DataOutput out, List<String> list) throws IOException {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    static List<String> readStrings(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < -1 || n > MAX_FRAME / 4) {
            throw new MalformedFrameException("string count " + n + " out of range");
        }
        List<String> list = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static boolean readBoolean(DataInput in) throws IOException {
        byte b = in.readByte();
        if (b != 0 && b != 1) {
            throw new MalformedFrameException("boolean byte " + b);
        }
        return b == 1;
    }
}
