package io.dhcpsuite.codec;

/** DHCPv4 option codes a server handles by code (RFC 2132 unless noted). */
public final class OptionCodes {

    private OptionCodes() {
    }

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int TIME_OFFSET = 2;
    public static final int ROUTERS = 3;
    public static final int TIME_SERVERS = 4;
    public static final int NAME_SERVERS = 5;
    public static final int DOMAIN_NAME_SERVERS = 6;
    public static final int LOG_SERVERS = 7;
    public static final int HOST_NAME = 12;
    public static final int BOOT_SIZE = 13;
    public static final int DOMAIN_NAME = 15;
    public static final int ROOT_PATH = 17;
    public static final int INTERFACE_MTU = 26;
    public static final int BROADCAST_ADDRESS = 28;
    public static final int STATIC_ROUTES = 33;
    public static final int NIS_DOMAIN = 40;
    public static final int NIS_SERVERS = 41;
    public static final int NTP_SERVERS = 42;
    public static final int VENDOR_ENCAPSULATED_OPTIONS = 43;
    public static final int NETBIOS_NAME_SERVERS = 44;
    public static final int NETBIOS_NODE_TYPE = 46;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS_ID = 60;
    public static final int CLIENT_ID = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOT_FILE_NAME = 67;
    /** RFC 3004. */
    public static final int USER_CLASS = 77;
    /** RFC 4702. */
    public static final int CLIENT_FQDN = 81;
    /** RFC 3046. */
    public static final int RELAY_AGENT_INFO = 82;
    /** RFC 4578. */
    public static final int CLIENT_SYSTEM = 93;
    /** RFC 4578. */
    public static final int CLIENT_NDI = 94;
    /** RFC 4578. */
    public static final int UUID_GUID = 97;
    /** RFC 8925. */
    public static final int V6_ONLY_PREFERRED = 108;
    /** RFC 3011. */
    public static final int SUBNET_SELECTION = 118;
    /** RFC 3397. */
    public static final int DOMAIN_SEARCH = 119;
    /** RFC 3442. */
    public static final int CLASSLESS_STATIC_ROUTE = 121;
    /** RFC 3925. */
    public static final int VIVCO_SUBOPTIONS = 124;
    /** RFC 3925. */
    public static final int VIVSO_SUBOPTIONS = 125;
    public static final int END = 255;

    /** Sub-options of option 82 (RFC 3046 §2.0, RFC 3527, RFC 5107). */
    public static final int RAI_CIRCUIT_ID = 1;
    public static final int RAI_REMOTE_ID = 2;
    public static final int RAI_LINK_SELECTION = 5;
    public static final int RAI_SUBSCRIBER_ID = 6;
    public static final int RAI_SERVER_ID_OVERRIDE = 11;
    public static final int RAI_RELAY_PORT = 19;
}
