package io.dhcpsuite.api.lease;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A DHCPv4 lease in Kea's JSON form (Lease4::toElement). Hardware address and client id are
 * lower-case colon-separated hex; {@code cltt + validLft = expire}. {@code clientId},
 * {@code userContext} and {@code poolId} are null, and omitted from the JSON, when absent (Kea
 * omits {@code pool-id} 0); a boxed {@code poolId} also lets a reader accept JSON without it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lease4(
        @JsonProperty("ip-address") String ipAddress,
        @JsonProperty("hw-address") String hwAddress,
        @JsonProperty("client-id") String clientId,
        @JsonProperty("subnet-id") long subnetId,
        @JsonProperty("pool-id") Long poolId,
        @JsonProperty("cltt") long cltt,
        @JsonProperty("valid-lft") long validLft,
        @JsonProperty("fqdn-fwd") boolean fqdnFwd,
        @JsonProperty("fqdn-rev") boolean fqdnRev,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("state") int state,
        @JsonProperty("user-context") JsonNode userContext) {

    public long expire() {
        return cltt + validLft;
    }
}
