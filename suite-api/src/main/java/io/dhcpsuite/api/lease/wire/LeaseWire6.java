package io.dhcpsuite.api.lease.wire;

import static io.dhcpsuite.api.lease.wire.LeaseWire.MAX_FRAME;
import static io.dhcpsuite.api.lease.wire.LeaseWire.count;
import static io.dhcpsuite.api.lease.wire.LeaseWire.decodeWhole;
import static io.dhcpsuite.api.lease.wire.LeaseWire.readBoolean;
import static io.dhcpsuite.api.lease.wire.LeaseWire.readLongs;
import static io.dhcpsuite.api.lease.wire.LeaseWire.readString;
import static io.dhcpsuite.api.lease.wire.LeaseWire.readStrings;
import static io.dhcpsuite.api.lease.wire.LeaseWire.readUserContext;
import static io.dhcpsuite.api.lease.wire.LeaseWire.writeLongs;
import static io.dhcpsuite.api.lease.wire.LeaseWire.writeString;
import static io.dhcpsuite.api.lease.wire.LeaseWire.writeStrings;
import static io.dhcpsuite.api.lease.wire.LeaseWire.writeUserContext;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The DHCPv6 payloads of the {@link LeaseWire} (version 2 on): {@link LeaseBatch6}'s ops in a
 * {@link LeaseWire#BATCH6} frame, their results in a {@link LeaseWire#RESULTS6} frame. The field
 * rules are {@link LeaseWire}'s; the records' components travel in their declaration order, and a
 * record inside a list (an IA, a prefix, an IA's result, a lease) is a presence byte then its
 * fields. Enum codes never change meaning: op kind ADVERTISE 0, ASSIGN 1, RENEW 2, REBIND 3,
 * RELEASE 4, DECLINE 5; result status OK 0, ERROR 1; an IA's status is its RFC 8415 code
 * (SUCCESS 0, NO_ADDRS_AVAIL 2, NO_BINDING 3, NOT_ON_LINK 4, NO_PREFIX_AVAIL 6).
 */
public final class LeaseWire6 {

    private LeaseWire6() {
    }

    // ---- enum codes

    public static byte code(LeaseOp6.Kind kind) {
        return switch (kind) {
            case ADVERTISE -> 0;
            case ASSIGN -> 1;
            case RENEW -> 2;
            case REBIND -> 3;
            case RELEASE -> 4;
            case DECLINE -> 5;
        };
    }

    static LeaseOp6.Kind kind(byte code) throws LeaseWire.MalformedFrameException {
        return switch (code) {
            case 0 -> LeaseOp6.Kind.ADVERTISE;
            case 1 -> LeaseOp6.Kind.ASSIGN;
            case 2 -> LeaseOp6.Kind.RENEW;
            case 3 -> LeaseOp6.Kind.REBIND;
            case 4 -> LeaseOp6.Kind.RELEASE;
            case 5 -> LeaseOp6.Kind.DECLINE;
            default -> throw new LeaseWire.MalformedFrameException("unknown v6 op kind code " + code);
        };
    }

    public static byte code(LeaseResult6.Status status) {
        return switch (status) {
            case OK -> 0;
            case ERROR -> 1;
        };
    }

    static LeaseResult6.Status status(byte code) throws LeaseWire.MalformedFrameException {
        return switch (code) {
            case 0 -> LeaseResult6.Status.OK;
            case 1 -> LeaseResult6.Status.ERROR;
            default -> throw new LeaseWire.MalformedFrameException("unknown v6 result status code " + code);
        };
    }

    /** An IA's status travels as its status code of RFC 8415, which never changes meaning. */
    public static byte code(LeaseResult6.IaStatus status) {
        return (byte) status.code();
    }

    static LeaseResult6.IaStatus iaStatus(byte code) throws LeaseWire.MalformedFrameException {
        for (LeaseResult6.IaStatus s : LeaseResult6.IaStatus.values()) {
            if (s.code() == code) {
                return s;
            }
        }
        throw new LeaseWire.MalformedFrameException("unknown IA status code " + code);
    }

    // ---- whole payloads

    public static byte[] encodeOps(List<LeaseOp6> ops) {
        return LeaseWire.encodeAll(ops, 160, LeaseWire6::writeOp);
    }

    public static List<LeaseOp6> decodeOps(byte[] payload) throws LeaseWire.MalformedFrameException {
        return LeaseWire.decodeAll(payload, "v6 op", LeaseWire6::readOp);
    }

    public static byte[] encodeResults(List<LeaseResult6> results) {
        return LeaseWire.encodeAll(results, 200, LeaseWire6::writeResult);
    }

    public static List<LeaseResult6> decodeResults(byte[] payload) throws LeaseWire.MalformedFrameException {
        return LeaseWire.decodeAll(payload, "v6 result", LeaseWire6::readResult);
    }

    // ---- records

    public static void writeOp(DataOutput out, LeaseOp6 op) throws IOException {
        out.writeLong(op.id());
        out.writeByte(op.kind() == null ? -1 : code(op.kind()));
        writeLongs(out, op.subnetIds());
        writeString(out, op.duid());
        writeString(out, op.hwAddress());
        writeList(out, op.ias(), LeaseWire6::writeIa);
        writeStrings(out, op.clientClasses());
        writeString(out, op.hostname());
        out.writeBoolean(op.fqdnFwd());
        out.writeBoolean(op.fqdnRev());
        out.writeBoolean(op.generateHostname());
    }

    public static LeaseOp6 readOp(DataInput in) throws IOException {
        long id = in.readLong();
        byte kindCode = in.readByte();
        LeaseOp6.Kind kind = kindCode == -1 ? null : kind(kindCode);
        List<Long> subnets = readLongs(in, "subnet");
        String duid = readString(in);
        String hw = readString(in);
        List<LeaseOp6.Ia> ias = readList(in, "IA", LeaseWire6::readIa);
        List<String> classes = readStrings(in);
        String hostname = readString(in);
        boolean fwd = readBoolean(in);
        boolean rev = readBoolean(in);
        boolean generate = readBoolean(in);
        return new LeaseOp6(id, kind, subnets, duid, hw, ias, classes, hostname, fwd, rev, generate);
    }

    static void writeIa(DataOutput out, LeaseOp6.Ia ia) throws IOException {
        writeString(out, ia.type());
        out.writeLong(ia.iaid());
        writeList(out, ia.hints(), LeaseWire6::writePrefix);
        writeList(out, ia.reserved(), LeaseWire6::writePrefix);
        out.writeLong(ia.reservedSubnetId());
        out.writeLong(ia.preferredLifetime());
        out.writeLong(ia.validLifetime());
    }

    static LeaseOp6.Ia readIa(DataInput in) throws IOException {
        String type = readString(in);
        long iaid = in.readLong();
        List<LeaseOp6.Prefix> hints = readList(in, "hint", LeaseWire6::readPrefix);
        List<LeaseOp6.Prefix> reserved = readList(in, "reservation", LeaseWire6::readPrefix);
        long reservedSubnet = in.readLong();
        long preferred = in.readLong();
        long valid = in.readLong();
        return new LeaseOp6.Ia(type, iaid, hints, reserved, reservedSubnet, preferred, valid);
    }

    static void writePrefix(DataOutput out, LeaseOp6.Prefix p) throws IOException {
        writeString(out, p.address());
        out.writeInt(p.length());
    }

    static LeaseOp6.Prefix readPrefix(DataInput in) throws IOException {
        return new LeaseOp6.Prefix(readString(in), in.readInt());
    }

    public static void writeResult(DataOutput out, LeaseResult6 r) throws IOException {
        out.writeLong(r.id());
        out.writeByte(r.status() == null ? -1 : code(r.status()));
        writeList(out, r.ias(), LeaseWire6::writeIaResult);
        writeString(out, r.message());
    }

    public static LeaseResult6 readResult(DataInput in) throws IOException {
        long id = in.readLong();
        byte statusCode = in.readByte();
        LeaseResult6.Status status = statusCode == -1 ? null : status(statusCode);
        List<LeaseResult6.IaResult> ias = readList(in, "IA result", LeaseWire6::readIaResult);
        String message = readString(in);
        return new LeaseResult6(id, status, ias, message);
    }

    static void writeIaResult(DataOutput out, LeaseResult6.IaResult r) throws IOException {
        writeString(out, r.type());
        out.writeLong(r.iaid());
        out.writeByte(r.status() == null ? -1 : code(r.status()));
        writeList(out, r.leases(), LeaseWire6::writeLease);
        writeList(out, r.previous(), LeaseWire6::writeLease);
    }

    static LeaseResult6.IaResult readIaResult(DataInput in) throws IOException {
        String type = readString(in);
        long iaid = in.readLong();
        byte statusCode = in.readByte();
        LeaseResult6.IaStatus status = statusCode == -1 ? null : iaStatus(statusCode);
        List<Lease6> leases = readList(in, "lease", LeaseWire6::readLease);
        List<Lease6> previous = readList(in, "previous lease", LeaseWire6::readLease);
        return new LeaseResult6.IaResult(type, iaid, status, leases, previous);
    }

    /** A lease's fields (its presence byte is the enclosing list's). */
    public static void writeLease(DataOutput out, Lease6 l) throws IOException {
        writeString(out, l.ipAddress());
        writeString(out, l.type());
        out.writeInt(l.prefixLen());
        writeString(out, l.duid());
        out.writeLong(l.iaid());
        out.writeLong(l.subnetId());
        if (l.poolId() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeLong(l.poolId());
        }
        out.writeLong(l.preferredLft());
        out.writeLong(l.validLft());
        out.writeLong(l.cltt());
        writeString(out, l.hwAddress());
        out.writeBoolean(l.fqdnFwd());
        out.writeBoolean(l.fqdnRev());
        writeString(out, l.hostname());
        out.writeInt(l.state());
        writeUserContext(out, l.userContext());
    }

    public static Lease6 readLease(DataInput in) throws IOException {
        String ip = readString(in);
        String type = readString(in);
        int prefixLen = in.readInt();
        String duid = readString(in);
        long iaid = in.readLong();
        long subnet = in.readLong();
        Long pool = readBoolean(in) ? in.readLong() : null;
        long preferred = in.readLong();
        long valid = in.readLong();
        long cltt = in.readLong();
        String hw = readString(in);
        boolean fwd = readBoolean(in);
        boolean rev = readBoolean(in);
        String hostname = readString(in);
        int state = in.readInt();
        return new Lease6(ip, type, prefixLen, duid, iaid, subnet, pool, preferred, valid, cltt, hw, fwd, rev,
                hostname, state, readUserContext(in));
    }

    // ---- lists of records

    private interface Writer<T> {
        void write(DataOutput out, T value) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    /** A nullable list of nullable records: count (-1 for null), then per element a presence byte and its fields. */
    private static <T> void writeList(DataOutput out, List<T> list, Writer<T> writer) throws IOException {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (T t : list) {
            if (t == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                writer.write(out, t);
            }
        }
    }

    private static <T> List<T> readList(DataInput in, String what, Reader<T> reader) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < -1 || n > MAX_FRAME) {
            throw new LeaseWire.MalformedFrameException(what + " count " + n + " out of range");
        }
        // every element takes at least its presence byte: a count the payload cannot hold is refused
        // before anything is allocated for it
        LeaseWire.fits(in, n, what + " list");
        List<T> list = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            list.add(readBoolean(in) ? reader.read(in) : null);
        }
        return list;
    }
}
