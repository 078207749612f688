package io.dhcpsuite.api.lease;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A DHCPv6 lease in Kea's JSON form (Lease6::toElement): an address (IA_NA, prefix length 128) or
 * a delegated prefix (IA_PD). DUID and hardware address are lower-case colon-separated hex;
 * {@code cltt + validLft = expire}. {@code hwAddress}, {@code hostname}, {@code userContext} and
 * {@code poolId} are null, and omitted from the JSON, when absent.
 *
 * @param ipAddress    the address, or the prefix without its length
 * @param type         {@link #IA_NA} or {@link #IA_PD}, as Kea writes it
 * @param prefixLen    128 for an address, the delegated length for a prefix
 * @param duid         the client's DUID
 * @param iaid         the IA's identifier
 * @param subnetId     the subnet the lease belongs to
 * @param preferredLft preferred lifetime, seconds
 * @param validLft     valid lifetime, seconds
 * @param cltt         client last transmission time, seconds since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lease6(
        @JsonProperty("ip-address") String ipAddress,
        @JsonProperty("type") String type,
        @JsonProperty("prefix-len") int prefixLen,
        @JsonProperty("duid") String duid,
        @JsonProperty("iaid") long iaid,
        @JsonProperty("subnet-id") long subnetId,
        @JsonProperty("pool-id") Long poolId,
        @JsonProperty("preferred-lft") long preferredLft,
        @JsonProperty("valid-lft") long validLft,
        @JsonProperty("cltt") long cltt,
        @JsonProperty("hw-address") String hwAddress,
        @JsonProperty("fqdn-fwd") boolean fqdnFwd,
        @JsonProperty("fqdn-rev") boolean fqdnRev,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("state") int state,
        @JsonProperty("user-context") JsonNode userContext) {

    public static final String IA_NA = "IA_NA";
    public static final String IA_PD = "IA_PD";

    public long expire() {
        return cltt + validLft;
    }

    public boolean isPrefix() {
        return IA_PD.equals(type);
    }
}
