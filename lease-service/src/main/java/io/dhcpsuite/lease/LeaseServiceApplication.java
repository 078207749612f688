package io.dhcpsuite.lease;

import org.springframework.boot.SpringApplication;
import io.dhcpsuite.web.command.CommandEndpoint;
import io.dhcpsuite.web.http.SlowRequestConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.DefaultResourceLoader;

@SpringBootApplication
@Import({CommandEndpoint.class, SlowRequestConfiguration.class})
public class LeaseServiceApplication {
    public static void main(String[] args) {
        try {
            // its own class loader's resources and factories, also when it shares a JVM (OneProcess)
            new SpringApplication(new DefaultResourceLoader(LeaseServiceApplication.class.getClassLoader()),
                    LeaseServiceApplication.class).run(args);
        } catch (RuntimeException e) {
            // Spring has already reported why (a refused configuration as one line); exit non-zero
            System.exit(1);
        }
    }
}
