package io.dhcpsuite.lease.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.LeaseDatabase;
import io.dhcpsuite.config.LeaseDatabase.Reconnect;
import io.dhcpsuite.lease.postgres.DatabaseRecovery.State;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Kea's on-fail policies on a backend whose database can be switched off; the probe asks the same
 * switch, as {@code SELECT 1} asks PostgreSQL. The outage against a real PostgreSQL is
 * e2e-tests' PostgresqlOutageIT.
 */
class DatabaseRecoveryTest {
    final AtomicBoolean up = new AtomicBoolean(true);
    final AtomicInteger writes = new AtomicInteger();
    final List<Integer> exits = new CopyOnWriteArrayList<>();
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final LeaseBackend db = new LeaseBackend() {
        @Override
        public Collection<Lease> load() {
            return List.of();
        }

        @Override
        public void write(List<LeaseChange> changes) {
            writes.incrementAndGet();
            if (!up.get()) {
                throw new DataAccessResourceFailureException("Connection refused");
            }
        }

        @Override
        public String type() {
            return "postgresql";
        }
    };

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    DatabaseRecovery recovery(long tries, String onFail) {
        return new DatabaseRecovery(db, new Reconnect(tries, 50, onFail, false), up::get, timer, exits::add);
    }

    @Test
    void stopRetryExitStopsServiceUntilTheDatabaseIsBack() throws Exception {
        DatabaseRecovery r = recovery(100, "stop-retry-exit");
        up.set(false);
        assertThatThrownBy(() -> r.write(List.of())).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(r.serviceStopped()).isTrue();
        int before = writes.get();
        assertThatThrownBy(() -> r.write(List.of())).isInstanceOf(DatabaseRecovery.DatabaseUnavailable.class);
        assertThat(writes.get()).as("no write reaches the database while stopped").isEqualTo(before);

        up.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> r.state() == State.UP);
        assertThat(r.serviceStopped()).isFalse();
        r.write(List.of());
        assertThat(exits).isEmpty();
    }

    @Test
    void exitPoliciesExitWhenEveryTryFailed() throws Exception {
        for (String policy : List.of("stop-retry-exit", "serve-retry-exit")) {
            exits.clear();
            up.set(false);
            DatabaseRecovery r = recovery(3, policy);
            assertThatThrownBy(() -> r.write(List.of())).isInstanceOf(DataAccessResourceFailureException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
            assertThat(exits).as(policy).containsExactly(1);
        }
    }

    @Test
    void serveRetryContinueServesOnAndRecoversOnTheNextGoodWrite() throws Exception {
        DatabaseRecovery r = recovery(2, "serve-retry-continue");
        up.set(false);
        assertThatThrownBy(() -> r.write(List.of())).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(r.serviceStopped()).as("serve-*: DHCP goes on").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> r.state() == State.GAVE_UP);
        assertThat(exits).isEmpty();
        int before = writes.get();
        assertThatThrownBy(() -> r.write(List.of())).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(writes.get()).as("each write still tries the database").isEqualTo(before + 1);

        up.set(true);
        r.write(List.of());
        assertThat(r.state()).isEqualTo(State.UP);
    }

    @Test
    void keasDefaultOfNoRetryExitsOnTheFirstLostConnection() {
        DatabaseRecovery r = new DatabaseRecovery(db, Reconnect.DEFAULTS, up::get, timer, exits::add);
        up.set(false);
        assertThatThrownBy(() -> r.write(List.of())).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(exits).containsExactly(1);
    }

    @Test
    void aRefusedStatementIsNoLostConnection() {
        assertThat(DatabaseRecovery.isConnectionLoss(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseRecovery.isConnectionLoss(new RuntimeException(new java.sql.SQLException("gone", "08006")))).isTrue();
        assertThat(DatabaseRecovery.isConnectionLoss(new RuntimeException(new java.sql.SQLException("admin shutdown", "57P01")))).isTrue();
    }

    /**
     * PostgreSQL killed under load (PostgresqlKillIT): the commit failed with an I/O error, the
     * rollback then failed on the broken connection, and Spring threw the rollback's exception,
     * which holds the I/O error as its application exception, not its cause. Before, that was taken
     * for a refused statement: no recovery, and stop-retry-exit served on.
     */
    @Test
    void aFailedRollbackAfterALostConnectionIsALostConnection() {
        var rollback = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error",
                new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(DatabaseRecovery.isConnectionLoss(rollback)).isTrue();
        var refused = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("Connection is closed"));
        refused.initApplicationException(new DataIntegrityViolationException("duplicate key"));
        assertThat(DatabaseRecovery.isConnectionLoss(refused)).isFalse();
    }

    @Test
    void readsTheReconnectKeysAndRefusesAnUnknownPolicy() {
        LeaseDatabase d = KeaConfigLoader.parse(config("\"max-reconnect-tries\": 15, \"reconnect-wait-time\": 2000,"
                + " \"on-fail\": \"serve-retry-continue\", \"retry-on-startup\": true"), null).dhcp4().leaseDatabase();
        assertThat(d.reconnect()).isEqualTo(new Reconnect(15, 2000, "serve-retry-continue", true));
        assertThat(KeaConfigLoader.parse(config(""), null).dhcp4().leaseDatabase().reconnect())
                .isEqualTo(Reconnect.DEFAULTS);
        assertThatThrownBy(() -> KeaConfigLoader.parse(config("\"on-fail\": \"retry-forever\""), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("on-fail")
                .hasMessageContaining("stop-retry-exit, serve-retry-exit, serve-retry-continue");
    }

    private static String config(String keys) {
        return """
                {"Dhcp4": {"lease-database": {"type": "postgresql", "name": "kea"%s},
                  "subnet4": [{"id": 1, "subnet": "192.0.2.0/24"}]}}""".formatted(keys.isEmpty() ? "" : ", " + keys);
    }
}
