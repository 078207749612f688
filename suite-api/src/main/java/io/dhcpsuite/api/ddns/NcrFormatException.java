package io.dhcpsuite.api.ddns;

/**
 * An NCR that Kea's D2 would refuse. The message names the field first
 * ({@code "dhcid: not a hex string"}); the receiver counts it as {@code ncr-invalid} and drops it.
 */
public class NcrFormatException extends RuntimeException {
    private final String field;

    public NcrFormatException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    /** The offending JSON field, or null when the datagram or document itself is malformed. */
    public String field() {
        return field;
    }
}
