package io.dhcpsuite.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the suite services listen and how long the gateway waits for them (Kea's CA waits 60 s
 * for a forwarded command; we default lower because our services are local).
 *
 * @param config          the Kea-format configuration file ("" = none)
 * @param services        base URLs of the services
 * @param forwardTimeout  per forwarded command
 * @param maxRequestBytes largest accepted command body
 * @param maxNestingDepth deepest accepted JSON nesting in a command
 * @param auth            how many failed basic-auth attempts an address may make in a window
 *                        before it is refused with HTTP 429 until the window ends (0 = no limit)
 */
@ConfigurationProperties("suite")
public record GatewayProperties(
        @DefaultValue("") String config,
        @DefaultValue Services services,
        @DefaultValue("30s") Duration forwardTimeout,
        @DefaultValue("1048576") int maxRequestBytes,
        @DefaultValue("64") int maxNestingDepth,
        @DefaultValue Auth auth) {

    public record Auth(@DefaultValue("10") int maxFailures, @DefaultValue("60s") Duration failureWindow) {
    }

    public record Services(
            @DefaultValue("http://127.0.0.1:8081") String dhcpUrl,
            @DefaultValue("http://127.0.0.1:8082") String leaseUrl,
            @DefaultValue("http://127.0.0.1:8083") String haUrl,
            @DefaultValue("http://127.0.0.1:8084") String ddnsUrl) {
    }
}
