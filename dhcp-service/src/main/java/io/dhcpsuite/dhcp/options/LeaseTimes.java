package io.dhcpsuite.dhcp.options;

import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.Lifetimes;

/** Kea's v4 lifetime rules (ARM "Lease lifetimes", Dhcpv4Srv::setTeeTimes). */
public final class LeaseTimes {
    /** 0xFFFFFFFF: an infinite lease (RFC 2131 §3.3) gets no T1/T2. */
    public static final long INFINITE = 0xFFFF_FFFFL;

    private LeaseTimes() {
    }

    /**
     * The valid lifetime (Kea's AllocEngine::getValidLft): the first of the client's classes (in the
     * order it got them) that sets {@code valid-lifetime} supplies the lifetime triplet (its
     * min/max default to its value); otherwise the subnet's effective triplet does. The client's
     * option 51 is honoured clamped to [min, max]; without it the default applies.
     *
     * @param subnet    the subnet's effective lifetimes
     * @param classes   the definitions of the client's classes, in membership order
     * @param requested option 51 from the client, or null
     */
    public static long valid(Lifetimes subnet, Iterable<ClientClassDef> classes, Long requested) {
        long valid = subnet.valid();
        long min = subnet.minValid();
        long max = subnet.maxValid();
        for (ClientClassDef c : classes) {
            if (c.validLifetime() != null) {
                valid = c.validLifetime();
                min = c.minValidLifetime() != null ? c.minValidLifetime() : valid;
                max = c.maxValidLifetime() != null ? c.maxValidLifetime() : valid;
                break;
            }
        }
        if (requested == null) {
            return valid;
        }
        return Math.max(min, Math.min(max, requested));
    }

    /** T1 and T2 to send; null for one that must not be sent. */
    public record Tee(Long t1, Long t2) {
    }

    /**
     * Explicit renew-timer/rebind-timer win; else, with calculate-tee-times, the percentages of the
     * valid lifetime (rounded). T2 is sent only if below the valid lifetime, T1 only if below T2
     * when T2 is sent, else below the valid lifetime.
     */
    public static Tee tee(Lifetimes lt, long valid) {
        if (valid == INFINITE) {
            return new Tee(null, null);
        }
        long t2 = 0;
        if (lt.rebindTimer() != null) {
            t2 = lt.rebindTimer();
        } else if (lt.calculateTeeTimes()) {
            t2 = Math.round(lt.t2Percent() * valid);
        }
        long ceiling = valid;
        Long sentT2 = null;
        if (t2 > 0 && t2 < ceiling) {
            sentT2 = t2;
            ceiling = t2;
        }
        long t1 = 0;
        if (lt.renewTimer() != null) {
            t1 = lt.renewTimer();
        } else if (lt.calculateTeeTimes()) {
            t1 = Math.round(lt.t1Percent() * valid);
        }
        Long sentT1 = t1 > 0 && t1 < ceiling ? t1 : null;
        return new Tee(sentT1, sentT2);
    }
}
