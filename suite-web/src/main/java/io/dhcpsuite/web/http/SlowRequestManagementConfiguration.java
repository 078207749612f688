package io.dhcpsuite.web.http;

import jakarta.servlet.Filter;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link SlowRequestConfiguration}'s guard on a separate management port
 * ({@code management.server.port}, the gateway's 8090): Spring Boot serves that port from a child
 * context with a Tomcat of its own, which the main context's customizers and filters do not reach.
 * The guard is the main context's, so both listeners keep the same {@code suite.http.*} bounds; the
 * management connector gets a sweeping thread of its own.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class SlowRequestManagementConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementSlowRequests(SlowRequestGuard slowRequestGuard) {
        return slowRequestGuard::customize;
    }

    @Bean
    FilterRegistrationBean<Filter> managementSlowBodyFilter(SlowRequestGuard slowRequestGuard) {
        return SlowRequestConfiguration.bodyFilterOf(slowRequestGuard);
    }
}
