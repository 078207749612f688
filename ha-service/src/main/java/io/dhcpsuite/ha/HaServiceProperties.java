package io.dhcpsuite.ha;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code suite.*} properties ha-service reads. A bad value stops start-up with a message that
 * names the key. The HA parameters themselves come from the Kea-format file ({@code config}).
 *
 * @param config suite.config: the Kea-format configuration file
 * @param ha     suite.ha.*
 */
@ConfigurationProperties("suite")
public record HaServiceProperties(@DefaultValue("") String config, @DefaultValue Ha ha) {

    /**
     * @param dhcpServiceUrl  suite.ha.dhcp-service-url: this suite's dhcp-service (scopes, dhcp-disable)
     * @param leaseServiceUrl suite.ha.lease-service-url: this suite's lease-service (lease commands, updates)
     * @param listener        suite.ha.listener: whether to listen for the partner at this server's peer url
     * @param listenerAddress suite.ha.listener-address: bind the listener here instead of the url's
     *                        address (Kubernetes: 0.0.0.0 behind a Service's fixed ClusterIP)
     */
    public record Ha(@DefaultValue("http://127.0.0.1:8081") String dhcpServiceUrl,
                     @DefaultValue("http://127.0.0.1:8082") String leaseServiceUrl,
                     @DefaultValue("true") boolean listener,
                     @DefaultValue("") String listenerAddress) {
        public Ha {
            checkUrl("suite.ha.dhcp-service-url", dhcpServiceUrl);
            checkUrl("suite.ha.lease-service-url", leaseServiceUrl);
        }

        private static void checkUrl(String key, String url) {
            URI u = null;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                // reported below with the same words as a URL of the wrong kind
            }
            if (u == null || !"http".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(key + ": '" + url + "' is not an http://host:port URL");
            }
        }
    }
}
