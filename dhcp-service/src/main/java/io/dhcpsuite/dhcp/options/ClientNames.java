package io.dhcpsuite.dhcp.options;

import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.ClientFqdn6;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.DdnsParams.ReplaceClientName;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's name as Kea handles it (Dhcpv4Srv::processClientFqdnOption and
 * processHostnameOption, D2ClientMgr::analyzeFqdn/adjustFqdnFlags/adjustDomainName/qualifyName),
 * with the DDNS parameters of the client's scope.
 *
 * <ul>
 * <li>Option 81 wins over option 12. The reply's 81 carries the client's E flag and the server's
 *     S, N and O (RFC 4702 §3): with updates off (S=0, N=1); with updates on, client N=1 → no
 *     updates unless {@code ddns-override-no-update}; client S=1 → the server does both; client
 *     S=0 → the server does the reverse only unless {@code ddns-override-client-update}. O=1 when
 *     the server's S differs from the client's. The forward update follows S, the reverse !N.
 *     N=1 with S=1 never gets here: the codec refuses the option and the packet is dropped.</li>
 * <li>A client name is sanitised with {@code hostname-char-set}/{@code hostname-char-replacement}
 *     (option 81 label by label) and a partial name qualified with {@code ddns-qualifying-suffix}
 *     (in option 81 it becomes fully qualified, in option 12 it stays without the dot). A name
 *     that sanitising empties gets no name and no DNS update (CVE-2025-11232).</li>
 * <li>{@code ddns-replace-client-name} always/when-present, an empty name in 81, or a one-label
 *     name of nothing in 12 ask for a generated name ({@code ddns-generated-prefix}-address),
 *     which lease-service builds once the address is known ({@link Outcome#generate()}).</li>
 * <li>Option 12 asks the server to do both updates. A reserved hostname replaces the client's
 *     name; with no name option from the client it is sent in 12 only when the client asked for
 *     12 in option 55.</li>
 * <li>The lease stores the name in lower case; an 81 name with its trailing dot, as Kea does.</li>
 * <li>DHCPv6's option 39 ({@link #process6}) takes the same flag decision and the same name
 *     handling as option 81; DHCPv6 has no hostname option.</li>
 * </ul>
 */
public final class ClientNames {
    /**
     * What to answer and store; any field may be null.
     *
     * @param generate the name is generated from the lease's address; {@code leaseHostname} is then
     *                 "" (option 81 form) or "." (option 12 form) and the reply takes the lease's name
     */
    public record Outcome(ClientFqdn fqdnReply, String hostnameReply, String leaseHostname,
                          boolean forward, boolean reverse, boolean generate) {
        public static final Outcome NONE = new Outcome(null, null, null, false, false, false);
    }

    private final Map<String, Pattern> charSets = new ConcurrentHashMap<>();

    /**
     * @param p                the DDNS parameters of the client's scope
     * @param enabled          {@code dhcp-ddns.enable-updates} and the scope's {@code ddns-send-updates}
     * @param fqdn             the client's option 81, or null
     * @param hostname         the client's option 12, or null
     * @param askedForHostname option 55 lists 12
     * @param reserved         the reserved hostname, or null
     */
    public Outcome process(DdnsParams p, boolean enabled, ClientFqdn fqdn, String hostname, boolean askedForHostname,
                           String reserved) {
        String reservedName = reserved == null || reserved.isBlank() ? null : reserved.trim();
        if (fqdn != null) {
            return fromFqdn(p, enabled, fqdn, reservedName);
        }
        return fromHostname(p, enabled, hostname, askedForHostname, reservedName);
    }

    private Outcome fromFqdn(DdnsParams p, boolean enabled, ClientFqdn client, String reservedName) {
        boolean[] sn = serverFlags(p, enabled, client.s(), client.n());
        boolean serverS = sn[0];
        boolean serverN = sn[1];
        boolean serverO = client.s() != serverS;
        String name = fqdnName(p, client.domainName(), client.fullyQualified(), reservedName);
        if (name == null) {
            // CVE-2025-11232 / CVE-2026-2291: nothing usable is left, or the name is too long for DNS
            return new Outcome(new ClientFqdn(false, client.s(), client.e(), true, 255, 255, "", false),
                    null, null, false, false, false);
        }
        boolean generate = name.isEmpty();
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        ClientFqdn reply = new ClientFqdn(serverS, serverO, client.e(), serverN, 255, 255, bare, !bare.isEmpty());
        String lease = generate ? "" : lower(name);
        return new Outcome(reply, null, lease, serverS, !serverN, generate);
    }

    /**
     * The DHCPv6 answer to option 39 (Dhcpv6Srv::processClientFqdn, RFC 4704): the same S/N/O
     * decision and the same name handling as option 81. Without option 39, Kea fabricates one
     * (S=1, empty name, so the name is generated) when updates are on and
     * {@code ddns-replace-client-name} is always or when-not-present; otherwise there is no DNS
     * update and the lease keeps the reserved hostname, if any.
     *
     * @param p        the DDNS parameters of the client's subnet
     * @param enabled  {@code dhcp-ddns.enable-updates} and the scope's {@code ddns-send-updates}
     * @param fqdn     the client's option 39, or null
     * @param reserved the reserved hostname, or null
     */
    public Outcome6 process6(DdnsParams p, boolean enabled, ClientFqdn6 fqdn, String reserved) {
        String reservedName = reserved == null || reserved.isBlank() ? null : reserved.trim();
        ClientFqdn6 client = fqdn;
        if (client == null) {
            ReplaceClientName mode = p.replaceClientName();
            if (!enabled || (mode != ReplaceClientName.ALWAYS && mode != ReplaceClientName.WHEN_NOT_PRESENT)) {
                return new Outcome6(null, reservedName == null ? null : lower(reservedName), false, false, false);
            }
            client = new ClientFqdn6(true, false, false, "", false);
        }
        boolean[] sn = serverFlags(p, enabled, client.s(), client.n());
        boolean serverS = sn[0];
        boolean serverN = sn[1];
        boolean serverO = client.s() != serverS;
        String name = fqdnName(p, client.domainName(), client.fullyQualified(), reservedName);
        if (name == null) {
            return new Outcome6(new ClientFqdn6(false, client.s(), true, "", false), null, false, false, false);
        }
        boolean generate = name.isEmpty();
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        ClientFqdn6 reply = new ClientFqdn6(serverS, serverO, serverN, bare, !bare.isEmpty());
        return new Outcome6(reply, generate ? "" : lower(name), serverS, !serverN, generate);
    }

    /**
     * What to answer in option 39 and store in the DHCPv6 leases.
     *
     * @param fqdnReply     the reply's option 39, or null (none when the client sent none)
     * @param leaseHostname the name the leases store, fully qualified; "" when it is to be generated
     * @param forward       the server does the AAAA update (its S flag)
     * @param reverse       the server does the PTR update (not its N flag)
     * @param generate      the name is made from the client's first address by lease-service; the
     *                      reply then carries that lease's name
     */
    public record Outcome6(ClientFqdn6 fqdnReply, String leaseHostname, boolean forward, boolean reverse,
                           boolean generate) {
    }

    /**
     * The server's S and N flags (D2ClientMgr::analyzeFqdn, RFC 4702 §4 / RFC 4704 §5): with updates
     * off S=0 N=1; client N=1 → no updates unless {@code ddns-override-no-update}; client S=1 → the
     * server does both; client S=0 → reverse only unless {@code ddns-override-client-update}.
     */
    private static boolean[] serverFlags(DdnsParams p, boolean enabled, boolean clientS, boolean clientN) {
        boolean serverS;
        boolean serverN;
        if (clientN) {
            serverS = enabled && p.overrideNoUpdate();
            serverN = !serverS;
        } else if (clientS) {
            serverS = enabled;
            serverN = !serverS;
        } else if (!enabled) {
            serverS = false;
            serverN = true;
        } else {
            serverS = p.overrideClientUpdate();
            serverN = false;
        }
        return new boolean[] {serverS, serverN};
    }

    /**
     * D2ClientMgr::adjustDomainName, or the reserved hostname qualified: the name fully qualified
     * with its trailing dot, "" when it is to be generated ({@code ddns-replace-client-name}
     * always/when-present or an empty client name), null when sanitising left nothing usable
     * (CVE-2025-11232) or the suffix made it longer than DNS allows (CVE-2026-2291; Kea's
     * dns::Name refuses it): no name and no update rather than a name no DNS server takes.
     */
    private String fqdnName(DdnsParams p, String clientName, boolean fullyQualified, String reservedName) {
        String name;
        ReplaceClientName mode = p.replaceClientName();
        if (reservedName != null) {
            name = p.qualify(reservedName, true);
        } else if (mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_PRESENT
                || clientName.isEmpty()) {
            return "";
        } else {
            String clean = sanitizeLabels(p, clientName);
            if (clean == null) {
                return null;
            }
            name = fullyQualified ? clean + "." : p.qualify(clean, true);
        }
        return overLong(name) ? null : name;
    }

    private Outcome fromHostname(DdnsParams p, boolean enabled, String hostname, boolean asked, String reservedName) {
        String h = hostname == null ? null : hostname.trim();
        ReplaceClientName mode = p.replaceClientName();
        if (reservedName != null) {
            String name = lower(p.qualify(reservedName, false));
            if (overLong(name)) {
                return Outcome.NONE;
            }
            boolean send = (h != null && !h.isEmpty()) || asked;
            return new Outcome(null, send ? name : null, name, enabled, enabled, false);
        }
        if (h == null) {
            if (mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_NOT_PRESENT) {
                return new Outcome(null, null, ".", enabled, enabled, true);
            }
            return Outcome.NONE;
        }
        if (h.isEmpty()) {
            // DHCP4_EMPTY_HOSTNAME: RFC 2131 3.14 wants at least one octet
            return Outcome.NONE;
        }
        int labels = labelCount(h);
        if (labels < 0) {
            // DHCP4_CLIENT_HOSTNAME_MALFORMED
            return Outcome.NONE;
        }
        if (mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_PRESENT || labels < 2) {
            return new Outcome(null, null, ".", enabled, enabled, true);
        }
        String clean = lower(sanitize(p, h));
        if (clean.endsWith(".")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        if (clean.isEmpty() || labelCount(clean) < 2) {
            // CVE-2025-11232: sanitising left no usable name
            return Outcome.NONE;
        }
        String name = labels == 2 ? p.qualify(clean, false) : clean;
        if (overLong(name)) {
            return Outcome.NONE;
        }
        return new Outcome(null, name, name, enabled, enabled, false);
    }

    /** Over 255 octets in wire form (RFC 1035 §2.3.4): more than 253 characters without the root dot. */
    private static boolean overLong(String name) {
        return name != null && (name.endsWith(".") ? name.length() - 1 : name.length()) > 253;
    }

    /** isc::dns::Name's label count, root included ("pc" → 2, "." → 1), or -1 when not a valid name. */
    static int labelCount(String name) {
        if (name.equals(".")) {
            return 1;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 253) {
            return -1;
        }
        String[] parts = n.split("\\.", -1);
        for (String l : parts) {
            if (l.isEmpty() || l.length() > 63) {
                return -1;
            }
        }
        return parts.length + 1;
    }

    public String sanitize(DdnsParams p, String name) {
        String set = p.hostnameCharSet();
        if (set == null || set.isEmpty()) {
            return name;
        }
        Pattern pattern = charSets.computeIfAbsent(set, Pattern::compile);
        return pattern.matcher(name).replaceAll(Matcher.quoteReplacement(p.hostnameCharReplacement()));
    }

    /** Option 81: label by label, as the sanitiser may not keep dots; null when a label ends up empty. */
    private String sanitizeLabels(DdnsParams p, String name) {
        String[] labels = name.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            String l = sanitize(p, labels[i]);
            if (l.isEmpty() || l.length() > 63) {
                return null;
            }
            if (i > 0) {
                out.append('.');
            }
            out.append(l);
        }
        return out.length() > 253 ? null : out.toString();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
