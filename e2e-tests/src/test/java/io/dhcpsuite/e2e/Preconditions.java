package io.dhcpsuite.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The end-to-end tests bind UDP port 67 and run perfdhcp, as a real deployment does. CI runs them
 * as root with perfdhcp installed (.ci/run); elsewhere they are skipped with the reason.
 */
final class Preconditions {
    private Preconditions() {
    }

    static void rootAndPerfdhcp() {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "end-to-end tests bind UDP port 67: run them as root (CI does)");
        assumeTrue(Perfdhcp.available(), "perfdhcp is missing: apt-get install kea-admin");
    }
}
