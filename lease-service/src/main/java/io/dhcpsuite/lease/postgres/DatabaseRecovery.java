package io.dhcpsuite.lease.postgres;

import io.dhcpsuite.config.LeaseDatabase.Reconnect;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseIndex;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Kea's lost-connection policy for the lease database ({@code on-fail}, {@code max-reconnect-tries},
 * {@code reconnect-wait-time}), around the PostgreSQL backend. A write that fails because the
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
public final class DatabaseRecovery implements LeaseBackend {
    private final LeaseBackend delegate;
    private final ConnectionRecovery recovery;

    /** UP; RECOVERING while probes run; GAVE_UP after serve-retry-continue spent its tries. */
    public enum State { UP, RECOVERING, GAVE_UP }

    /**
     * @param probe true when the database answers again (a {@code SELECT 1} through the pool)
     * @param exit  ends the process with the given status (Kea exits when recovery failed)
     */
    public DatabaseRecovery(LeaseBackend delegate, Reconnect policy, BooleanSupplier probe,
                            ScheduledExecutorService timer, IntConsumer exit) {
        this.delegate = delegate;
        this.recovery = new ConnectionRecovery(4, policy, probe, timer, exit);
    }

    public State state() {
        return State.valueOf(recovery.state().name());
    }

    /** True while the policy says DHCP service stops (stop-retry-exit during a recovery). */
    public boolean serviceStopped() {
        return recovery.serviceStopped();
    }

    @Override
    public void write(List<LeaseChange> changes) throws Exception {
        recovery.write(() -> delegate.write(changes));
    }

    void lost(Exception cause) {
        recovery.lost(cause);
    }

    /**
     * A lost or refused connection, not a statement the database refused. When the connection
     * dies inside a transaction (PostgreSQL killed), the rollback fails too and Spring throws the
     * rollback's {@link TransactionSystemException}, which keeps the first failure as its
     * application exception, not as its cause: that one is looked at as well.
     */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                    && tse.getApplicationException() != t && isConnectionLoss(tse.getApplicationException())) {
                return true;
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof ConnectException || t instanceof DatabaseUnavailable) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Thrown instead of a write while the service is stopped. */
    public static final class DatabaseUnavailable extends Exception {
        DatabaseUnavailable(String message) {
            super(message);
        }
    }

    /** The backend this one guards (for what needs the real store, such as the sync cursors' table). */
    public LeaseBackend delegate() {
        return delegate;
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public Collection<Lease> load() {
        return delegate.load();
    }

    @Override
    public void load(LeaseIndex index) {
        delegate.load(index);
    }

    @Override
    public void compact(Supplier<Collection<Lease>> snapshot) throws Exception {
        delegate.compact(snapshot);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
