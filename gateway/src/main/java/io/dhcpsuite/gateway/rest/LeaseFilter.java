package io.dhcpsuite.gateway.rest;

import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The server-side filters of {@code GET /api/v1/leases4}; null means "any". The hardware address
 * is kept in Kea's lease-JSON form (lower-case, colon-separated) so it compares as text.
 */
record LeaseFilter(Long subnetId, Integer state, String hwAddress, String hostnamePrefix) {
    private static final Pattern HW = Pattern.compile("[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){0,19}");

    static LeaseFilter of(Long subnetId, String state, String hwAddress, String hostnamePrefix) {
        if (subnetId != null && (subnetId < 1 || subnetId > 0xFFFF_FFFFL)) {
            throw Problems.invalidParameter("subnet-id must be between 1 and 4294967295");
        }
        String hw = null;
        if (hwAddress != null && !hwAddress.isEmpty()) {
            if (!HW.matcher(hwAddress).matches()) {
                throw Problems.invalidParameter("hw-address must be hex octets separated by ':' (e.g. 1a:1b:1c:1d:1e:1f)");
            }
            hw = hwAddress.toLowerCase(Locale.ROOT).replace('-', ':');
        }
        return new LeaseFilter(subnetId, state == null || state.isEmpty() ? null : state(state), hw,
                hostnamePrefix == null || hostnamePrefix.isEmpty() ? null : hostnamePrefix.toLowerCase(Locale.ROOT));
    }

    /** Kea's lease states by number (0-4) or by name. */
    private static int state(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "0", "default", "assigned" -> 0;
            case "1", "declined" -> 1;
            case "2", "expired-reclaimed" -> 2;
            case "3", "released" -> 3;
            case "4", "registered" -> 4;
            default -> throw Problems.invalidParameter(
                    "state must be 0-4 or default, declined, expired-reclaimed, released, registered");
        };
    }

    boolean matches(JsonNode lease) {
        if (subnetId != null && lease.path("subnet-id").asLong(-1) != subnetId) {
            return false;
        }
        if (state != null && lease.path("state").asInt(-1) != state) {
            return false;
        }
        if (hwAddress != null && !hwAddress.equalsIgnoreCase(lease.path("hw-address").asString(""))) {
            return false;
        }
        // Host names compare case-insensitively, as DNS names do.
        return hostnamePrefix == null
                || lease.path("hostname").asString("").toLowerCase(Locale.ROOT).startsWith(hostnamePrefix);
    }
}
