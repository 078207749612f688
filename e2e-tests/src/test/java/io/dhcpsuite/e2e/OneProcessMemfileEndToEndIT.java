package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@link MemfileEndToEndIT} with lease-service and dhcp-service in one JVM
 * ({@code ./dhcpctl start --one-process}): the same DORAs without a drop, garbage, restart and
 * SIGKILL under load, with every batch a method call instead of a lease wire frame. Restarting
 * lease-service restarts the process that holds both, and the SIGKILL takes both down.
 */
class OneProcessMemfileEndToEndIT extends MemfileEndToEndIT {

    @Override
    String[] startOptions() {
        return new String[] {"--one-process"};
    }

    @Test
    @Order(0)
    void runsBothServicesInOneProcess() throws Exception {
        assertThat(suite.pid("dhcp-service")).isEqualTo(suite.pid("lease-service"));
        assertThat(suite.pid("gateway")).isNotEqualTo(suite.pid("lease-service"));
    }
}
