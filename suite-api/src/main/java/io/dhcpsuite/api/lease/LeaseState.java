package io.dhcpsuite.api.lease;

/** Kea's lease states (Lease::STATE_*), as stored in the memfile CSV and the lease JSON. */
public final class LeaseState {
    public static final int DEFAULT = 0;
    public static final int DECLINED = 1;
    public static final int EXPIRED_RECLAIMED = 2;
    public static final int RELEASED = 3;
    public static final int REGISTERED = 4;

    private LeaseState() {
    }
}
