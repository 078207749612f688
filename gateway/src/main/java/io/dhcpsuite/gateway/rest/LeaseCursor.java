package io.dhcpsuite.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of {@code GET /api/v1/leases4}: the last address the previous page consumed,
 * versioned and base64url-encoded so clients do not build cursors themselves and we can change the
 * content later. A cursor is meant to be sent back with the same filters.
 */
final class LeaseCursor {
    private static final String PREFIX = "v1:";

    private LeaseCursor() {
    }

    static String encode(String lastAddress) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastAddress).getBytes(StandardCharsets.US_ASCII));
    }

    /** The address after which the next page starts; refuses anything this class did not make. */
    static String decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!text.startsWith(PREFIX) || Ipv4.toLong(text.substring(PREFIX.length())) < 0) {
            throw invalid();
        }
        return text.substring(PREFIX.length());
    }

    private static RuntimeException invalid() {
        return Problems.of(org.springframework.http.HttpStatus.BAD_REQUEST, Problems.INVALID_CURSOR,
                "Invalid cursor", "the cursor was not issued by this API; start again without one");
    }
}
