package io.dhcpsuite.ha.state;

import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.config.ha.HaState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this server knows about its partner, Kea's {@code CommunicationState}. Policies:
 * <ul>
 * <li>Communication is interrupted when no exchange with the partner succeeded for longer than
 * {@code max-response-delay}; any success (heartbeat, lease update, command) ends it and forgets
 * the clients analysed meanwhile.</li>
 * <li>While interrupted, queries of the partner's scope are analysed: a client is unacked when its
 * {@code secs} (byte-swapped if above 255 with a zero low byte, as some clients send it) times
 * 1000 exceeds {@code max-ack-delay}; a failure is detected when more distinct clients than
 * {@code max-unacked-clients} are unacked, or at once when that limit is 0.</li>
 * <li>A clock skew above 30 s is warned about at most once a minute; above 60 s the server must
 * terminate.</li>
 * <li>As many distinct clients with lease updates the partner rejected (result 4) as
 * {@code max-rejected-lease-updates} (0 = never) make the server terminate; a successful update
 * for a client clears its entry.</li>
 * </ul>
 * Thread-safe: the packet path analyses while the HA thread heartbeats.
 */
public final class CommunicationState {
    static final long WARN_CLOCK_SKEW_SECONDS = 30;
    static final long TERM_CLOCK_SKEW_SECONDS = 60;
    static final long MIN_SECONDS_BETWEEN_SKEW_WARNINGS = 60;

    private final HaRelationship config;
    private final Clock clock;
    private Instant lastSuccess;
    private HaState partnerState;
    private Instant partnerStateSince;
    private List<String> partnerScopes = List.of();
    private Instant partnerTime;
    private Long clockSkewSeconds;
    private Instant lastSkewWarning;
    private long partnerUnsentCurrent;
    private long partnerUnsentInSync;
    private final Map<ClientKey, Boolean> connecting = new HashMap<>();
    private int unacked;
    private long analyzed;
    private final Set<String> rejectedClients = new HashSet<>();

    /** A DHCPv4 client as Kea keys it for the analysis: hardware address and client identifier. */
    record ClientKey(String hwAddress, String clientId) {
    }

    public CommunicationState(HaRelationship config, Clock clock) {
        this.config = config;
        this.clock = clock;
        // as in Kea, a fresh server counts as just in touch, so it waits max-response-delay before judging
        this.lastSuccess = clock.instant();
    }

    /** A heartbeat answer: the partner's state, scopes, clock and unsent update count. */
    public synchronized void heartbeatReceived(HaState state, List<String> scopes, Instant time, long unsentUpdates) {
        setPartnerState(state);
        partnerScopes = List.copyOf(scopes);
        partnerTime = time;
        Instant now = clock.instant();
        clockSkewSeconds = time == null ? null : Duration.between(now, time).toSeconds();
        partnerUnsentCurrent = unsentUpdates;
        poke(now);
    }

    /** Any other exchange with the partner succeeded. */
    public synchronized void communicationSucceeded() {
        poke(clock.instant());
    }

    /** An exchange failed for lack of communication: the partner is {@code unavailable}. */
    public synchronized void communicationFailed() {
        setPartnerState(HaState.UNAVAILABLE);
    }

    private void poke(Instant now) {
        lastSuccess = now;
        connecting.clear();
        unacked = 0;
        analyzed = 0;
    }

    private void setPartnerState(HaState state) {
        if (state != partnerState) {
            partnerStateSince = clock.instant();
        }
        partnerState = state;
    }

    /** The partner's last known state; null before the first heartbeat or failure. */
    public synchronized HaState partnerState() {
        return partnerState;
    }

    /** How long the partner has been in its current state as seen from here. */
    public synchronized Duration partnerStateDuration() {
        return partnerStateSince == null ? Duration.ZERO : Duration.between(partnerStateSince, clock.instant());
    }

    public synchronized List<String> partnerScopes() {
        return partnerScopes;
    }

    /** Whether a heartbeat answer has been seen, so the partner's last state and scopes mean something. */
    public synchronized boolean inTouch() {
        return partnerState != null;
    }

    public synchronized Instant partnerTime() {
        return partnerTime;
    }

    public synchronized Duration sinceLastSuccess() {
        return Duration.between(lastSuccess, clock.instant());
    }

    public synchronized boolean interrupted() {
        return sinceLastSuccess().toMillis() > config.maxResponseDelay();
    }

