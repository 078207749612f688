package io.dhcpsuite.gateway.agent;

import io.dhcpsuite.api.time.Ticker;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.agent.AgentConfig;
import io.dhcpsuite.config.agent.AgentConfigParser;
import io.dhcpsuite.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the {@code Control-agent} section into the web server and the request filters. */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AgentConfiguration.class);

    @Bean
    AgentConfig agentConfig(SuiteConfig suite) {
        AgentConfig config = AgentConfigParser.parse(suite.raw());
        log.info("Control-agent: host {}, port {}, {}, {}",
                config.httpHost() == null ? "(server.address)" : config.httpHost(),
                config.httpPort() == null ? "(server.port)" : config.httpPort(),
                config.authentication() == null ? "no authentication" : config.authentication(),
                config.tls() == null ? "plain HTTP"
                        : "TLS" + (config.tls().certRequired() ? " with client certificates required" : ""));
        return config;
    }

    @Bean
    AgentServerCustomizer agentServerCustomizer(AgentConfig config) {
        return new AgentServerCustomizer(config);
    }

    @Bean
    FilterRegistrationBean<BasicAuthFilter> basicAuthFilter(AgentConfig config, GatewayProperties props) {
        AuthFailureLimiter limiter = new AuthFailureLimiter(props.auth().maxFailures(), props.auth().failureWindow(),
                Ticker.SYSTEM);
        FilterRegistrationBean<BasicAuthFilter> reg = new FilterRegistrationBean<>(new BasicAuthFilter(config, limiter));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        reg.addUrlPatterns("/*");
        return reg;
    }
}
