package io.dhcpsuite.dhcp.bootstrap;

import io.dhcpsuite.api.lease.wire.LeaseWire;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code suite.*} properties dhcp-service reads.
 *
 * @param config           Kea-format configuration file ({@code --suite.config=FILE} from dhcpctl)
 * @param dhcpPort         UDP port to listen on and to reach relays on (67; 0 = ephemeral, tests)
 * @param dhcpClientPort   UDP port of clients (default: dhcp-port + 1, i.e. 68)
 * @param leaseServiceUrl  lease-service base URL
 * @param leaseClient      batching of lease operations
 * @param leaseService     suite.lease-service.*: where lease-service's lease wire listens
 * @param hosts            suite.hosts.*: the copy of the hosts databases' reservations
 * @param dhcp6Port        UDP port of the DHCPv6 server (547; 0 = ephemeral, tests); relays are answered on it
 * @param dhcp6ClientPort  UDP port DHCPv6 clients are answered on (default: dhcp6-port - 1, i.e. 546)
 * @param runDir           suite.run-dir: where the server DUID file goes when Dhcp6 names no data-directory
 */
@ConfigurationProperties("suite")
public record DhcpServiceProperties(
        String config,
        @DefaultValue("67") int dhcpPort,
        Integer dhcpClientPort,
        @DefaultValue("http://127.0.0.1:8082") String leaseServiceUrl,
        @DefaultValue LeaseClient leaseClient,
        @DefaultValue LeaseService leaseService,
        @DefaultValue Hosts hosts,
        @DefaultValue("547") int dhcp6Port,
        Integer dhcp6ClientPort,
        @DefaultValue("run") String runDir) {

    public DhcpServiceProperties {
        if (dhcpPort < 0 || dhcpPort > 65535) {
            throw new IllegalArgumentException("suite.dhcp-port: " + dhcpPort + " is not a UDP port");
        }
        if (dhcp6Port < 0 || dhcp6Port > 65535) {
            throw new IllegalArgumentException("suite.dhcp6-port: " + dhcp6Port + " is not a UDP port");
        }
        if (dhcp6ClientPort != null && (dhcp6ClientPort < 1 || dhcp6ClientPort > 65535)) {
            throw new IllegalArgumentException("suite.dhcp6-client-port: " + dhcp6ClientPort + " is not a UDP port");
        }
    }

    /** Where DHCPv6 clients are answered: dhcp6-client-port, else dhcp6-port - 1 (546). */
    public int clientPort6() {
        return dhcp6ClientPort != null ? dhcp6ClientPort : Math.max(1, dhcp6Port - 1);
    }

    public int clientPort() {
        return dhcpClientPort != null ? dhcpClientPort : dhcpPort + 1;
    }

    /**
     * @param tcpPort suite.lease-service.tcp-port: lease-service's lease wire port, on the host of
     *                {@code suite.lease-service-url} (the same key lease-service listens on)
     */
    public record LeaseService(@DefaultValue("" + LeaseWire.DEFAULT_PORT) int tcpPort) {
        public LeaseService {
            if (tcpPort < -1 || tcpPort > 65535) {
                throw new IllegalArgumentException("suite.lease-service.tcp-port: " + tcpPort + " is not a TCP port");
            }
        }
    }

    /**
     * @param batchSize     suite.lease-client.batch-size: ops per request at most
     * @param maxInFlight   suite.lease-client.max-in-flight: concurrent batch requests per lane
     * @param queueCapacity suite.lease-client.queue-capacity: waiting ops before packets are dropped
     * @param timeout       suite.lease-client.timeout: per request
     * @param transport     suite.lease-client.transport: {@code tcp} (binary frames on one kept-alive
     *                      connection to lease-service's {@code suite.lease-service.tcp-port}) or
     *                      {@code http} (JSON to the batch endpoint of {@code suite.lease-service-url}) or
     *                      {@code in-process} (method calls to the lease-service run in the same JVM)
     */
    public record LeaseClient(
            @DefaultValue("256") int batchSize,
            @DefaultValue("16") int maxInFlight,
            @DefaultValue("8192") int queueCapacity,
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("tcp") String transport) {

        public LeaseClient {
            if (!"tcp".equals(transport) && !"http".equals(transport) && !"in-process".equals(transport)) {
                throw new IllegalArgumentException("suite.lease-client.transport: '" + transport
                        + "' is not one of tcp, http, in-process");
            }
        }
    }

    /**
     * @param syncInterval suite.hosts.sync-interval: how often the copy asks lease-service for
     *                     changes besides the gateway's pull after each reservation command (0: never)
     * @param timeout      suite.hosts.timeout: per request to lease-service
     */
    public record Hosts(@DefaultValue("5s") Duration syncInterval, @DefaultValue("2s") Duration timeout) {
        public Hosts {
            if (syncInterval.isNegative()) {
                throw new IllegalArgumentException("suite.hosts.sync-interval: " + syncInterval + " is negative");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("suite.hosts.timeout: " + timeout + " is not positive");
            }
        }
    }
}
