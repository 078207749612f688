package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.dhcp.ha.HaScopes;

/**
 * Kea's HA {@code buffer4_receive}: every query gets its {@code HA_<scope owner>} class before
 * classification (so pools can be split by it), and one outside the scopes this server serves is
 * dropped. With several relationships (a hub) it is Kea's {@code subnet4_select} instead: it runs
 * after subnet selection and filters by the relationship of the selected subnet.
 */
final class HaFilterHandler implements Handler {
    private final HaScopes ha;

    HaFilterHandler(HaScopes ha) {
        this.ha = ha;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (ha.perSubnet()) {
            if (ha.admit(ex.query, ex.classes, ex.selection == null ? null : ex.selection.subnet())) {
                return Outcome.CONTINUE;
            }
            return ex.drop("HA_SUBNET4_SELECT_NOT_FOR_US query is not in the scopes this server serves for the subnet's relationship");
        }
        if (ha.admit(ex.query, ex.classes)) {
            return Outcome.CONTINUE;
        }
        return ex.drop("HA_BUFFER4_RECEIVE_NOT_FOR_US query is not in the scopes this server serves");
    }
}
