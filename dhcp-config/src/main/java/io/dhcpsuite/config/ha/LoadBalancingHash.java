package io.dhcpsuite.config.ha;

import io.dhcpsuite.codec.DhcpMessage;

/**
 * The RFC 3074 section 6 hash (Pearson's hash with the RFC's mixing table), which Kea's HA hook uses
 * to split clients between the two load-balancing servers: the hash of the client identifier
 * (option 61 data) or, without one, of the hardware address, modulo the number of active servers.
 * A suite and a Kea in one pair must compute the same value for every client, so the table and the
 * byte order (last key byte first, seeded with the key length) follow the RFC exactly.
 */
public final class LoadBalancingHash {

    /** RFC 3074 section 6, {@code loadb_mx_tbl}: a permutation of 0..255. */
    private static final int[] MIX = {
        251, 175, 119, 215, 81, 14, 79, 191, 103, 49, 181, 143, 186, 157, 0,
        232, 31, 32, 55, 60, 152, 58, 17, 237, 174, 70, 160, 144, 220, 90, 57,
        223, 59, 3, 18, 140, 111, 166, 203, 196, 134, 243, 124, 95, 222, 179,
        197, 65, 180, 48, 36, 15, 107, 46, 233, 130, 165, 30, 123, 161, 209, 23,
        97, 16, 40, 91, 219, 61, 100, 10, 210, 109, 250, 127, 22, 138, 29, 108,
        244, 67, 207, 9, 178, 204, 74, 98, 126, 249, 167, 116, 34, 77, 193,
        200, 121, 5, 20, 113, 71, 35, 128, 13, 182, 94, 25, 226, 227, 199, 75,
        27, 41, 245, 230, 224, 43, 225, 177, 26, 155, 150, 212, 142, 218, 115,
        241, 73, 88, 105, 39, 114, 62, 255, 192, 201, 145, 214, 168, 158, 221,
        148, 154, 122, 12, 84, 82, 163, 44, 139, 228, 236, 205, 242, 217, 11,
        187, 146, 159, 64, 86, 239, 195, 42, 106, 198, 118, 112, 184, 172, 87,
        2, 173, 117, 176, 229, 247, 253, 137, 185, 99, 164, 102, 147, 45, 66,
        231, 52, 141, 211, 194, 206, 246, 238, 56, 110, 78, 248, 63, 240, 189,
        93, 92, 51, 53, 183, 19, 171, 72, 50, 33, 104, 101, 69, 8, 252, 83, 120,
        76, 135, 85, 54, 202, 125, 188, 213, 96, 235, 136, 208, 162, 129, 190,
        132, 156, 38, 47, 1, 7, 254, 24, 4, 216, 131, 89, 21, 28, 133, 37, 153,
        149, 80, 170, 68, 6, 169, 234, 151,
    };

    private LoadBalancingHash() {
    }

    /** The hash of {@code len} bytes of {@code key} from {@code off}, 0..255. */
    public static int hash(byte[] key, int off, int len) {
        int h = len & 0xFF;
        for (int i = off + len - 1; i >= off; i--) {
            h = MIX[h ^ (key[i] & 0xFF)];
        }
        return h;
    }

    public static int hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    /**
     * The hash of a DHCPv4 query's key: the client identifier's data when option 61 is present and
     * not empty, else the first {@code hlen} bytes of {@code chaddr} (htype not included); -1 when
     * the query has neither, which Kea treats as out of every scope.
     */
    public static int hash4(DhcpMessage query) {
        var clientId = query.find(61);
        if (clientId != null && clientId.length() > 0) {
            int len = clientId.length();
            int h = len & 0xFF;
            for (int i = len - 1; i >= 0; i--) {
                h = MIX[h ^ clientId.byteAt(i)];
            }
            return h;
        }
        int len = Math.min(query.hlen(), DhcpMessage.CHADDR_LEN);
        if (len == 0) {
            return -1;
        }
        int h = len;
        for (int i = len - 1; i >= 0; i--) {
            h = MIX[h ^ query.chaddrByte(i)];
        }
        return h;
    }

    /** The hash of a lease's key, by the same rule as {@link #hash4}; either may be null. */
    public static int hashLease4(byte[] clientId, byte[] hwAddress) {
        if (clientId != null && clientId.length > 0) {
            return hash(clientId);
        }
        if (hwAddress != null && hwAddress.length > 0) {
            return hash(hwAddress);
        }
        return -1;
    }
}
