package io.dhcpsuite.ddns;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code suite.*} properties ddns-service reads; a bad value stops start-up naming the key.
 * D2's own settings (listener, servers, keys, timeouts) come from the {@code DhcpDdns} section of
 * the Kea-format file.
 *
 * @param config suite.config: the Kea-format configuration file ({@code --suite.config=FILE})
 * @param ddns   suite.ddns.*
 */
@ConfigurationProperties("suite")
public record DdnsServiceProperties(@DefaultValue("") String config, @DefaultValue Ddns ddns) {

    /**
     * @param maxQueueSize    suite.ddns.max-queue-size: NCRs waiting at most (Kea's D2 queue, 1024)
     * @param maxTransactions suite.ddns.max-transactions: DNS transactions at once (32, as Kea)
     * @param udp             suite.ddns.udp: listen for NCRs on UDP (false leaves only REST, tests)
     */
    public record Ddns(@DefaultValue("1024") int maxQueueSize, @DefaultValue("32") int maxTransactions,
                       @DefaultValue("true") boolean udp) {
        public Ddns {
            if (maxQueueSize < 1) {
                throw new IllegalArgumentException("suite.ddns.max-queue-size: " + maxQueueSize + " is not positive");
            }
            if (maxTransactions < 1) {
                throw new IllegalArgumentException("suite.ddns.max-transactions: " + maxTransactions + " is not positive");
            }
        }
    }
}
