package io.dhcpsuite.config.ha;

/** {@code state-machine.states[].pause}: whether the state machine stops on entering a state until {@code ha-continue}. */
public enum HaPausePolicy {
    ALWAYS("always"),
    ONCE("once"),
    NEVER("never");

    private final String wire;

    HaPausePolicy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static HaPausePolicy of(String s) {
        for (HaPausePolicy p : values()) {
            if (p.wire.equals(s)) {
                return p;
            }
        }
        return null;
    }
}
