package io.dhcpsuite.ha;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** ha-service's own properties: loopback defaults for its suite's services; a bad URL stops start-up naming the key. */
class HaServicePropertiesTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HaServiceProperties.class)
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
    void defaultsReachThisSuitesServicesOnLoopback() {
        runner.run(ctx -> {
            HaServiceProperties p = ctx.getBean(HaServiceProperties.class);
            assertThat(p.ha().dhcpServiceUrl()).isEqualTo("http://127.0.0.1:8081");
            assertThat(p.ha().leaseServiceUrl()).isEqualTo("http://127.0.0.1:8082");
            assertThat(p.ha().listener()).isTrue();
            assertThat(p.ha().listenerAddress()).isEmpty();
        });
    }

    @Test
    void aBadUrlStopsStartUpNamingTheKey() {
        runner.withPropertyValues("suite.ha.lease-service-url=127.0.0.1:8082").run(ctx ->
                assertThat(messages(ctx.getStartupFailure()))
                        .contains("suite.ha.lease-service-url: '127.0.0.1:8082' is not an http://host:port URL"));
        runner.withPropertyValues("suite.ha.listener=maybe").run(ctx ->
                assertThat(messages(ctx.getStartupFailure())).contains("suite.ha.listener"));
    }
}
