package io.dhcpsuite.codec;

import java.nio.charset.StandardCharsets;

/**
 * The Status Code option, 13 (RFC 8415 §21.13): a 2-octet code and a UTF-8 message for people.
 * Codes: RFC 8415 §21.13 (0-6), RFC 5007 (7-10), RFC 5460 (11).
 */
public record Dhcp6StatusCode(int code, String message) {

    public static final int SUCCESS = 0;
    public static final int UNSPEC_FAIL = 1;
    public static final int NO_ADDRS_AVAIL = 2;
    public static final int NO_BINDING = 3;
    public static final int NOT_ON_LINK = 4;
    public static final int USE_MULTICAST = 5;
    public static final int NO_PREFIX_AVAIL = 6;
    public static final int UNKNOWN_QUERY_TYPE = 7;
    public static final int MALFORMED_QUERY = 8;
    public static final int NOT_CONFIGURED = 9;
    public static final int NOT_ALLOWED = 10;
    public static final int QUERY_TERMINATED = 11;

    private static final String[] NAMES = {"Success", "UnspecFail", "NoAddrsAvail", "NoBinding", "NotOnLink",
        "UseMulticast", "NoPrefixAvail", "UnknownQueryType", "MalformedQuery", "NotConfigured", "NotAllowed",
        "QueryTerminated"};

    public Dhcp6StatusCode {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status code " + code + " is not in 0..65535");
        }
        message = message == null ? "" : message;
    }

    /** The RFC's name of the code ("NoAddrsAvail"), or "(unknown)". */
    public String name() {
        return code < NAMES.length ? NAMES[code] : "(unknown)";
    }

    public boolean success() {
        return code == SUCCESS;
    }

    public Dhcp6Option toOption() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] d = new byte[2 + text.length];
        Dhcp6Options.putU16(d, 0, code);
        System.arraycopy(text, 0, d, 2, text.length);
        return new Dhcp6Option(OptionCodes6.STATUS_CODE, d);
    }

    /** The status code of a well-formed option 13 (a decoded message only holds those). */
    public static Dhcp6StatusCode from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new Dhcp6StatusCode(Dhcp6Options.u16(d, 0), new String(d, 2, d.length - 2, StandardCharsets.UTF_8));
    }
}
