package io.dhcpsuite.ddns.dns;

import io.dhcpsuite.api.stats.Statistics;
import java.util.Collection;
import java.util.List;

/** D2's statistic names (ARM ddns.rst, "Statistics"); all exist from start-up at 0, as in Kea. */
public final class D2Stats {
    public static final String NCR_RECEIVED = "ncr-received";
    public static final String NCR_INVALID = "ncr-invalid";
    public static final String NCR_ERROR = "ncr-error";
    public static final String QUEUE_FULL = "queue-mgr-queue-full";
    public static final String UPDATE_SENT = "update-sent";
    public static final String UPDATE_SIGNED = "update-signed";
    public static final String UPDATE_UNSIGNED = "update-unsigned";
    public static final String UPDATE_SUCCESS = "update-success";
    public static final String UPDATE_TIMEOUT = "update-timeout";
    public static final String UPDATE_ERROR = "update-error";
    static final List<String> GLOBAL = List.of(NCR_RECEIVED, NCR_INVALID, NCR_ERROR, QUEUE_FULL, UPDATE_SENT,
            UPDATE_SIGNED, UPDATE_UNSIGNED, UPDATE_SUCCESS, UPDATE_TIMEOUT, UPDATE_ERROR);
    static final List<String> PER_KEY = List.of("update-sent", "update-success", "update-timeout", "update-error");

    private D2Stats() {
    }

    /** {@code key[<name>].<stat>} */
    public static String key(String keyName, String stat) {
        return "key[" + keyName + "]." + stat;
    }

    /** Creates every global and per-key statistic at 0. */
    public static void init(Statistics stats, Collection<String> keyNames) {
        GLOBAL.forEach(stats::stat);
        for (String k : keyNames) {
            PER_KEY.forEach(s -> stats.stat(key(k, s)));
        }
    }
}
