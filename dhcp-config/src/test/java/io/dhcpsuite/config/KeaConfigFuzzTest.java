package io.dhcpsuite.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dhcpsuite.config.agent.AgentConfigParser;
import io.dhcpsuite.config.d2.D2ConfigParser;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the Kea configuration parser, all sections the suite reads: Dhcp4
 * (with subnets, pools, options, classes, reservations), DhcpDdns and Control-agent
 * (docs/reliability.md). The invariant is the one {@code kea-dhcp4 -t} keeps: any text is either a
 * configuration or a {@link ConfigException} naming the problem; never another exception, which
 * would reach an operator as a stack trace from {@code config-set} or at start-up. Seeds: the
 * examples/ configurations and the test configurations, in KeaConfigFuzzTestInputs/.
 */
class KeaConfigFuzzTest {
    /** A configuration is a file an operator wrote; 256 KiB holds thousands of subnets. */
    static final int MAX_CONFIG = 256 * 1024;

    @FuzzTest(maxDuration = "5m")
    void parseFailsClosed(byte[] input) {
        if (input.length > MAX_CONFIG) {
            return;
        }
        SuiteConfig config;
        try {
            config = KeaConfigLoader.parse(new String(input, StandardCharsets.UTF_8), null);
        } catch (ConfigException expected) {
            return;
        }
        try {
            D2ConfigParser.fromDocument(config.raw());
        } catch (ConfigException expected) {
            // the documented failure
        }
        try {
            AgentConfigParser.parse(config.raw());
        } catch (ConfigException expected) {
            // the documented failure
        }
    }
}
