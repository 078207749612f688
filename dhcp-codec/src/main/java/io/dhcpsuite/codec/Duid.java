package io.dhcpsuite.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A DHCP Unique Identifier (RFC 8415 §11): a 2-octet type and up to 128 octets, 3..130 octets in
 * all as Kea bounds it (CVE-2019-6472 was a longer one). Servers compare DUIDs as opaque bytes;
 * the typed accessors read the four defined layouts and answer {@code null} when the DUID is of
 * another type or too short for its own.
 */
public final class Duid {

    public static final int MIN_LENGTH = Dhcp6Options.MIN_DUID;
    public static final int MAX_LENGTH = Dhcp6Options.MAX_DUID;
    /** RFC 8415 §11.2: DUID-LLT time counts seconds from 2000-01-01T00:00:00Z. */
    public static final long EPOCH_2000 = 946_684_800L;

    /** DUID types of RFC 8415 §11.1 and RFC 6355. */
    public enum Type {
        LLT(1), EN(2), LL(3), UUID(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    private final byte[] bytes;

    private Duid(byte[] bytes) {
        if (bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("DUID length " + bytes.length + " is not in " + MIN_LENGTH + ".."
                    + MAX_LENGTH);
        }
        this.bytes = bytes;
    }

    /** The DUID of these bytes (copied). */
    public static Duid of(byte[] bytes) {
        return new Duid(bytes.clone());
    }

    /** Kea's text form, hex pairs with or without ':' ("00:03:00:01:0a:0b:0c:0d:0e:0f"). */
    public static Duid fromHex(String text) {
        String hex = text.replace(":", "");
        try {
            return new Duid(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("DUID length")) {
                throw e;
            }
            throw new IllegalArgumentException("'" + text + "' is not a hex DUID", e);
        }
    }

    /** DUID-LLT (RFC 8415 §11.2): hardware type, seconds since 2000, link-layer address. */
    public static Duid llt(int hardwareType, long time, byte[] linkLayerAddress) {
        Dhcp6Options.checkU32("DUID-LLT time", time);
        byte[] b = new byte[8 + linkLayerAddress.length];
        Dhcp6Options.putU16(b, 0, Type.LLT.code);
        Dhcp6Options.putU16(b, 2, u16("hardware type", hardwareType));
        Dhcp6Options.putU32(b, 4, time);
        System.arraycopy(linkLayerAddress, 0, b, 8, linkLayerAddress.length);
        return new Duid(b);
    }

    /** DUID-EN (RFC 8415 §11.3): enterprise number and an identifier of at least one octet. */
    public static Duid en(long enterpriseNumber, byte[] identifier) {
        Dhcp6Options.checkU32("enterprise number", enterpriseNumber);
        byte[] b = new byte[6 + identifier.length];
        Dhcp6Options.putU16(b, 0, Type.EN.code);
        Dhcp6Options.putU32(b, 2, enterpriseNumber);
        System.arraycopy(identifier, 0, b, 6, identifier.length);
        return new Duid(b);
    }

    /** DUID-LL (RFC 8415 §11.4): hardware type and link-layer address. */
    public static Duid ll(int hardwareType, byte[] linkLayerAddress) {
        byte[] b = new byte[4 + linkLayerAddress.length];
        Dhcp6Options.putU16(b, 0, Type.LL.code);
        Dhcp6Options.putU16(b, 2, u16("hardware type", hardwareType));
        System.arraycopy(linkLayerAddress, 0, b, 4, linkLayerAddress.length);
        return new Duid(b);
    }

    /** DUID-UUID (RFC 6355 §4). */
    public static Duid uuid(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(18);
        b.putShort((short) Type.UUID.code).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return new Duid(b.array());
    }

    private static int u16(String what, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " " + v + " is not in 0..65535");
        }
        return v;
    }

    /** A copy of all octets, type included. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /** The 2-octet type code, whatever it is. */
    public int typeCode() {
        return Dhcp6Options.u16(bytes, 0);
    }

    /** The type, or {@code null} for a type RFC 8415 and RFC 6355 do not define. */
    public Type type() {
        return Type.of(typeCode());
    }

    /** Hardware type of a DUID-LLT or DUID-LL (IANA ARP hardware type, 1 for Ethernet). */
    public Integer hardwareType() {
        return isLlt() || type() == Type.LL ? Dhcp6Options.u16(bytes, 2) : null;
    }

    /** Seconds since 2000-01-01 of a DUID-LLT. */
    public Long time() {
        return isLlt() ? Dhcp6Options.u32(bytes, 4) : null;
    }

    /** Link-layer address of a DUID-LLT or DUID-LL (may be empty). */
    public byte[] linkLayerAddress() {
        if (isLlt()) {
            return Arrays.copyOfRange(bytes, 8, bytes.length);
        }
        return type() == Type.LL ? Arrays.copyOfRange(bytes, 4, bytes.length) : null;
    }

    /** Enterprise number of a DUID-EN. */
    public Long enterpriseNumber() {
        return isEn() ? Dhcp6Options.u32(bytes, 2) : null;
    }

    /** Identifier of a DUID-EN. */
    public byte[] identifier() {
        return isEn() ? Arrays.copyOfRange(bytes, 6, bytes.length) : null;
    }

    /** The UUID of a DUID-UUID of exactly 16 octets after the type. */
    public UUID uuid() {
        if (type() != Type.UUID || bytes.length != 18) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 2, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    private boolean isLlt() {
        return type() == Type.LLT && bytes.length >= 8;
    }

    private boolean isEn() {
        return type() == Type.EN && bytes.length >= 6;
    }

    /** The option carrying this DUID: clientid (1) or serverid (2). */
    public Dhcp6Option toOption(int code) {
        return new Dhcp6Option(code, bytes);
    }

    /** Kea's text form, lower-case hex pairs joined by ':'. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex.toHexDigits(bytes[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Duid other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
