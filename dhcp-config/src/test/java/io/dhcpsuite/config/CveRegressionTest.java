package io.dhcpsuite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.config.agent.AgentConfigParser;
import io.dhcpsuite.config.d2.D2ConfigParser;
import org.junit.jupiter.api.Test;

/**
 * The configuration side of the published Kea defects (docs/reliability.md has the whole table):
 * each hostile document is refused with a ConfigException that says what is wrong, never a stack
 * overflow or another exception that would end the process or reach an operator as a stack trace.
 */
class CveRegressionTest {

    /**
     * CVE-2026-3608: deeply nested brackets in a configuration overflowed Kea's parser stack. The
     * parser's nesting limit refuses them as a syntax error, quickly, in every section.
     */
    @Test
    void cve_2026_3608_deeplyNestedBracketsAreASyntaxError() {
        for (String section : new String[] {"Dhcp4", "DhcpDdns", "Control-agent"}) {
            String deep = "{\"" + section + "\": {\"user-context\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
            long start = System.nanoTime();
            assertThatThrownBy(() -> KeaConfigLoader.parse(deep, null))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("syntax error")
                    .hasMessageContaining("nesting depth");
            assertThat(System.nanoTime() - start).as("refused without walking the whole document")
                    .isLessThan(5_000_000_000L);
        }
    }

    /**
     * The same defect, within the limit: nesting the parser accepts (in user-context, which Kea
     * keeps and echoes back) must survive every later walk of the document, the DhcpDdns and
     * Control-agent parsers included.
     */
    @Test
    void cve_2026_3608_nestingWithinTheLimitSurvivesEveryParser() {
        String nested = "{\"a\": " + "[".repeat(400) + "]".repeat(400) + "}";
        String doc = """
                {"Dhcp4": {"user-context": %1$s, "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "user-context": %1$s}]},
                 "DhcpDdns": {"user-context": %1$s},
                 "Control-agent": {"http-port": 8000, "user-context": %1$s}}
                """.formatted(nested);
        SuiteConfig config = KeaConfigLoader.parse(doc, null);
        assertThat(config.dhcp4().subnets()).hasSize(1);
        D2ConfigParser.fromDocument(config.raw());
        assertThat(AgentConfigParser.parse(config.raw()).httpPort()).isEqualTo(8000);
    }
}
