package io.dhcpsuite.dhcp.bootstrap;

import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.SuiteConfigBootstrap;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Loads {@code suite.config} as soon as the environment is ready, before any bean exists, so a
 * refused file ends the process with the one-line reason from {@link SuiteConfigBootstrap} (which
 * exits) rather than a context failure and a stack trace; then applies the file's loggers.
 */
public final class ConfigStartup implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    private static volatile SuiteConfig loaded;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        SuiteConfig config = SuiteConfigBootstrap.load(event.getEnvironment().getProperty("suite.config", ""));
        KeaLoggers.apply(config);
        loaded = config;
    }

    /** After Spring Boot's logging set-up, so our appenders survive it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static SuiteConfig loaded() {
        return loaded;
    }
}
