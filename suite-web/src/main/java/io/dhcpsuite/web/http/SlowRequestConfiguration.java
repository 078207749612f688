package io.dhcpsuite.web.http;

import jakarta.servlet.Filter;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link SlowRequestGuard} on a service's HTTP listener: every service imports it, so the
 * gateway's control API and the services' command and actuator ports close slow senders alike.
 * {@code suite.http.request-read-timeout} (10 s) is how long a request, headers and body, may take
 * to arrive; {@code suite.http.max-incomplete-per-address} (64) how many may be arriving from one
 * address.
 */
@Configuration(proxyBeanMethods = false)
public class SlowRequestConfiguration {

    @Bean
    SlowRequestGuard slowRequestGuard(@Value("${suite.http.request-read-timeout:10s}") Duration timeout,
            @Value("${suite.http.max-incomplete-per-address:64}") int maxPerAddress) {
        return new SlowRequestGuard(timeout, maxPerAddress);
    }

    /** First of all filters, so that no filter reads a body before the guard can see it. */
    @Bean
    FilterRegistrationBean<Filter> slowBodyFilter(SlowRequestGuard guard) {
        return bodyFilterOf(guard);
    }

    /** {@code guard}'s body filter on every path, ahead of every other filter. */
    static FilterRegistrationBean<Filter> bodyFilterOf(SlowRequestGuard guard) {
        FilterRegistrationBean<Filter> reg = new FilterRegistrationBean<>(guard.bodyFilter());
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        reg.addUrlPatterns("/*");
        return reg;
    }
}
