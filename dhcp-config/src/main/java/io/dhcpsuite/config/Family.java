package io.dhcpsuite.config;

/**
 * What differs between Kea's {@code Dhcp4} and {@code Dhcp6} sections for the parsers both
 * share: the section and subnet list names, the standard option space, and Kea's defaults for
 * the T1/T2 computation (SimpleParser4/6 GLOBAL_DEFAULTS: DHCPv6 computes T1 and T2 by default,
 * with T2 at 80% instead of 87.5%).
 */
enum Family {
    V4("Dhcp4", "subnet4", "dhcp4", false, 0.875),
    V6("Dhcp6", "subnet6", "dhcp6", true, 0.8);

    final String section;
    final String subnetKey;
    final String optionSpace;
    final boolean calculateTeeTimes;
    final double t2Percent;

    Family(String section, String subnetKey, String optionSpace, boolean calculateTeeTimes, double t2Percent) {
        this.section = section;
        this.subnetKey = subnetKey;
        this.optionSpace = optionSpace;
        this.calculateTeeTimes = calculateTeeTimes;
        this.t2Percent = t2Percent;
    }
}
