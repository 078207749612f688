package io.dhcpsuite.gateway;

import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.SuiteConfigBootstrap;
import io.dhcpsuite.web.http.SlowRequestConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
@Import(SlowRequestConfiguration.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    SuiteConfig suiteConfig(GatewayProperties props) {
        return SuiteConfigBootstrap.load(props.config());
    }
}
