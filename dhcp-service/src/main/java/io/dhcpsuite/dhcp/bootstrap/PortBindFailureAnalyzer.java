package io.dhcpsuite.dhcp.bootstrap;

import io.dhcpsuite.dhcp.transport.PortBindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a socket that cannot be bound as one clear reason instead of a stack trace. */
public final class PortBindFailureAnalyzer extends AbstractFailureAnalyzer<PortBindException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortBindException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Run as root, grant the JVM CAP_NET_BIND_SERVICE, or set suite.dhcp-port to a port above 1023.", cause);
    }
}
