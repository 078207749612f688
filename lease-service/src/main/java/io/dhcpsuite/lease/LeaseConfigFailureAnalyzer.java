package io.dhcpsuite.lease;

import io.dhcpsuite.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A refused configuration value that surfaces during start-up rather than in
 * {@code SuiteConfigBootstrap} (e.g. memfile {@code max-row-errors}, which lease-service reads
 * itself) stops start-up with its one-line message, not a stack trace.
 */
class LeaseConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, ConfigException cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the configuration file given with --suite.config.", cause);
    }
}
