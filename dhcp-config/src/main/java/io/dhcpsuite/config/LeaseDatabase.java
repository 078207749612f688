package io.dhcpsuite.config;

/**
 * Kea's {@code lease-database}. For memfile: {@code persist} (default true), {@code name} (null =
 * the suite's default file), {@code lfcInterval} seconds (default 3600, 0 = off). For postgresql:
 * {@code name}, {@code host} (default localhost), {@code port} (default 5432), {@code user},
 * {@code password}, {@code connectTimeout} seconds (default 5). The same record describes a
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
        long connectTimeout) {

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
