package io.dhcpsuite.ha;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.config.HookLibrary;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.SuiteConfigBootstrap;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import io.dhcpsuite.web.command.CommandEndpoint;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;

/**
 * ha-service. This release has no high availability yet: it reports so in status-get and every
 * {@code ha-*} command answers result 2 ("not supported") rather than pretending. A configured
 * {@code libdhcp_ha.so} hook is logged as not active.
 */
@SpringBootApplication
@Import(CommandEndpoint.class)
public class HaServiceApplication {
    private static final Logger log = LoggerFactory.getLogger(HaServiceApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(HaServiceApplication.class, args);
    }

    @Bean
    SuiteConfig suiteConfig(@Value("${suite.config:}") String location) {
        SuiteConfig config = SuiteConfigBootstrap.load(location);
        if (config.dhcp4() != null && config.dhcp4().hooksLibraries().stream().anyMatch(h -> h.is("libdhcp_ha"))) {
            log.warn("HA_CONFIGURATION_IGNORED libdhcp_ha is configured but high availability is not "
                    + "implemented in this release; the server runs standalone");
        }
        return config;
    }

    @Bean
    CommandDispatcher commandDispatcher(SuiteConfig config) {
        CommandDispatcher dispatcher = new CommandDispatcher();
        boolean configured = config.dhcp4() != null
                && config.dhcp4().hooksLibraries().stream().anyMatch((HookLibrary h) -> h.is("libdhcp_ha"));
        BasicCommands.register(dispatcher, "ha-service", Clock.systemDefaultZone(), status -> {
            status.putArray("high-availability");
            status.put("ha-configured", configured);
            status.put("ha-implemented", false);
        });
        return dispatcher;
    }
}
