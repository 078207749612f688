package io.dhcpsuite.config.ha;

/** {@code mode} of a relationship, with Kea's spelling. */
public enum HaMode {
    LOAD_BALANCING("load-balancing"),
    HOT_STANDBY("hot-standby"),
    PASSIVE_BACKUP("passive-backup");

    private final String wire;

    HaMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The mode named {@code s}, or null. */
    public static HaMode of(String s) {
        for (HaMode m : values()) {
            if (m.wire.equals(s)) {
                return m;
            }
        }
        return null;
    }
}
