package io.dhcpsuite.api.ddns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * DHCID RDATA per RFC 4701 section 3.3, as Kea's {@code D2Dhcid} builds it: a 2-byte identifier
 * type, digest type 1 (SHA-256), and SHA-256 of the identifier followed by the FQDN in canonical
 * (lower-case) DNS wire format. For DHCPv4 the client identifier wins over the hardware address.
 */
public final class Dhcid {
    public static final int TYPE_HWADDR = 0;
    public static final int TYPE_CLIENT_ID = 1;
    public static final int TYPE_DUID = 2;
    private static final int DIGEST_SHA256 = 1;

    private Dhcid() {
    }

    /** Identifier type 0: the htype byte followed by chaddr (a v4 client without client-id). */
    public static byte[] fromHwAddress(int htype, byte[] chaddr, String fqdn) {
        byte[] id = new byte[chaddr.length + 1];
        id[0] = (byte) htype;
        System.arraycopy(chaddr, 0, id, 1, chaddr.length);
        return digest(TYPE_HWADDR, id, fqdn);
    }

    /**
     * Identifier type 1: the client identifier option's data. A client-id of type 255 (RFC 4361:
     * 255, 4-byte IAID, DUID) gives type 2 over the embedded DUID, as Kea does since 2.1.2.
     */
    public static byte[] fromClientId(byte[] clientId, String fqdn) {
        if (clientId.length > 5 && (clientId[0] & 0xff) == 255) {
            byte[] duid = new byte[clientId.length - 5];
            System.arraycopy(clientId, 5, duid, 0, duid.length);
            return digest(TYPE_DUID, duid, fqdn);
        }
        return digest(TYPE_CLIENT_ID, clientId, fqdn);
    }

    /** Identifier type 2: a DHCPv6 DUID. */
    public static byte[] fromDuid(byte[] duid, String fqdn) {
        return digest(TYPE_DUID, duid, fqdn);
    }

    /** Upper-case hex, as Kea's {@code D2Dhcid::toStr()} writes it in the NCR. */
    public static String toHex(byte[] rdata) {
        return HexFormat.of().withUpperCase().formatHex(rdata);
    }

    /** The FQDN in canonical wire format: lower-case labels with length bytes, ending in the root. */
    static byte[] canonicalWire(String fqdn) {
        String name = fqdn.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!name.isEmpty()) {
            for (String label : name.split("\\.", -1)) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                if (b.length == 0 || b.length > 63) {
                    throw new IllegalArgumentException("bad label in FQDN '" + fqdn + "'");
                }
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    private static byte[] digest(int type, byte[] identifier, String fqdn) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(identifier);
            sha.update(canonicalWire(fqdn));
            byte[] hash = sha.digest();
            byte[] rdata = new byte[3 + hash.length];
            rdata[0] = (byte) (type >> 8);
            rdata[1] = (byte) type;
            rdata[2] = DIGEST_SHA256;
            System.arraycopy(hash, 0, rdata, 3, hash.length);
            return rdata;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
