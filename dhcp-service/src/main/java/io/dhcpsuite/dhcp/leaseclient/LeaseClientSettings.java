package io.dhcpsuite.dhcp.leaseclient;

import java.time.Duration;

/**
 * Tuning of the batching lease client.
 *
 * @param baseUrl       lease-service, e.g. http://127.0.0.1:8082
 * @param batchSize     ops per request at most
 * @param maxInFlight   requests awaiting their answer at the same time, per lane (offers, writes);
 *                      ops that find every slot taken wait and leave together
 * @param queueCapacity ops waiting to be batched; beyond it packets are dropped
 * @param timeout       per batch request; also the age after which a queued op is failed unsent
 */
public record LeaseClientSettings(String baseUrl, int batchSize, int maxInFlight,
                                  int queueCapacity, Duration timeout) {

    public LeaseClientSettings {
        if (batchSize < 1 || maxInFlight < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("suite.lease-client: batch-size, max-in-flight and "
                    + "queue-capacity must be positive");
        }
    }

    public static LeaseClientSettings defaults(String baseUrl) {
        return new LeaseClientSettings(baseUrl, 256, 16, 8192, Duration.ofSeconds(2));
    }
}
