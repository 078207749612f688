package io.dhcpsuite.dhcp.processing;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kea's network state for dhcp-disable/dhcp-enable: the service is disabled while any origin holds
 * it (user = 1, HA local 1000+, HA remote 2000+N, DB connection 3000+). A {@code max-period} on a
 * disable re-enables that origin automatically once it passes. The packet path reads one volatile
 * boolean; the deadline is checked only while disabled.
 */
public final class DhcpState {
    public static final int ORIGIN_USER = 1;
    /** First origin of Kea's HA service on this server (its local commands): 1000 + N. */
    public static final int ORIGIN_HA_LOCAL = 1000;
    /** First origin of the HA partner's commands, and what {@code "origin": "ha-partner"} means: 2000 + N. */
    public static final int ORIGIN_HA_PARTNER = 2000;
    /** First origin of a lost database connection: 3000 + N. */
    public static final int ORIGIN_DB_CONNECTION = 3000;
    private final Clock clock;
    private final Map<Integer, Instant> disabledBy = new TreeMap<>();
    private volatile boolean enabled = true;

    public DhcpState(Clock clock) {
        this.clock = clock;
    }

    public boolean enabled() {
        if (enabled) {
            return true;
        }
        synchronized (this) {
            Instant now = clock.instant();
            disabledBy.values().removeIf(until -> until != null && !now.isBefore(until));
            enabled = disabledBy.isEmpty();
            return enabled;
        }
    }

    /** @param maxPeriodSeconds 0 = until enabled again */
    public synchronized void disable(int origin, long maxPeriodSeconds) {
        disabledBy.put(origin, maxPeriodSeconds > 0 ? clock.instant().plusSeconds(maxPeriodSeconds) : null);
        enabled = false;
    }

    public synchronized void enable(int origin) {
        disabledBy.remove(origin);
        enabled = disabledBy.isEmpty();
    }

    /** Origins holding the service disabled, after expiring the timed ones. */
    public synchronized Map<Integer, Instant> origins() {
        enabled();
        return new TreeMap<>(disabledBy);
    }
}
