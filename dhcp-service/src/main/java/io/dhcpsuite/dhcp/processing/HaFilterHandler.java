package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.dhcp.ha.HaScopes;

/**
 * Kea's HA {@code buffer4_receive}: every query gets its {@code HA_<scope owner>} class before
 * classification (so pools can be split by it), and one outside the scopes this server serves is
 * dropped.
 */
final class HaFilterHandler implements Handler {
    private final HaScopes ha;

    HaFilterHandler(HaScopes ha) {
        this.ha = ha;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (ha.admit(ex.query, ex.classes)) {
            return Outcome.CONTINUE;
        }
        return ex.drop("HA_BUFFER4_RECEIVE_NOT_FOR_US query is not in the scopes this server serves");
    }
}
