package io.dhcpsuite.lease.v6.postgres;

import io.dhcpsuite.config.LeaseDatabase.Reconnect;
import io.dhcpsuite.lease.postgres.ConnectionRecovery;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6Change;
import io.dhcpsuite.lease.v6.Lease6Index;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Kea's lost-connection policy ({@code on-fail}, {@code max-reconnect-tries},
 * {@code reconnect-wait-time} of {@code Dhcp6}'s {@code lease-database}) around the lease6 table:
 * the v4 store's {@link ConnectionRecovery}, with Kea's {@code DHCP6_DB_RECONNECT_*} messages. While
 * {@code stop-retry-exit} recovers, every DHCPv6 lease operation is refused, so no ADVERTISE and
 * no REPLY leave.
 */
public final class Database6Recovery implements Lease6Backend {
    private final Lease6Backend delegate;
    private final ConnectionRecovery recovery;

    public Database6Recovery(Lease6Backend delegate, Reconnect policy, BooleanSupplier probe,
                             ScheduledExecutorService timer, IntConsumer exit) {
        this.delegate = delegate;
        this.recovery = new ConnectionRecovery(6, policy, probe, timer, exit);
    }

    /** True while the policy says DHCP service stops (stop-retry-exit during a recovery). */
    public boolean serviceStopped() {
        return recovery.serviceStopped();
    }

    public ConnectionRecovery.State state() {
        return recovery.state();
    }

    public Lease6Backend delegate() {
        return delegate;
    }

    @Override
    public void write(List<Lease6Change> changes) throws Exception {
        recovery.write(() -> delegate.write(changes));
    }

    @Override
    public void load(Lease6Index index) {
        delegate.load(index);
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public void compact(Supplier<Collection<Lease6>> snapshot) throws Exception {
        delegate.compact(snapshot);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
