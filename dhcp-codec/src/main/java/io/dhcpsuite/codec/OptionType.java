package io.dhcpsuite.codec;

/** Kea's option data types, with the names used in {@code option-def} "type"/"record-types". */
public enum OptionType {
    BINARY("binary", -1),
    BOOLEAN("boolean", 1),
    EMPTY("empty", 0),
    FQDN("fqdn", -1),
    IPV4_ADDRESS("ipv4-address", 4),
    IPV6_ADDRESS("ipv6-address", 16),
    IPV6_PREFIX("ipv6-prefix", -1),
    PSID("psid", 3),
    RECORD("record", -1),
    STRING("string", -1),
    TUPLE("tuple", -1),
    UINT8("uint8", 1),
    UINT16("uint16", 2),
    UINT32("uint32", 4),
    INT8("int8", 1),
    INT16("int16", 2),
    INT32("int32", 4),
    /** Options Kea encodes with dedicated code (e.g. classless-static-route); not for option-def. */
    INTERNAL("internal", -1);

    private final String keaName;
    private final int fixedSize;

    OptionType(String keaName, int fixedSize) {
        this.keaName = keaName;
        this.fixedSize = fixedSize;
    }

    /** The name in Kea configuration, e.g. "ipv4-address". */
    public String keaName() {
        return keaName;
    }

    /** Wire size of one value, or -1 if variable. */
    public int fixedSize() {
        return fixedSize;
    }

    /** The type named {@code name} in Kea's configuration syntax, or {@code null}. */
    public static OptionType fromKeaName(String name) {
        for (OptionType t : values()) {
            if (t.keaName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return keaName;
    }
}
