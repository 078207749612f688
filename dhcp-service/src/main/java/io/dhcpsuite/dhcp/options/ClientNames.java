package io.dhcpsuite.dhcp.options;

import io.dhcpsuite.codec.ClientFqdn;
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
        boolean serverS;
        boolean serverN;
        if (client.n()) {
            serverS = enabled && p.overrideNoUpdate();
            serverN = !serverS;
        } else if (client.s()) {
            serverS = enabled;
            serverN = !serverS;
        } else if (!enabled) {
            serverS = false;
            serverN = true;
        } else {
            serverS = p.overrideClientUpdate();
            serverN = false;
        }
        boolean serverO = client.s() != serverS;
        String name;
        boolean generate = false;
        ReplaceClientName mode = p.replaceClientName();
        if (reservedName != null) {
            name = p.qualify(reservedName, true);
        } else if (mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_PRESENT
                || client.domainName().isEmpty()) {
            name = "";
            generate = true;
        } else {
            String clean = sanitizeLabels(p, client.domainName());
            if (clean == null) {
                // CVE-2025-11232: nothing usable is left; no name, no update
                return new Outcome(new ClientFqdn(false, client.s(), client.e(), true, 255, 255, "", false),
                        null, null, false, false, false);
            }
            name = client.fullyQualified() ? clean + "." : p.qualify(clean, true);
        }
        if (overLong(name)) {
            // CVE-2026-2291: the qualifying suffix made the name longer than DNS allows (as Kea's
            // dns::Name refuses it); no name, no update, rather than a name no DNS server takes
            return new Outcome(new ClientFqdn(false, client.s(), client.e(), true, 255, 255, "", false),
                    null, null, false, false, false);
        }
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        ClientFqdn reply = new ClientFqdn(serverS, serverO, client.e(), serverN, 255, 255, bare, !bare.isEmpty());
        String lease = generate ? "" : lower(name);
        return new Outcome(reply, null, lease, serverS, !serverN, generate);
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
