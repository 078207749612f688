package io.dhcpsuite.lease;

import org.springframework.boot.SpringApplication;
import io.dhcpsuite.web.command.CommandEndpoint;
import io.dhcpsuite.web.http.SlowRequestConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import({CommandEndpoint.class, SlowRequestConfiguration.class})
public class LeaseServiceApplication {
    public static void main(String[] args) {
        try {
            SpringApplication.run(LeaseServiceApplication.class, args);
        } catch (RuntimeException e) {
            // Spring has already reported why (a refused configuration as one line); exit non-zero
            System.exit(1);
        }
    }
}
