package io.dhcpsuite.dhcp;

import io.dhcpsuite.dhcp.bootstrap.ConfigStartup;
import io.dhcpsuite.dhcp.transport.PortBindException;
import org.springframework.boot.SpringApplication;
import io.dhcpsuite.web.command.CommandEndpoint;
import io.dhcpsuite.web.http.SlowRequestConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The DHCPv4 packet service. Properties: {@code suite.config} (Kea-format file),
 * {@code suite.dhcp-port} (67), {@code suite.dhcp-client-port} (dhcp-port + 1),
 * {@code suite.lease-service-url} (http://127.0.0.1:8082), {@code suite.lease-client.*}
 * (batch-size 256, max-in-flight 16, queue-capacity 8192, timeout 2s, transport tcp).
 */
@SpringBootApplication
@Import({CommandEndpoint.class, SlowRequestConfiguration.class})
public class DhcpServiceApplication {
    public static void main(String[] args) {
        // its own class loader's resources and factories, also when it shares a JVM (OneProcess)
        SpringApplication app = new SpringApplication(new DefaultResourceLoader(DhcpServiceApplication.class.getClassLoader()),
                DhcpServiceApplication.class);
        app.addListeners(new ConfigStartup());
        try {
            app.run(args);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PortBindException) {
                    System.err.println("ERROR " + t.getMessage());
                    System.exit(1);
                }
            }
            throw e;
        }
    }
}
