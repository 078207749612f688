package io.dhcpsuite.config;

import java.util.List;

/**
 * An {@code option-data} entry, already encoded to its wire bytes with the standard or custom
 * definition, so the packet path only copies bytes.
 *
 * @param name          the option's name ("" when given only by code without a definition)
 * @param code          option code
 * @param space         option space, {@code dhcp4} by default
 * @param data          the configured text
 * @param csvFormat     {@code csv-format} (default true)
 * @param alwaysSend    {@code always-send}: send even if the client did not ask (option 55)
 * @param neverSend     {@code never-send}: never send, even if asked
 * @param clientClasses option class-tagging ({@code client-classes}, Kea 2.7.4); empty = all
 * @param encoded       the option's payload bytes (without code and length)
 */
public record OptionData(
        String name,
        int code,
        String space,
        String data,
        boolean csvFormat,
        boolean alwaysSend,
        boolean neverSend,
        List<String> clientClasses,
        byte[] encoded) {
}
