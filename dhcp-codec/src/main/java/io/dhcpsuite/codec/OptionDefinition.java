package io.dhcpsuite.codec;

import java.util.List;
import java.util.Objects;

/**
 * An option format as Kea's {@code option-def} describes it.
 *
 * @param name Kea's name, e.g. "domain-name-servers"
 * @param code 1..254 in "dhcp4", up to 255 in the other DHCPv4 spaces, 16 bits in DHCPv6 spaces
 * @param space option space, "dhcp4" for the standard options
 * @param type the data type; {@link OptionType#RECORD} uses {@code recordTypes}
 * @param array the value repeats; for records, the last field repeats (Kea's rule)
 * @param recordTypes field types of a record, empty otherwise
 * @param encapsulate option space carried inside this option, "" if none
 */
public record OptionDefinition(String name, int code, String space, OptionType type, boolean array,
                               List<OptionType> recordTypes, String encapsulate) {

    public OptionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(type, "type");
        recordTypes = recordTypes == null ? List.of() : List.copyOf(recordTypes);
        encapsulate = encapsulate == null ? "" : encapsulate;
        // DHCPv4 option codes are one byte, DHCPv6 codes two (RFC 8415 §21.1); a custom space's
        // family is known only to the configuration parser, which checks its own bound.
        int max = isV4Space(space) ? 255 : 65535;
        if (code < 0 || code > max) {
            throw new IllegalArgumentException("option code " + code + " is not in 0.." + max);
        }
        if (type == OptionType.RECORD && recordTypes.isEmpty()) {
            throw new IllegalArgumentException("record option " + name + " has no record-types");
        }
    }

    /** A non-record definition without encapsulation. */
    public static OptionDefinition of(String name, int code, String space, OptionType type, boolean array) {
        return new OptionDefinition(name, code, space, type, array, List.of(), "");
    }

    /**
     * Whether users may set this option in {@code option-data}: false for the options the
     * server itself derives from the protocol exchange (see {@link StandardOptions4#isServerManaged},
     * {@link StandardOptions6#isServerManaged}).
     */
    public boolean configurable() {
        return !(StandardOptions4.SPACE.equals(space) && StandardOptions4.isServerManaged(code))
                && !(StandardOptions6.SPACE.equals(space) && StandardOptions6.isServerManaged(code));
    }

    private static boolean isV4Space(String space) {
        return StandardOptions4.SPACE.equals(space) || StandardOptions4.AGENT_SPACE.equals(space)
                || StandardOptions4.VENDOR_ENCAPSULATED_SPACE.equals(space);
    }
}
