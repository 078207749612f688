package io.dhcpsuite.codec;

/** DHCPv6 option codes a server handles by code (RFC 8415 unless noted); 16 bits wide. */
public final class OptionCodes6 {

    private OptionCodes6() {
    }

    public static final int CLIENTID = 1;
    public static final int SERVERID = 2;
    public static final int IA_NA = 3;
    public static final int IA_TA = 4;
    public static final int IAADDR = 5;
    public static final int ORO = 6;
    public static final int PREFERENCE = 7;
    public static final int ELAPSED_TIME = 8;
    public static final int RELAY_MSG = 9;
    public static final int AUTH = 11;
    public static final int UNICAST = 12;
    public static final int STATUS_CODE = 13;
    public static final int RAPID_COMMIT = 14;
    public static final int USER_CLASS = 15;
    public static final int VENDOR_CLASS = 16;
    public static final int VENDOR_OPTS = 17;
    public static final int INTERFACE_ID = 18;
    public static final int RECONF_MSG = 19;
    public static final int RECONF_ACCEPT = 20;
    /** RFC 3646. */
    public static final int DNS_SERVERS = 23;
    /** RFC 3646. */
    public static final int DOMAIN_SEARCH = 24;
    public static final int IA_PD = 25;
    public static final int IAPREFIX = 26;
    public static final int INFORMATION_REFRESH_TIME = 32;
    /** RFC 4649. */
    public static final int REMOTE_ID = 37;
    /** RFC 4580. */
    public static final int SUBSCRIBER_ID = 38;
    /** RFC 4704. */
    public static final int CLIENT_FQDN = 39;
    /** RFC 4994. */
    public static final int ERO = 43;
    /** RFC 5460. */
    public static final int RELAY_ID = 53;
    /** RFC 5970. */
    public static final int CLIENT_ARCH_TYPE = 61;
    /** RFC 6422. */
    public static final int RSOO = 66;
    /** RFC 6603. */
    public static final int PD_EXCLUDE = 67;
    /** RFC 6939. */
    public static final int CLIENT_LINKLAYER_ADDR = 79;
    public static final int SOL_MAX_RT = 82;
    public static final int INF_MAX_RT = 83;
    /** RFC 7341. */
    public static final int DHCPV4_MSG = 87;
    /** RFC 8357. */
    public static final int RELAY_SOURCE_PORT = 135;
}
