package io.dhcpsuite.lease.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code suite.*} properties lease-service reads. A bad value stops start-up with a message
 * that names the key. The Kea-format file itself is read by dhcp-config; its path is {@code config}.
 *
 * @param config       suite.config: the Kea-format configuration file ({@code --suite.config=FILE}
 *                     from dhcpctl); blank means the example file when it exists, else no subnets
 * @param runDir       suite.run-dir: where a memfile lease file without a {@code name} goes
 * @param lease        suite.lease.*
 * @param leaseService suite.lease-service.*
 */
@ConfigurationProperties("suite")
public record LeaseServiceProperties(
        @DefaultValue("") String config,
        @DefaultValue("run") Path runDir,
        @DefaultValue Lease lease,
        @DefaultValue LeaseService leaseService) {

    /**
     * @param commitTimeout suite.lease.commit-timeout: how long a batch's answer waits for its
     *                      write (and a gating lease change listener) before its writes answer ERROR
     */
    public record Lease(@DefaultValue("5s") Duration commitTimeout) {
        public Lease {
            if (commitTimeout.isNegative() || commitTimeout.isZero()) {
                throw new IllegalArgumentException("suite.lease.commit-timeout: " + commitTimeout + " is not positive");
            }
        }
    }

    /**
     * @param tcpPort   suite.lease-service.tcp-port: the lease wire's port; unset means 8092 (or an
     *                  ephemeral port when {@code server.port} is 0, as in tests), 0 ephemeral, -1 off
     * @param haUpdates suite.lease-service.ha-updates.*
     */
    public record LeaseService(Integer tcpPort, @DefaultValue HaUpdates haUpdates) {
        public LeaseService {
            if (tcpPort != null && (tcpPort < -1 || tcpPort > 65535)) {
                throw new IllegalArgumentException("suite.lease-service.tcp-port: " + tcpPort
                        + " is neither a TCP port nor -1 (off)");
            }
        }
    }

    /**
     * The HA lease updates' transport to each peer.
     *
     * @param connections suite.lease-service.ha-updates.connections: updates in flight (and
     *                    keep-alive connections) per peer
     * @param queueLimit  suite.lease-service.ha-updates.queue-limit: updates waiting for a connection
     *                    per peer; one more fails at once (its DHCP reply is dropped)
     * @param timeout     suite.lease-service.ha-updates.timeout: from an update's submission to its
     *                    acknowledgement, queueing included; keep it below dhcp-service's
     *                    {@code suite.lease-client.timeout} (2 s), after which the reply is lost anyway
     * @param maxBatch    suite.lease-service.ha-updates.max-batch: at most this many updates in one
     *                    {@code lease4-bulk-apply} to a suite partner; 1 sends Kea's one-lease
     *                    commands to every partner
     * @param bulkConnections suite.lease-service.ha-updates.bulk-connections: lease4-bulk-apply
     *                    requests in flight to a suite partner (at most {@code connections}); fewer
     *                    make larger batches under load
     */
    public record HaUpdates(@DefaultValue("8") int connections, @DefaultValue("256") int queueLimit,
                            @DefaultValue("1500ms") Duration timeout, @DefaultValue("128") int maxBatch,
                            @DefaultValue("2") int bulkConnections) {
        public HaUpdates {
            if (bulkConnections < 1 || bulkConnections > 1024) {
                throw new IllegalArgumentException("suite.lease-service.ha-updates.bulk-connections: " + bulkConnections
                        + " is not between 1 and 1024");
            }
            if (maxBatch < 1 || maxBatch > 10_000) {
                throw new IllegalArgumentException("suite.lease-service.ha-updates.max-batch: " + maxBatch
                        + " is not between 1 and 10000");
            }
            if (connections < 1 || connections > 1024) {
                throw new IllegalArgumentException("suite.lease-service.ha-updates.connections: " + connections
                        + " is not between 1 and 1024");
            }
            if (queueLimit < 0) {
                throw new IllegalArgumentException("suite.lease-service.ha-updates.queue-limit: " + queueLimit
                        + " is negative");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("suite.lease-service.ha-updates.timeout: " + timeout
                        + " is not positive");
            }
        }
    }
}
