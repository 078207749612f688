package io.dhcpsuite.api.ddns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One NameChangeRequest in Kea's JSON form ({@code NameChangeRequest::toJSON}, Kea 2.7):
 *
 * <pre>
 * {"change-type": 0, "forward-change": true, "reverse-change": true,
 *  "fqdn": "host.example.org.", "ip-address": "198.18.0.10",
 *  "dhcid": "000101C7AA...", "lease-expires-on": "20250101120000", "lease-length": 1200,
 *  "use-conflict-resolution": true, "conflict-resolution-mode": "check-with-dhcid"}
 * </pre>
 *
 * <ul>
 * <li>{@code change-type}: {@link #CHG_ADD} (0) or {@link #CHG_REMOVE} (1).</li>
 * <li>{@code forward-change} / {@code reverse-change}: which of A/AAAA+DHCID and PTR to touch; at
 *     least one is true.</li>
 * <li>{@code fqdn}: the client's name, fully qualified (a missing trailing dot is added on receipt).</li>
 * <li>{@code ip-address}: the lease address, IPv4 (A, in-addr.arpa) or IPv6 (AAAA, ip6.arpa).</li>
 * <li>{@code dhcid}: hex of the DHCID RDATA (RFC 4701, see {@link Dhcid}); it also identifies the
 *     client: D2 runs at most one transaction per DHCID at a time.</li>
 * <li>{@code lease-expires-on}: {@code YYYYMMDDHHMMSS} UTC; informational.</li>
 * <li>{@code lease-length}: the DNS TTL (seconds) of every record D2 adds. Despite the name, Kea's
 *     DHCP servers put the computed DDNS TTL here (ddns-ttl-percent etc.), not the lease lifetime.</li>
 * <li>{@code conflict-resolution-mode}: one of {@link ConflictResolutionMode}; wins over the legacy
 *     {@code use-conflict-resolution} (true = check-with-dhcid, false = no-check-with-dhcid). Both
 *     optional; the default is check-with-dhcid.</li>
 * </ul>
 * Unknown fields are ignored on receipt, as Kea does. Parse and validate with {@link NcrCodec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ncr(
        @JsonProperty("change-type") int changeType,
        @JsonProperty("forward-change") boolean forwardChange,
        @JsonProperty("reverse-change") boolean reverseChange,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("ip-address") String ipAddress,
        @JsonProperty("dhcid") String dhcid,
        @JsonProperty("lease-expires-on") String leaseExpiresOn,
        @JsonProperty("lease-length") long leaseLength,
        @JsonProperty("use-conflict-resolution") Boolean useConflictResolution,
        @JsonProperty("conflict-resolution-mode") String conflictResolutionMode) {

    public static final int CHG_ADD = 0;
    public static final int CHG_REMOVE = 1;
    static final DateTimeFormatter EXPIRES_ON = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** An add (lease granted or renewed with a new name). */
    public static Ncr add(boolean forward, boolean reverse, String fqdn, String ipAddress, byte[] dhcid,
                          Instant expiresOn, long ttl, ConflictResolutionMode mode) {
        return of(CHG_ADD, forward, reverse, fqdn, ipAddress, dhcid, expiresOn, ttl, mode);
    }

    /** A remove (release, expiry, lease deleted with update-ddns). */
    public static Ncr remove(boolean forward, boolean reverse, String fqdn, String ipAddress, byte[] dhcid,
                             Instant expiresOn, long ttl, ConflictResolutionMode mode) {
        return of(CHG_REMOVE, forward, reverse, fqdn, ipAddress, dhcid, expiresOn, ttl, mode);
    }

    private static Ncr of(int type, boolean forward, boolean reverse, String fqdn, String ipAddress, byte[] dhcid,
                          Instant expiresOn, long ttl, ConflictResolutionMode mode) {
        ConflictResolutionMode m = mode == null ? ConflictResolutionMode.CHECK_WITH_DHCID : mode;
        return new Ncr(type, forward, reverse, fqdn.endsWith(".") ? fqdn : fqdn + ".", ipAddress,
                Dhcid.toHex(dhcid), EXPIRES_ON.format(expiresOn), ttl,
                m == ConflictResolutionMode.CHECK_WITH_DHCID, m.wireName());
    }

    @JsonIgnore
    public boolean isAdd() {
        return changeType == CHG_ADD;
    }

    /** The effective mode: the string if present, else the legacy boolean, else check-with-dhcid. */
    @JsonIgnore
    public ConflictResolutionMode mode() {
        if (conflictResolutionMode != null) {
            ConflictResolutionMode m = ConflictResolutionMode.fromWireName(conflictResolutionMode);
            if (m != null) {
                return m;
            }
        }
        if (useConflictResolution != null && !useConflictResolution) {
            return ConflictResolutionMode.NO_CHECK_WITH_DHCID;
        }
        return ConflictResolutionMode.CHECK_WITH_DHCID;
    }

    /** One line for logs: Kea's toText() fields on one line. */
    @Override
    public String toString() {
        return (isAdd() ? "add " : "remove ") + fqdn + " " + ipAddress + " fwd=" + forwardChange
                + " rev=" + reverseChange + " dhcid=" + dhcid + " ttl=" + leaseLength + " mode=" + mode().wireName();
    }
}
