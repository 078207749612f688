package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseResult4;

/** The continuation of a packet waiting for its lease: exactly one of the arguments is non-null. */
@FunctionalInterface
public interface LeaseCallback {
    void done(LeaseResult4 result, Throwable failure);
}
