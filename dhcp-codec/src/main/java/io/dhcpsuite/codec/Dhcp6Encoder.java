package io.dhcpsuite.codec;

import java.util.List;

/**
 * Turns {@link Dhcp6Message}s into UDP payloads. Stateless and thread-safe.
 *
 * <p>Options are written in the message's order, so a decoded packet re-encodes byte for byte.
 * Each relay layer is written as its header, its options with the relay-msg option at
 * {@link Dhcp6Relay#relayMessageIndex()} (last for layers built in code, where Kea puts it), and
 * the next layer or the message inside that relay-msg. No padding: DHCPv6 has none.
 */
public final class Dhcp6Encoder {

    private Dhcp6Encoder() {
    }

    /**
     * Exact number of bytes {@link #encode(Dhcp6Message, byte[], int)} writes for {@code m}.
     *
     * @throws IllegalArgumentException if a relay-msg would exceed 65535 octets
     */
    public static int encodedLength(Dhcp6Message m) {
        List<Dhcp6Relay> relays = m.relays();
        int n = Dhcp6Decoder.HEADER_LEN + Dhcp6Options.wireLength(m.options());
        for (int i = relays.size() - 1; i >= 0; i--) {
            if (n > Dhcp6Option.MAX_LENGTH) {
                throw new IllegalArgumentException("relay-msg of relay layer " + i + " would hold " + n
                        + " octets, more than 65535");
            }
            n += Dhcp6Relay.HEADER_LEN + Dhcp6Options.wireLength(relays.get(i).options()) + 4;
        }
        return n;
    }

    public static byte[] encode(Dhcp6Message m) {
        byte[] out = new byte[encodedLength(m)];
        encode(m, out, 0);
        return out;
    }

    /**
     * Writes {@code m} into {@code dst} from {@code off} and returns the number of bytes written.
     *
     * @throws IllegalArgumentException if {@code dst} has fewer than {@link #encodedLength} bytes
     *         after {@code off}
     */
    public static int encode(Dhcp6Message m, byte[] dst, int off) {
        int total = encodedLength(m);
        if (off < 0 || dst.length - off < total) {
            throw new IllegalArgumentException("buffer too small: need " + total + " bytes at offset "
                    + off + ", have " + Math.max(0, dst.length - off));
        }
        int end = write(m, 0, dst, off);
        assert end - off == total;
        return total;
    }

    /** Writes relay layer {@code level} and everything inside it (the message at the bottom). */
    private static int write(Dhcp6Message m, int level, byte[] dst, int p) {
        List<Dhcp6Relay> relays = m.relays();
        if (level == relays.size()) {
            dst[p] = (byte) m.type();
            dst[p + 1] = (byte) (m.transactionId() >>> 16);
            dst[p + 2] = (byte) (m.transactionId() >>> 8);
            dst[p + 3] = (byte) m.transactionId();
            return Dhcp6Options.write(m.options(), dst, p + Dhcp6Decoder.HEADER_LEN);
        }
        Dhcp6Relay r = relays.get(level);
        dst[p] = (byte) r.type();
        dst[p + 1] = (byte) r.hopCount();
        Ipv6.put(r.linkAddress(), dst, p + 2);
        Ipv6.put(r.peerAddress(), dst, p + 18);
        p += Dhcp6Relay.HEADER_LEN;
        List<Dhcp6Option> options = r.options();
        for (int i = 0; i < r.relayMessageIndex(); i++) {
            p = Dhcp6Options.write(options.get(i), dst, p);
        }
        int header = p;
        p = write(m, level + 1, dst, p + 4);
        Dhcp6Options.putU16(dst, header, OptionCodes6.RELAY_MSG);
        Dhcp6Options.putU16(dst, header + 2, p - header - 4);
        for (int i = r.relayMessageIndex(); i < options.size(); i++) {
            p = Dhcp6Options.write(options.get(i), dst, p);
        }
        return p;
    }
}
