package io.dhcpsuite.lease.store;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.OptionDataCodec;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One IPv4 lease, immutable. Identifiers are lower-case colon hex; {@code hwAddress} is "" for a
 * declined lease (Kea clears it). {@code userContext} is the JSON text or null.
 * Kea's invariant: {@code expire = cltt + validLft}.
 */
public record Lease(int address, String hwAddress, String clientId, long validLft, long cltt, long subnetId,
                    long poolId, boolean fqdnFwd, boolean fqdnRev, String hostname, int state, String userContext) {

    /** Kea's infinite lifetime. */
    public static final long INFINITE = 0xFFFF_FFFFL;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    public long expire() {
        return cltt + validLft;
    }

    public boolean infinite() {
        return validLft == INFINITE;
    }

    public boolean expiredAt(long nowSeconds) {
        return !infinite() && expire() < nowSeconds;
    }

    /** Kea counts default and declined leases in {@code assigned-addresses}. */
    public boolean countsAsAssigned() {
        return state == LeaseState.DEFAULT || state == LeaseState.DECLINED;
    }

    /** Leases the reclamation routine still has to process when they expire. */
    public boolean awaitsReclamation() {
        return state == LeaseState.DEFAULT || state == LeaseState.DECLINED || state == LeaseState.RELEASED;
    }

    public Lease withState(int newState, long newCltt, long newValid) {
        return new Lease(address, hwAddress, clientId, newValid, newCltt, subnetId, poolId, fqdnFwd, fqdnRev, hostname,
                newState, userContext);
    }

    public Lease4 toLease4() {
        JsonNode ctx = userContext == null ? null : JSON.readTree(userContext);
        return new Lease4(Ipv4.format(address), hwAddress, clientId, subnetId, poolId == 0 ? null : poolId, cltt, validLft, fqdnFwd, fqdnRev,
                hostname == null ? "" : hostname, state, ctx);
    }

    public String addressText() {
        return Ipv4.format(address);
    }

    /**
     * An identifier in the form leases keep: lower-case colon hex. Accepts Kea's input forms through
     * the codec's parser ("AA:bb", "a:b", "aabb", "0xaabb", "aa bb"); null or blank gives null.
     *
     * @throws IllegalArgumentException "'x' is not a valid hex string"
     */
    public static String hexId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return COLON_HEX.formatHex(OptionDataCodec.parseHex(text));
    }
}
