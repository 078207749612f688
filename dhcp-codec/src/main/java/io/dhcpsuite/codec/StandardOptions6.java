package io.dhcpsuite.codec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kea's standard DHCPv6 option definitions, space "dhcp6", with Kea's names and formats (Kea's
 * {@code STANDARD_V6_OPTION_DEFINITIONS}), and the definitions of the option spaces those options
 * encapsulate that Kea also ships: "4o6" (ISC's DHCPv4-over-DHCPv6 options, codes 60000..60002),
 * the MAP-E/MAP-T/Lightweight 4over6 containers (RFC 7598) and "v6-ntp-server-suboptions"
 * (RFC 5908). Options are listed by ascending code; unlike DHCPv4 a code is 16 bits wide.
 *
 * <p>The list follows Kea's current sources, like {@link StandardOptions4}; Kea 2.2 does not know
 * ntp-server (56) and its sub-options, v6-sztp-redirect (136), v6-dnr (144) and addr-reg-enable
 * (148) yet. v6-dnr is {@link OptionType#INTERNAL}: Kea encodes it with dedicated code.
 */
public final class StandardOptions6 {

    public static final String SPACE = "dhcp6";
    public static final String ISC_4O6_SPACE = "4o6";
    public static final String MAPE_SPACE = "s46-cont-mape-options";
    public static final String MAPT_SPACE = "s46-cont-mapt-options";
    public static final String LW_SPACE = "s46-cont-lw-options";
    public static final String RULE_SPACE = "s46-rule-options";
    public static final String BIND_SPACE = "s46-v4v6bind-options";
    public static final String NTP_SERVER_SPACE = "v6-ntp-server-suboptions";
    /** Encapsulated by "rsoo" (66); Kea defines no options in it. */
    public static final String RSOO_SPACE = "rsoo-opts";

    private static final List<OptionDefinition> ALL = List.of(
            new OptionDefinition("clientid", 1, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("serverid", 2, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("ia-na", 3, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT32, OptionType.UINT32, OptionType.UINT32), ""),
            new OptionDefinition("ia-ta", 4, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("iaaddr", 5, SPACE, OptionType.RECORD, false, List.of(OptionType.IPV6_ADDRESS, OptionType.UINT32, OptionType.UINT32), ""),
            new OptionDefinition("oro", 6, SPACE, OptionType.UINT16, true, List.of(), ""),
            new OptionDefinition("preference", 7, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("elapsed-time", 8, SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("relay-msg", 9, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("auth", 11, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("unicast", 12, SPACE, OptionType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("status-code", 13, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT16, OptionType.STRING), ""),
            new OptionDefinition("rapid-commit", 14, SPACE, OptionType.EMPTY, false, List.of(), ""),
            new OptionDefinition("user-class", 15, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("vendor-class", 16, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT32, OptionType.BINARY), ""),
            new OptionDefinition("vendor-opts", 17, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("interface-id", 18, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("reconf-msg", 19, SPACE, OptionType.UINT8, false, List.of(), ""),
            new OptionDefinition("reconf-accept", 20, SPACE, OptionType.EMPTY, false, List.of(), ""),
            new OptionDefinition("sip-server-dns", 21, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("sip-server-addr", 22, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("dns-servers", 23, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("domain-search", 24, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("ia-pd", 25, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT32, OptionType.UINT32, OptionType.UINT32), ""),
            new OptionDefinition("iaprefix", 26, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT32, OptionType.UINT32, OptionType.UINT8, OptionType.IPV6_ADDRESS), ""),
            new OptionDefinition("nis-servers", 27, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nisp-servers", 28, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nis-domain-name", 29, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("nisp-domain-name", 30, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("sntp-servers", 31, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("information-refresh-time", 32, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("bcmcs-server-dns", 33, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("bcmcs-server-addr", 34, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("geoconf-civic", 36, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.UINT16, OptionType.BINARY), ""),
            new OptionDefinition("remote-id", 37, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT32, OptionType.BINARY), ""),
            new OptionDefinition("subscriber-id", 38, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("client-fqdn", 39, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.FQDN), ""),
            new OptionDefinition("pana-agent", 40, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("new-posix-timezone", 41, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("new-tzdb-timezone", 42, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("ero", 43, SPACE, OptionType.UINT16, true, List.of(), ""),
            new OptionDefinition("lq-query", 44, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.IPV6_ADDRESS), SPACE),
            new OptionDefinition("client-data", 45, SPACE, OptionType.EMPTY, false, List.of(), SPACE),
            new OptionDefinition("clt-time", 46, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("lq-relay-data", 47, SPACE, OptionType.RECORD, false, List.of(OptionType.IPV6_ADDRESS, OptionType.BINARY), ""),
            new OptionDefinition("lq-client-link", 48, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("v6-lost", 51, SPACE, OptionType.FQDN, false, List.of(), ""),
            new OptionDefinition("capwap-ac-v6", 52, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("relay-id", 53, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("ntp-server", 56, SPACE, OptionType.EMPTY, false, List.of(), NTP_SERVER_SPACE),
            new OptionDefinition("v6-access-domain", 57, SPACE, OptionType.FQDN, false, List.of(), ""),
            new OptionDefinition("sip-ua-cs-list", 58, SPACE, OptionType.FQDN, true, List.of(), ""),
            new OptionDefinition("bootfile-url", 59, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("bootfile-param", 60, SPACE, OptionType.TUPLE, true, List.of(), ""),
            new OptionDefinition("client-arch-type", 61, SPACE, OptionType.UINT16, true, List.of(), ""),
            new OptionDefinition("nii", 62, SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.UINT8, OptionType.UINT8), ""),
            new OptionDefinition("aftr-name", 64, SPACE, OptionType.FQDN, false, List.of(), ""),
            new OptionDefinition("erp-local-domain-name", 65, SPACE, OptionType.FQDN, false, List.of(), ""),
            new OptionDefinition("rsoo", 66, SPACE, OptionType.EMPTY, false, List.of(), RSOO_SPACE),
            new OptionDefinition("pd-exclude", 67, SPACE, OptionType.IPV6_PREFIX, false, List.of(), ""),
            new OptionDefinition("rdnss-selection", 74, SPACE, OptionType.RECORD, true, List.of(OptionType.IPV6_ADDRESS, OptionType.UINT8, OptionType.FQDN), ""),
            new OptionDefinition("client-linklayer-addr", 79, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("link-address", 80, SPACE, OptionType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("solmax-rt", 82, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("inf-max-rt", 83, SPACE, OptionType.UINT32, false, List.of(), ""),
            new OptionDefinition("dhcpv4-message", 87, SPACE, OptionType.BINARY, false, List.of(), ""),
            new OptionDefinition("dhcp4o6-server-addr", 88, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("s46-cont-mape", 94, SPACE, OptionType.EMPTY, false, List.of(), MAPE_SPACE),
            new OptionDefinition("s46-cont-mapt", 95, SPACE, OptionType.EMPTY, false, List.of(), MAPT_SPACE),
            new OptionDefinition("s46-cont-lw", 96, SPACE, OptionType.EMPTY, false, List.of(), LW_SPACE),
            new OptionDefinition("v6-captive-portal", 103, SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("relay-source-port", 135, SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("v6-sztp-redirect", 136, SPACE, OptionType.TUPLE, true, List.of(), ""),
            new OptionDefinition("ipv6-address-andsf", 143, SPACE, OptionType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("v6-dnr", 144, SPACE, OptionType.INTERNAL, false, List.of(), ""),
            new OptionDefinition("addr-reg-enable", 148, SPACE, OptionType.EMPTY, false, List.of(), ""));

    private static final List<OptionDefinition> SUB_SPACES = List.of(
            new OptionDefinition("4o6-interface", 60000, ISC_4O6_SPACE, OptionType.STRING, false, List.of(), ""),
            new OptionDefinition("4o6-source-address", 60001, ISC_4O6_SPACE, OptionType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("4o6-source-port", 60002, ISC_4O6_SPACE, OptionType.UINT16, false, List.of(), ""),
            new OptionDefinition("s46-rule", 89, MAPE_SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.UINT8, OptionType.UINT8, OptionType.IPV4_ADDRESS, OptionType.IPV6_PREFIX), RULE_SPACE),
            new OptionDefinition("s46-br", 90, MAPE_SPACE, OptionType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("s46-rule", 89, MAPT_SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.UINT8, OptionType.UINT8, OptionType.IPV4_ADDRESS, OptionType.IPV6_PREFIX), RULE_SPACE),
            new OptionDefinition("s46-dmr", 91, MAPT_SPACE, OptionType.IPV6_PREFIX, false, List.of(), ""),
            new OptionDefinition("s46-br", 90, LW_SPACE, OptionType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("s46-v4v6bind", 92, LW_SPACE, OptionType.RECORD, false, List.of(OptionType.IPV4_ADDRESS, OptionType.IPV6_PREFIX), BIND_SPACE),
            new OptionDefinition("s46-portparams", 93, RULE_SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.PSID), ""),
            new OptionDefinition("s46-portparams", 93, BIND_SPACE, OptionType.RECORD, false, List.of(OptionType.UINT8, OptionType.PSID), ""),
            new OptionDefinition("ntp-server-address", 1, NTP_SERVER_SPACE, OptionType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("ntp-server-multicast", 2, NTP_SERVER_SPACE, OptionType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("ntp-server-fqdn", 3, NTP_SERVER_SPACE, OptionType.FQDN, false, List.of(), ""));

    /**
     * Options the server fills in from the exchange itself (the client's identifier, the IA
     * options with their addresses, prefixes and status codes, ORO, elapsed time, the relay
     * options, rapid commit, reconfigure message and the client FQDN): a value in option-data would
     * contradict what the server sends, so the configuration parser refuses them, as it does for
     * the DHCPv4 equivalents. "serverid" (2) and "preference" (7) stay configurable, like
     * dhcp-server-identifier in DHCPv4.
     */
    private static final Set<Integer> SERVER_MANAGED = Set.of(
            OptionCodes6.CLIENTID, OptionCodes6.IA_NA, OptionCodes6.IA_TA, OptionCodes6.IAADDR,
            OptionCodes6.ORO, OptionCodes6.ELAPSED_TIME, OptionCodes6.RELAY_MSG, OptionCodes6.STATUS_CODE,
            OptionCodes6.RAPID_COMMIT, OptionCodes6.INTERFACE_ID, OptionCodes6.RECONF_MSG, OptionCodes6.IA_PD,
            OptionCodes6.IAPREFIX, OptionCodes6.CLIENT_FQDN);

    private static final Map<String, OptionDefinition> BY_NAME = new HashMap<>();
    private static final Map<Integer, OptionDefinition> BY_CODE = new HashMap<>();
    /** Space name to its definitions, "dhcp6" first. */
    private static final Map<String, List<OptionDefinition>> BY_SPACE = new LinkedHashMap<>();

    static {
        for (OptionDefinition d : ALL) {
            BY_NAME.put(d.name(), d);
            BY_CODE.put(d.code(), d);
        }
        BY_SPACE.put(SPACE, ALL);
        for (String space : List.of(ISC_4O6_SPACE, MAPE_SPACE, MAPT_SPACE, LW_SPACE, RULE_SPACE, BIND_SPACE,
                NTP_SERVER_SPACE)) {
            BY_SPACE.put(space, SUB_SPACES.stream().filter(d -> d.space().equals(space)).toList());
        }
    }

    private StandardOptions6() {
    }

    /** The standard "dhcp6" definition named {@code name}, or {@code null}. */
    public static OptionDefinition byName(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    /** The standard "dhcp6" definition of {@code code}, or {@code null}. */
    public static OptionDefinition byCode(int code) {
        return BY_CODE.get(code);
    }

    /** All standard "dhcp6" definitions, by ascending code. */
    public static List<OptionDefinition> all() {
        return ALL;
    }

    /** The spaces with standard DHCPv6 definitions: "dhcp6" first, then the encapsulated ones. */
    public static Set<String> spaces() {
        return BY_SPACE.keySet();
    }

    /** Kea's definitions of {@code space} (one of {@link #spaces()}), by ascending code; empty otherwise. */
    public static List<OptionDefinition> definitions(String space) {
        return BY_SPACE.getOrDefault(space, List.of());
    }

    /** The standard definition named {@code name} in {@code space}, or {@code null}. */
    public static OptionDefinition byName(String space, String name) {
        for (OptionDefinition d : definitions(space)) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The standard definition of {@code code} in {@code space}, or {@code null}. */
    public static OptionDefinition byCode(String space, int code) {
        for (OptionDefinition d : definitions(space)) {
            if (d.code() == code) {
                return d;
            }
        }
        return null;
    }

    /** Whether {@code code} in "dhcp6" is set by the server and may not appear in option-data. */
    public static boolean isServerManaged(int code) {
        return SERVER_MANAGED.contains(code);
    }
}
