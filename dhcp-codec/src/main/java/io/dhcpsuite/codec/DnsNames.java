package io.dhcpsuite.codec;

import java.io.ByteArrayOutputStream;

/**
 * Domain names in RFC 1035 §3.1 wire form (uncompressed) and presentation text, where a '.' or
 * '\' inside a label is written "\." / "\\" and other non-printable octets as "\DDD".
 */
final class DnsNames {

    static final int MAX_LABEL = 63;
    static final int MAX_NAME = 255;

    private DnsNames() {
    }

    /** Result of reading one name: its text without trailing dot, whether it ended with the root label, and where it stopped. */
    record Read(String text, boolean absolute, int end) {
    }

    /**
     * Reads a name from {@code b[from..to)}. With {@code partialAllowed} the name may stop at
     * {@code to} without a root label (RFC 4702 §2.3.1); otherwise it must end with one.
     * Compression pointers are refused: RFC 4702 §2.3.1 and RFC 3397 §2 (within one option) say
     * the names are not compressed against a message. Offsets in errors are {@code base + index}.
     */
    static Read read(byte[] b, int from, int to, boolean partialAllowed, int base, String what)
            throws MalformedPacketException {
        StringBuilder sb = new StringBuilder();
        int p = from;
        int wire = 0;
        while (p < to) {
            int len = b[p] & 0xFF;
            if (len == 0) {
                return new Read(sb.toString(), true, p + 1);
            }
            if ((len & 0xC0) != 0) {
                if ((len & 0xC0) == 0xC0) {
                    throw new MalformedPacketException(what + " has a compression pointer at offset "
                            + (base + p) + ", not allowed here", base + p);
                }
                throw new MalformedPacketException(what + " label length " + len + " exceeds "
                        + MAX_LABEL + " at offset " + (base + p), base + p);
            }
            if (p + 1 + len > to) {
                throw new MalformedPacketException(what + " label length " + len + " exceeds remaining "
                        + (to - p - 1) + " at offset " + (base + p), base + p);
            }
            wire += 1 + len;
            if (wire + 1 > MAX_NAME) {
                throw new MalformedPacketException(what + " is longer than " + MAX_NAME
                        + " octets at offset " + (base + p), base + p);
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            appendLabel(sb, b, p + 1, len);
            p += 1 + len;
        }
        if (!partialAllowed) {
            throw new MalformedPacketException(what + " is not terminated by a root label at offset "
                    + (base + p), base + p);
        }
        return new Read(sb.toString(), false, p);
    }

    private static void appendLabel(StringBuilder sb, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (c == '.' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c <= 0x20 || c >= 0x7F) {
                sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            } else {
                sb.append((char) c);
            }
        }
    }

    /**
     * Writes presentation text as wire labels; a trailing '.' or {@code absolute} adds the root
     * label. "" and "." are the empty partial name and the root respectively.
     */
    static void write(String text, boolean absolute, ByteArrayOutputStream out) {
        if (text.equals(".")) {
            out.write(0);
            return;
        }
        byte[] label = new byte[MAX_LABEL + 1];
        int len = 0;
        int wire = 0;
        boolean trailingDot = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            trailingDot = false;
            int octet;
            if (c == '.') {
                if (len == 0) {
                    throw new IllegalArgumentException("'" + text + "' is not a valid domain name: empty label");
                }
                wire += flush(out, label, len);
                len = 0;
                trailingDot = true;
                continue;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("'" + text + "' is not a valid domain name: dangling escape");
                }
                char d = text.charAt(i + 1);
                if (Character.isDigit(d)) {
                    if (i + 3 >= n) {
                        throw new IllegalArgumentException("'" + text + "' is not a valid domain name: bad \\DDD escape");
                    }
                    String digits = text.substring(i + 1, i + 4);
                    if (!digits.chars().allMatch(Character::isDigit) || Integer.parseInt(digits) > 255) {
                        throw new IllegalArgumentException("'" + text + "' is not a valid domain name: bad \\DDD escape");
                    }
                    octet = Integer.parseInt(digits);
                    i += 3;
                } else {
                    octet = d;
                    i++;
                }
            } else {
                octet = c;
            }
            if (octet > 0xFF) {
                throw new IllegalArgumentException("'" + text + "' is not a valid domain name: non-ASCII character");
            }
            if (len == MAX_LABEL) {
                throw new IllegalArgumentException("'" + text + "' is not a valid domain name: label longer than "
                        + MAX_LABEL + " octets");
            }
            label[len++] = (byte) octet;
        }
        if (len > 0) {
            wire += flush(out, label, len);
        }
        if (absolute || trailingDot) {
            out.write(0);
            wire++;
        }
        if (wire > MAX_NAME) {
            throw new IllegalArgumentException("'" + text + "' is not a valid domain name: longer than "
                    + MAX_NAME + " octets");
        }
    }

    private static int flush(ByteArrayOutputStream out, byte[] label, int len) {
        out.write(len);
        out.write(label, 0, len);
        return len + 1;
    }

    static byte[] toWire(String text, boolean absolute) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(text, absolute, out);
        return out.toByteArray();
    }
}
