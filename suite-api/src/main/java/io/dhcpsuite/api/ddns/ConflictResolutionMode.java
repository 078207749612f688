package io.dhcpsuite.api.ddns;

import java.util.Arrays;

/**
 * Kea's {@code conflict-resolution-mode} (2.5.0), which picks D2's transaction family. The legacy
 * boolean {@code use-conflict-resolution} maps true to {@link #CHECK_WITH_DHCID} and false to
 * {@link #NO_CHECK_WITH_DHCID}.
 */
public enum ConflictResolutionMode {
    /** RFC 4703: add only if the name is free or carries this client's DHCID. */
    CHECK_WITH_DHCID("check-with-dhcid"),
    /** Add only if the name is free or carries any DHCID (some DHCP server owns it). */
    CHECK_EXISTS_WITH_DHCID("check-exists-with-dhcid"),
    /** Overwrite unconditionally, still writing the DHCID RR. */
    NO_CHECK_WITH_DHCID("no-check-with-dhcid"),
    /** Overwrite unconditionally, no DHCID RR at all. */
    NO_CHECK_WITHOUT_DHCID("no-check-without-dhcid");

    private final String wireName;

    ConflictResolutionMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The mode for a wire name, or null when the name is not one of the four. */
    public static ConflictResolutionMode fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst().orElse(null);
    }
}
