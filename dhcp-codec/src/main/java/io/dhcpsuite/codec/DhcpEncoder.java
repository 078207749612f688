package io.dhcpsuite.codec;

import java.util.List;

/**
 * Turns {@link DhcpMessage}s into UDP payloads. Stateless and thread-safe.
 *
 * <p>Options are written in the message's order, so a decoded packet re-encodes byte for byte
 * (Kea's own replies put 54 after 51, perfdhcp's requests put it after 50). Messages built with
 * {@link DhcpMessage.Builder} already have 53 first, 54 next and 82 last: 53 first is what
 * clients and Kea expect, and RFC 3046 §2.1 has the relay agent append 82 after all other
 * options. Payloads over 255 bytes are split into consecutive instances of the same code
 * (RFC 3396 §5), then END. The packet is zero-padded to 300 bytes, the minimum BOOTP size
 * (RFC 1542 §3.3, and what Kea sends). Option overload is never used on output.
 */
public final class DhcpEncoder {

    /** RFC 1542 §3.3: relay agents may drop shorter BOOTP messages. */
    public static final int MIN_BOOTP_LEN = 300;

    private DhcpEncoder() {
    }

    /** Exact number of bytes {@link #encode(DhcpMessage, byte[], int)} writes for {@code m}. */
    public static int encodedLength(DhcpMessage m) {
        int n = DhcpDecoder.MIN_LEN + 1;
        for (DhcpOption o : m.options()) {
            n += wireLength(o.length());
        }
        return Math.max(n, MIN_BOOTP_LEN);
    }

    private static int wireLength(int len) {
        int instances = len == 0 ? 1 : (len + 254) / 255;
        return len + 2 * instances;
    }

    public static byte[] encode(DhcpMessage m) {
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
    public static int encode(DhcpMessage m, byte[] dst, int off) {
        int total = encodedLength(m);
        if (off < 0 || dst.length - off < total) {
            throw new IllegalArgumentException("buffer too small: need " + total + " bytes at offset "
                    + off + ", have " + Math.max(0, dst.length - off));
        }
        dst[off] = (byte) m.op();
        dst[off + 1] = (byte) m.htype();
        dst[off + 2] = (byte) m.hlen();
        dst[off + 3] = (byte) m.hops();
        Ipv4.toBytes(m.xid(), dst, off + 4);
        dst[off + 8] = (byte) (m.secs() >>> 8);
        dst[off + 9] = (byte) m.secs();
        dst[off + 10] = (byte) (m.flags() >>> 8);
        dst[off + 11] = (byte) m.flags();
        Ipv4.toBytes(m.ciaddr(), dst, off + 12);
        Ipv4.toBytes(m.yiaddr(), dst, off + 16);
        Ipv4.toBytes(m.siaddr(), dst, off + 20);
        Ipv4.toBytes(m.giaddr(), dst, off + 24);
        System.arraycopy(m.chaddrRaw(), 0, dst, off + 28, DhcpMessage.CHADDR_LEN);
        System.arraycopy(m.snameRaw(), 0, dst, off + 44, DhcpMessage.SNAME_LEN);
        System.arraycopy(m.fileRaw(), 0, dst, off + 108, DhcpMessage.FILE_LEN);
        Ipv4.toBytes(DhcpDecoder.MAGIC_COOKIE, dst, off + DhcpDecoder.HEADER_LEN);

        int p = off + DhcpDecoder.MIN_LEN;
        List<DhcpOption> options = m.options();
        for (int i = 0, n = options.size(); i < n; i++) {
            p = put(options.get(i), dst, p);
        }
        dst[p++] = (byte) OptionCodes.END;
        int end = off + total;
        while (p < end) {
            dst[p++] = 0;
        }
        return total;
    }

    private static int put(DhcpOption o, byte[] dst, int p) {
        byte[] d = o.raw();
        int done = 0;
        do {
            int chunk = Math.min(255, d.length - done);
            dst[p++] = (byte) o.code();
            dst[p++] = (byte) chunk;
            System.arraycopy(d, done, dst, p, chunk);
            p += chunk;
            done += chunk;
        } while (done < d.length);
        return p;
    }
}
