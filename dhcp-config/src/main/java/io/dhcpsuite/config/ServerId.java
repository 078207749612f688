package io.dhcpsuite.config;

/**
 * Kea's {@code server-id}: how the DHCPv6 server makes its DUID (RFC 8415 §11) the first time and
 * whether it keeps it in the data directory for the next start. Fields left 0 or "" are chosen
 * by the server when it generates the DUID (an interface's hardware address, the current time,
 * ISC's enterprise number 2495), as Kea does.
 *
 * @param type         {@code LLT} (default), {@code EN} or {@code LL}
 * @param identifier   {@code identifier}: hex, the link-layer address (LLT, LL) or the
 *                     enterprise's identifier (EN); "" = generate
 * @param htype        hardware type (LLT, LL); 0 = from the interface
 * @param time         LLT time in seconds since 2000-01-01; 0 = now
 * @param enterpriseId EN enterprise number; 0 = ISC's
 * @param persist      keep the DUID across restarts (default true)
 */
public record ServerId(String type, String identifier, int htype, long time, long enterpriseId, boolean persist) {

    public static final ServerId DEFAULTS = new ServerId("LLT", "", 0, 0, 0, true);
}