    /**
     * Analyses a partner-scope DHCPv4 query seen while communication is interrupted.
     *
     * @param hwAddress the client's hardware address as hex, clientId its option 61 as hex or null
     */
    public synchronized void analyze4(String hwAddress, String clientId, int secs) {
        if (!interrupted()) {
            return;
        }
        int s = secs & 0xFFFF;
        if (s > 255 && (s & 0xFF) == 0) {
            s = (s >> 8) & 0xFF;
        }
        analyze(new ClientKey(hwAddress, clientId == null ? "" : clientId), s * 1000L > config.maxAckDelay());
    }

    /**
     * A DHCPv6 query of the partner's scope, as Kea's {@code analyzeMessage(Pkt6)} sees it: the
     * client is its DUID, unacked when its elapsed time (hundredths of a second) passed
     * {@code max-ack-delay}.
     */
    public synchronized void analyze6(String duid, int elapsedHundredths) {
        if (!interrupted()) {
            return;
        }
        analyze(new ClientKey("", duid == null ? "" : duid), (elapsedHundredths & 0xFFFF) * 10L > config.maxAckDelay());
    }

    private void analyze(ClientKey key, boolean isUnacked) {
        analyzed++;
        Boolean before = connecting.get(key);
        if (before == null) {
            connecting.put(key, isUnacked);
            if (isUnacked) {
                unacked++;
            }
        } else if (!before && isUnacked) {
            connecting.put(key, true);
            unacked++;
        }
    }

    /** Kea's failureDetected(): analysis disabled (limit 0) or more unacked clients than the limit. */
    public synchronized boolean failureDetected() {
        return config.maxUnackedClients() == 0 || unacked > config.maxUnackedClients();
    }

    public synchronized int connectingClients() {
        return connecting.size();
    }

    public synchronized int unackedClients() {
        return unacked;
    }

    /** While interrupted, how many more unacked clients make a failure (max − unacked + 1); else 0. */
    public synchronized long unackedClientsLeft() {
        return interrupted() && config.maxUnackedClients() >= unacked ? config.maxUnackedClients() - unacked + 1 : 0;
    }

    public synchronized long analyzedPackets() {
        return analyzed;
    }

    /** Partner clock minus ours in seconds at the last heartbeat; null before one. */
    public synchronized Long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    /** True at most once a minute while the skew exceeds 30 s. */
    public synchronized boolean clockSkewShouldWarn() {
        if (clockSkewSeconds == null || Math.abs(clockSkewSeconds) <= WARN_CLOCK_SKEW_SECONDS) {
            return false;
        }
        Instant now = clock.instant();
        if (lastSkewWarning != null && Duration.between(lastSkewWarning, now).toSeconds() <= MIN_SECONDS_BETWEEN_SKEW_WARNINGS) {
            return false;
        }
        lastSkewWarning = now;
        return true;
    }

    public synchronized boolean clockSkewShouldTerminate() {
        return clockSkewSeconds != null && Math.abs(clockSkewSeconds) > TERM_CLOCK_SKEW_SECONDS;
    }

    /**
     * Whether the partner reported unsent updates that it did not have when we last served in a
     * normal state together. Kea compares with the previous heartbeat only, so a heartbeat or two
     * seen while the partner waits and syncs after a partition hides the leases it gave out alone,
     * and this server would return to normal without them; a baseline taken in the normal state
     * cannot be overtaken that way.
     */
    public synchronized boolean partnerHasNewUnsentUpdates() {
        return partnerUnsentCurrent > 0 && partnerUnsentCurrent != partnerUnsentInSync;
    }

    /** Both servers serve normally: the partner's unsent count so far is known to us. */
    public synchronized void partnerInSync() {
        partnerUnsentInSync = partnerUnsentCurrent;
    }

    public synchronized void leaseUpdateRejected(String clientKey) {
        rejectedClients.add(clientKey);
    }

    public synchronized void leaseUpdateSucceeded(String clientKey) {
        rejectedClients.remove(clientKey);
    }

    public synchronized int rejectedLeaseUpdates() {
        return rejectedClients.size();
    }

    public synchronized boolean rejectedLeaseUpdatesShouldTerminate() {
        return config.maxRejectedLeaseUpdates() > 0 && rejectedClients.size() >= config.maxRejectedLeaseUpdates();
    }

    public synchronized void clearRejectedLeaseUpdates() {
        rejectedClients.clear();
    }
}
