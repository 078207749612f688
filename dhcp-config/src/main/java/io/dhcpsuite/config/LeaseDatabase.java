package io.dhcpsuite.config;

/**
 * Kea's {@code lease-database}. For memfile: {@code persist} (default true), {@code name} (null =
 * the suite's default file), {@code lfcInterval} seconds (default 3600, 0 = off). For postgresql:
 * {@code name}, {@code host} (default localhost), {@code port} (default 5432), {@code user},
 * {@code password}, {@code connectTimeout} seconds (default 5), and what to do when the database
 * goes away ({@link Reconnect}). The same record describes a
 * {@code hosts-database}, where {@code persist} false means Kea's {@code readonly}.
 */
public record LeaseDatabase(
        String type,
        boolean persist,
        String name,
        long lfcInterval,
        String host,
        int port,
        String user,
        String password,
        long connectTimeout,
        Reconnect reconnect) {

    /** Without the reconnect keys: Kea's defaults. */
    public LeaseDatabase(String type, boolean persist, String name, long lfcInterval, String host, int port,
                         String user, String password, long connectTimeout) {
        this(type, persist, name, lfcInterval, host, port, user, password, connectTimeout, Reconnect.DEFAULTS);
    }

    /**
     * Kea's database reconnect keys, with Kea's defaults: {@code max-reconnect-tries} 0 (no retry),
     * {@code reconnect-wait-time} 0 ms, {@code on-fail} {@code stop-retry-exit},
     * {@code retry-on-startup} false.
     *
     * @param onFail {@code stop-retry-exit}, {@code serve-retry-exit} or {@code serve-retry-continue}
     */
    public record Reconnect(long maxTries, long waitMillis, String onFail, boolean retryOnStartup) {
        public static final Reconnect DEFAULTS = new Reconnect(0, 0, "stop-retry-exit", false);
        public static final java.util.List<String> ON_FAIL = java.util.List.of(
                "stop-retry-exit", "serve-retry-exit", "serve-retry-continue");

        /** Whether DHCP service stops while the connection is being recovered. */
        public boolean stopsService() {
            return onFail.startsWith("stop-");
        }

        /** Whether the server exits when every retry failed. */
        public boolean exitsWhenExhausted() {
            return onFail.endsWith("-exit");
        }
    }

    public boolean isMemfile() {
        return "memfile".equals(type);
    }

    public boolean isPostgresql() {
        return "postgresql".equals(type);
    }

    /** A form fit for logs: never the password. */
    @Override
    public String toString() {
        return isMemfile()
                ? "memfile(persist=" + persist + ", name=" + name + ", lfc-interval=" + lfcInterval + ")"
                : type + "(host=" + host + ", port=" + port + ", name=" + name + ", user=" + user + ")";
    }
}
