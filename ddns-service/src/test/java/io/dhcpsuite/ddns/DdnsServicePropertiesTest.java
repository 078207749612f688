package io.dhcpsuite.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** ddns-service's own properties: defaults as Kea's D2, and a bad value stops start-up naming the key. */
class DdnsServicePropertiesTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DdnsServiceProperties.class)
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Props.class);

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void defaultsAreKeasQueueAndTransactionLimits() {
        runner.run(ctx -> {
            DdnsServiceProperties p = ctx.getBean(DdnsServiceProperties.class);
            assertThat(p.config()).isEmpty();
            assertThat(p.ddns().maxQueueSize()).isEqualTo(1024);
            assertThat(p.ddns().maxTransactions()).isEqualTo(32);
            assertThat(p.ddns().udp()).isTrue();
        });
    }

    @Test
    void aBadValueStopsStartUpNamingTheKey() {
        runner.withPropertyValues("suite.ddns.max-transactions=0").run(ctx ->
                assertThat(messages(ctx.getStartupFailure())).contains("suite.ddns.max-transactions: 0 is not positive"));
        runner.withPropertyValues("suite.ddns.max-queue-size=lots").run(ctx ->
                assertThat(messages(ctx.getStartupFailure())).contains("suite.ddns.max-queue-size"));
    }
}
