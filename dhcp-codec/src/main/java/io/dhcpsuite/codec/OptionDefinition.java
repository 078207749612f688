package io.dhcpsuite.codec;

import java.util.List;
import java.util.Objects;

/**
 * An option format as Kea's {@code option-def} describes it.
 *
 * @param name Kea's name, e.g. "domain-name-servers"
 * @param code 1..254 in "dhcp4"
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
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option code " + code + " is not in 0..255");
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
     * server itself derives from the protocol exchange (see {@link StandardOptions4#isServerManaged}).
     */
    public boolean configurable() {
        return !(StandardOptions4.SPACE.equals(space) && StandardOptions4.isServerManaged(code));
    }
}
