package io.dhcpsuite.config.ha;

/** A peer's {@code role}, with Kea's spelling. */
public enum HaRole {
    PRIMARY("primary"),
    SECONDARY("secondary"),
    STANDBY("standby"),
    BACKUP("backup");

    private final String wire;

    HaRole(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The role named {@code s}, or null. */
    public static HaRole of(String s) {
        for (HaRole r : values()) {
            if (r.wire.equals(s)) {
                return r;
            }
        }
        return null;
    }
}
