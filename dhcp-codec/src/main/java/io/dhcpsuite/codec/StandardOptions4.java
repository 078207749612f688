package io.dhcpsuite.codec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kea's standard DHCPv4 option definitions, space "dhcp4", with Kea's names and formats
 * (Kea's {@code STANDARD_V4_OPTION_DEFINITIONS}, plus its last-resort definition of option 43
 * and the internal classless-static-route, 121), and the relay agent sub-option definitions of
 * space "dhcp-agent-options-space".
 */
public final class StandardOptions4 {

    public static final String SPACE = "dhcp4";
    public static final String AGENT_SPACE = "dhcp-agent-options-space";
    public static final String VENDOR_ENCAPSULATED_SPACE = "vendor-encapsulated-options-space";

    private static final List<OptionDefinition> ALL = List.of(
            new OptionDefinition("subnet-mask", 1, SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("time-offset", 2, SPACE, OptionType.INT32, false, List.of(), ""),
            new OptionDefinition("routers", 3, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("time-servers", 4, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("name-servers", 5, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("domain-name-servers", 6, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("log-servers", 7, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("cookie-servers", 8, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("lpr-servers", 9, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("impress-servers", 10, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("resource-location-servers", 11, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("host-name", 12, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("boot-size", 13, SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("merit-dump", 14, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("domain-name", 15, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("swap-server", 16, SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("root-path", 17, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("extensions-path", 18, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("ip-forwarding", 19, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("non-local-source-routing", 20, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("policy-filter", 21, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("max-dgram-reassembly", 22, SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("default-ip-ttl", 23, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("path-mtu-aging-timeout", 24, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("path-mtu-plateau-table", 25, SPACE, OptionType.UINT16, true, List.of(), ""),
            new OptionDefinition("interface-mtu", 26, SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("all-subnets-local", 27, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("broadcast-address", 28, SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("perform-mask-discovery", 29, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("mask-supplier", 30, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("router-discovery", 31, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("router-solicitation-address", 32, SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("static-routes", 33, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("trailer-encapsulation", 34, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("arp-cache-timeout", 35, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("ieee802-3-encapsulation", 36, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("default-tcp-ttl", 37, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("tcp-keepalive-interval", 38, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("tcp-keepalive-garbage", 39, SPACE, OptionType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("nis-domain", 40, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("nis-servers", 41, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("ntp-servers", 42, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("vendor-encapsulated-options", 43, SPACE, OptionType.EMPTY, false, List.of(), "vendor-encapsulated-options-space"),
            new OptionDefinition("netbios-name-servers", 44, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("netbios-dd-server", 45, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("netbios-node-type", 46, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("netbios-scope", 47, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("font-servers", 48, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("x-display-manager", 49, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("dhcp-requested-address", 50, SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("dhcp-lease-time", 51, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("dhcp-option-overload", 52, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("dhcp-message-type", 53, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("dhcp-server-identifier", 54, SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("dhcp-parameter-request-list", 55, SPACE, OptionType.UINT8, true, List.of(), ""),
            new OptionDefinition("dhcp-message", 56, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("dhcp-max-message-size", 57, SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("dhcp-renewal-time", 58, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("dhcp-rebinding-time", 59, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("vendor-class-identifier", 60, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("dhcp-client-identifier", 61, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("nwip-domain-name", 62, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("nwip-suboptions", 63, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("nisplus-domain-name", 64, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("nisplus-servers", 65, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("tftp-server-name", 66, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("boot-file-name", 67, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("mobile-ip-home-agent", 68, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("smtp-server", 69, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("pop-server", 70, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nntp-server", 71, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("www-server", 72, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("finger-server", 73, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("irc-server", 74, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("streettalk-server", 75, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("streettalk-directory-assistance-server", 76, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("user-class", 77, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("slp-directory-agent", 78, SPACE, OptionType.RECORD, true, List.of(OptionType.BOOLEAN, OptionType.IPV4_ADDRESS), ""),
            new OptionDefinition("slp-service-scope", 79, SPACE, OptionType.RECORD, false, List.of(OptionType.BOOLEAN, OptionType.STRING), ""),
            new OptionDefinition("fqdn", 81, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.UINT8, OptionType.UINT8, OptionType.FQDN), ""),
            new OptionDefinition("dhcp-agent-options", 82, SPACE, OptionType.EMPTY, false, List.of(), "dhcp-agent-options-space"),
            new OptionDefinition("nds-servers", 85, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nds-tree-name", 86, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("nds-context", 87, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("bcms-controller-names", 88, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("bcms-controller-address", 89, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("authenticate", 90, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("client-last-transaction-time", 91, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("associated-ip", 92, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("client-system", 93, SPACE, OptionType.UINT16, true, List.of(), ""),
            new OptionDefinition("client-ndi", 94, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.UINT8, OptionType.UINT8), ""),
            new OptionDefinition("uuid-guid", 97, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.BINARY), ""),
            new OptionDefinition("uap-servers", 98, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("geoconf-civic", 99, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("pcode", 100, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("tcode", 101, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("v6-only-preferred", 108, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("netinfo-server-address", 112, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("netinfo-server-tag", 113, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("v4-captive-portal", 114, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("auto-config", 116, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("name-service-search", 117, SPACE, OptionType.UINT16, true, List.of(), ""),
            new OptionDefinition("subnet-selection", 118, SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("domain-search", 119, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("classless-static-route", 121, SPACE, OptionType.INTERNAL, false, List.of(), ""),
            new OptionDefinition("vivco-suboptions", 124, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT32, OptionType.BINARY), ""),
            new OptionDefinition("vivso-suboptions", 125, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("pana-agent", 136, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("v4-lost", 137, SPACE, OptionType.FQDN, false, List.of(), ""),
            new OptionDefinition("capwap-ac-v4", 138, SPACE, OptionType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("sip-ua-cs-domains", 141, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("v4-sztp-redirect", 143, SPACE, OptionType.TUPLE, true, List.of(), ""),
            new OptionDefinition("rdnss-selection", 146, SPACE, OptionType.RECORD, true, List.of(OptionType.UINT8, OptionType.IPV4_ADDRESS, OptionType.IPV4_ADDRESS, OptionType.FQDN), ""),
            new OptionDefinition("status-code", 151, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.STRING), ""),
            new OptionDefinition("base-time", 152, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("start-time-of-state", 153, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("query-start-time", 154, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("query-end-time", 155, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("dhcp-state", 156, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("data-source", 157, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("v4-portparams", 159, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.PSID), ""),
            new OptionDefinition("v4-dnr", 162, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT16, OptionType.UINT16, OptionType.UINT8, OptionType.FQDN, OptionType.BINARY), ""),
            new OptionDefinition("option-6rd", 212, SPACE, OptionType.RECORD, true, List.of(OptionType.UINT8, OptionType.UINT8, OptionType.IPV6_ADDRESS, OptionType.IPV4_ADDRESS), ""),
            new OptionDefinition("v4-access-domain", 213, SPACE, OptionType.FQDN, false, List.of(), ""));

    private static final List<OptionDefinition> AGENT = List.of(
            new OptionDefinition("circuit-id", 1, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("remote-id", 2, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("docsis-device-class", 4, AGENT_SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("link-selection", 5, AGENT_SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("subscriber-id", 6, AGENT_SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("radius", 7, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("auth", 8, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("vendor-specific-info", 9, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("relay-flags", 10, AGENT_SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("server-id-override", 11, AGENT_SPACE, OptionType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("relay-id", 12, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("access-techno-type", 13, AGENT_SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("access-network-name", 14, AGENT_SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("access-point-name", 15, AGENT_SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("access-point-bssid", 16, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("operator-id", 17, AGENT_SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("operator-realm", 18, AGENT_SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("relay-port", 19, AGENT_SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("virtual-subnet-select", 151, AGENT_SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("virtual-subnet-select-ctrl", 152, AGENT_SPACE, OptionType.EMPTY, false, List.of(), ""));

    /**
     * Options the server fills in from the exchange itself (lease times from the lifetimes and
     * timers, 53/50/52/55/57/61/81/82 from the protocol): a value in option-data would contradict
     * what the server sends, so the configuration parser refuses them. dhcp-server-identifier (54)
     * is deliberately absent: Kea lets option-data override the server identifier.
     */
    private static final Set<Integer> SERVER_MANAGED = Set.of(
            OptionCodes.REQUESTED_ADDRESS, OptionCodes.LEASE_TIME, OptionCodes.OVERLOAD,
            OptionCodes.MESSAGE_TYPE, OptionCodes.PARAMETER_REQUEST_LIST, OptionCodes.MAX_MESSAGE_SIZE,
            OptionCodes.RENEWAL_TIME, OptionCodes.REBINDING_TIME, OptionCodes.CLIENT_ID,
            OptionCodes.CLIENT_FQDN, OptionCodes.RELAY_AGENT_INFO);

    private static final Map<String, OptionDefinition> BY_NAME = new HashMap<>();
    private static final OptionDefinition[] BY_CODE = new OptionDefinition[256];
    private static final Map<String, OptionDefinition> AGENT_BY_NAME = new HashMap<>();
    private static final OptionDefinition[] AGENT_BY_CODE = new OptionDefinition[256];

    static {
        for (OptionDefinition d : ALL) {
            BY_NAME.put(d.name(), d);
            BY_CODE[d.code()] = d;
        }
        for (OptionDefinition d : AGENT) {
            AGENT_BY_NAME.put(d.name(), d);
            AGENT_BY_CODE[d.code()] = d;
        }
    }

    private StandardOptions4() {
    }

    /** The standard definition named {@code name}, or {@code null}. */
    public static OptionDefinition byName(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    /** The standard definition of {@code code}, or {@code null}. */
    public static OptionDefinition byCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** All standard "dhcp4" definitions, by ascending code. */
    public static List<OptionDefinition> all() {
        return ALL;
    }

    /** Sub-option definition of space "dhcp-agent-options-space" by name, or {@code null}. */
    public static OptionDefinition agentByName(String name) {
        return name == null ? null : AGENT_BY_NAME.get(name);
    }

    /** Sub-option definition of space "dhcp-agent-options-space" by code, or {@code null}. */
    public static OptionDefinition agentByCode(int code) {
        return code >= 0 && code < 256 ? AGENT_BY_CODE[code] : null;
    }

    public static List<OptionDefinition> agentOptions() {
        return AGENT;
    }

    /** Whether {@code code} in "dhcp4" is set by the server and may not appear in option-data. */
    public static boolean isServerManaged(int code) {
        return SERVER_MANAGED.contains(code);
    }
}
