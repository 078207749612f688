package io.dhcpsuite.lease.postgres;

import io.dhcpsuite.config.LeaseDatabase.Reconnect;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's lost-connection policy for a lease database ({@code on-fail}, {@code max-reconnect-tries},
 * {@code reconnect-wait-time}): the state machine that {@link DatabaseRecovery} (lease4) and
 * {@code Database6Recovery} (lease6) put around their PostgreSQL backend, each with its own
 * {@code lease-database} keys and Kea's messages of its protocol ({@code DHCP4_DB_RECONNECT_*},
 * {@code DHCP6_DB_RECONNECT_*}). A write that fails because the
 * connection is gone (not because of a row) starts a recovery: every {@code reconnect-wait-time}
 * one probe, at most {@code max-reconnect-tries} of them.
 * <ul>
 *   <li>{@code stop-retry-exit}: DHCP service stops at once (every lease operation is refused, so
 *       no OFFER and no ACK leave) until a probe succeeds; when every try failed, the service exits.</li>
 *   <li>{@code serve-retry-exit}: DHCP goes on (operations that need a write fail, as they must);
 *       when every try failed, the service exits.</li>
 *   <li>{@code serve-retry-continue}: as serve-retry-exit, but when every try failed the service
 *       stays up and the next write that succeeds ends the outage.</li>
 * </ul>
 * With {@code max-reconnect-tries} 0 (Kea's default) there is no retry: the exit policies exit on
 * the first lost connection, as Kea does. A reply never depends on this class: it leaves only after
 * its write succeeded, whatever the policy.
 */
public final class ConnectionRecovery {
    private final Logger log;
    private final String prefix;
    private final Reconnect policy;
    private final BooleanSupplier probe;
    private final ScheduledExecutorService timer;
    private final IntConsumer exit;
    private volatile State state = State.UP;
    private int tries;

    /** UP; RECOVERING while probes run; GAVE_UP after serve-retry-continue spent its tries. */
    public enum State { UP, RECOVERING, GAVE_UP }

    /** A write to the guarded store. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
    }

    /**
     * @param family 4 or 6: Kea's logger ({@code kea-dhcp4.dhcpsrv}) and message prefix ({@code DHCP4_})
     * @param probe  true when the database answers again (a {@code SELECT 1} through the pool)
     * @param exit   ends the process with the given status (Kea exits when recovery failed)
     */
    public ConnectionRecovery(int family, Reconnect policy, BooleanSupplier probe, ScheduledExecutorService timer,
                              IntConsumer exit) {
        this.log = LoggerFactory.getLogger("kea-dhcp" + family + ".dhcpsrv");
        this.prefix = "DHCP" + family + "_DB_RECONNECT_";
        this.policy = policy;
        this.probe = probe;
        this.timer = timer;
        this.exit = exit;
    }

    public State state() {
        return state;
    }

    /** True while the policy says DHCP service stops (stop-retry-exit during a recovery). */
    public boolean serviceStopped() {
        return state == State.RECOVERING && policy.stopsService();
    }

    /** Runs a write under the policy: refused while service is stopped; a lost connection starts a recovery. */
    public void write(Write write) throws Exception {
        if (serviceStopped()) {
            throw new DatabaseRecovery.DatabaseUnavailable(
                    "lease database connection lost; DHCP service stopped until it is back");
        }
        try {
            write.run();
        } catch (Exception e) {
            if (DatabaseRecovery.isConnectionLoss(e)) {
                lost(e);
            }
            throw e;
        }
        if (state == State.GAVE_UP) {
            recovered();
        }
    }

    synchronized void lost(Exception cause) {
        if (state == State.RECOVERING) {
            return;
        }
        if (state == State.GAVE_UP) {
            return; // serve-retry-continue after its tries: serve on, the next good write ends it
        }
        log.error("{}LOST_CONNECTION database connection lost: {}", prefix, cause.toString());
        state = State.RECOVERING;
        tries = 0;
        if (policy.maxTries() == 0) {
            log.error("{}DISABLED database reconnect is disabled: max-reconnect-tries 0", prefix);
            exhausted();
            return;
        }
        log.info("{}ATTEMPT_SCHEDULE scheduling attempt 1 of {} in {} ms ({}{})", prefix, policy.maxTries(),
                policy.waitMillis(), policy.onFail(), policy.stopsService() ? ": DHCP service stopped" : "");
        timer.schedule(this::attempt, policy.waitMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt() {
        boolean ok;
        try {
            ok = probe.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        synchronized (this) {
            if (state != State.RECOVERING) {
                return;
            }
            tries++;
            if (ok) {
                recovered();
                return;
            }
            if (tries >= policy.maxTries()) {
                exhausted();
                return;
            }
            log.info("{}ATTEMPT_SCHEDULE scheduling attempt {} of {} in {} ms", prefix, tries + 1,
                    policy.maxTries(), policy.waitMillis());
        }
        timer.schedule(this::attempt, policy.waitMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void recovered() {
        log.info("{}SUCCEEDED database connection recovered{}", prefix,
                policy.stopsService() && state == State.RECOVERING ? ": DHCP service resumed" : "");
        state = State.UP;
    }

    private void exhausted() {
        if (policy.exitsWhenExhausted()) {
            log.error("{}FAILED maximum number of database reconnect attempts: {}, has been exhausted"
                    + " without success; shutting down ({})", prefix, policy.maxTries(), policy.onFail());
            exit.accept(1);
        } else {
            log.error("{}FAILED maximum number of database reconnect attempts: {}, has been exhausted"
                    + " without success; serving on without the database ({})", prefix, policy.maxTries(),
                    policy.onFail());
            state = State.GAVE_UP;
        }
    }
}
