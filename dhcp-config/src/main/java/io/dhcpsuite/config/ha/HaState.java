package io.dhcpsuite.config.ha;

/**
 * The states of Kea's HA state machine, spelled as in heartbeats, {@code status-get} and
 * {@code state-machine} configuration. {@link #UNAVAILABLE} is never a server's own state: it is
 * how a server sees a partner it cannot reach.
 */
public enum HaState {
    BACKUP("backup"),
    COMMUNICATION_RECOVERY("communication-recovery"),
    HOT_STANDBY("hot-standby"),
    LOAD_BALANCING("load-balancing"),
    IN_MAINTENANCE("in-maintenance"),
    PARTNER_DOWN("partner-down"),
    PARTNER_IN_MAINTENANCE("partner-in-maintenance"),
    PASSIVE_BACKUP("passive-backup"),
    READY("ready"),
    SYNCING("syncing"),
    TERMINATED("terminated"),
    WAITING("waiting"),
    UNAVAILABLE("unavailable");

    private final String wire;

    HaState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The state named {@code s}, or null. */
    public static HaState of(String s) {
        for (HaState st : values()) {
            if (st.wire.equals(s)) {
                return st;
            }
        }
        return null;
    }
}
