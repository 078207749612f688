package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv4;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DHCP server's side of DDNS: the {@code dhcp-ddns} connection to D2 and the {@code ddns-*}
 * behaviour parameters, inherited global → shared network → subnet → pool (Kea 2.7.6), with
 * Kea 1.6's names inside {@code dhcp-ddns} as the last level of every chain.
 */
final class DdnsParser {

    private static final Pattern DNS_NAME =
            Pattern.compile("([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final List<String> CONFLICT_MODES = List.of("check-with-dhcid", "check-exists-with-dhcid",
            "no-check-with-dhcid", "no-check-without-dhcid");
    private static final Map<String, String> LEGACY_DDNS_KEYS = Map.of(
            "override-no-update", "ddns-override-no-update",
            "override-client-update", "ddns-override-client-update",
            "replace-client-name", "ddns-replace-client-name",
            "generated-prefix", "ddns-generated-prefix",
            "qualifying-suffix", "ddns-qualifying-suffix",
            "hostname-char-set", "hostname-char-set",
            "hostname-char-replacement", "hostname-char-replacement");

    /** The deprecated names inside {@code dhcp-ddns} (Kea 1.6), as the last level of every chain; or null. */
    private KeaJson legacy;

    /** The {@code dhcp-ddns} map with Kea's defaults; also picks up its Kea 1.6 behaviour names. */
    DhcpDdnsClient client(KeaJson n) {
        if (n.isMissing()) {
            return DhcpDdnsClient.DEFAULTS;
        }
        n.requireMap();
        legacy = legacyLevel(n);
        DhcpDdnsClient d = DhcpDdnsClient.DEFAULTS;
        boolean enable = n.bool("enable-updates", d.enableUpdates());
        String serverIp = n.string("server-ip", d.serverIp()).trim();
        checkIp(serverIp, n.pathOf("server-ip"), false);
        int serverPort = (int) n.integer("server-port", d.serverPort(), 0, 65535);
        String senderIp = n.string("sender-ip", d.senderIp()).trim();
        checkIp(senderIp, n.pathOf("sender-ip"), true);
        int senderPort = (int) n.integer("sender-port", d.senderPort(), 0, 65535);
        if (!senderIp.isEmpty() && senderIp.contains(":") != serverIp.contains(":")) {
            throw n.error("sender-ip", "server-ip " + serverIp + " is not the same address family as sender-ip "
                    + senderIp);
        }
        if (senderIp.equals(serverIp) && senderPort == serverPort) {
            throw n.error("sender-port", "server-ip/server-port cannot be the same as sender-ip/sender-port");
        }
        int maxQueue = (int) n.integer("max-queue-size", d.maxQueueSize(), 1, Integer.MAX_VALUE);
        String protocol = n.string("ncr-protocol", d.ncrProtocol()).toUpperCase(Locale.ROOT);
        if (protocol.equals("TCP")) {
            // Kea: "ncr-protocol : TCP is not yet supported"
            throw n.error("ncr-protocol", "ncr-protocol TCP is not supported (neither is it by Kea): use UDP");
        }
        if (!protocol.equals("UDP")) {
            throw n.error("ncr-protocol", "unsupported ncr-protocol '" + protocol + "': use UDP");
        }
        String format = n.string("ncr-format", d.ncrFormat()).toUpperCase(Locale.ROOT);
        if (!format.equals("JSON")) {
            throw n.error("ncr-format", "unsupported ncr-format '" + format + "': use JSON");
        }
        n.bool("always-include-fqdn", false);
        return new DhcpDdnsClient(enable, serverIp, serverPort, senderIp, senderPort, maxQueue, protocol, format);
    }

    /** Kea 1.6 kept these inside dhcp-ddns; later versions read the global ddns-* first, then them. */
    private static KeaJson legacyLevel(KeaJson ddns) {
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        LEGACY_DDNS_KEYS.forEach((old, now) -> {
            if (ddns.has(old)) {
                renamed.set(now, ddns.node().get(old));
            }
        });
        return renamed.isEmpty() ? null : KeaJson.of(renamed, ddns.path());
    }

    /** The effective DDNS parameters of a chain (most specific level first), with Kea's defaults. */
    DdnsParams params(List<KeaJson> levels) {
        List<KeaJson> chain = levels;
        if (legacy != null) {
            chain = new ArrayList<>(levels);
            chain.add(legacy);
        }
        DdnsParams d = DdnsParams.DEFAULTS;
        DdnsParams.ReplaceClientName replace = d.replaceClientName();
        KeaJson l = Inherited.find(chain, "ddns-replace-client-name");
        if (l != null) {
            JsonNode v = l.node().get("ddns-replace-client-name");
            if (!v.isString()) {
                throw l.error("ddns-replace-client-name", "expected string (never, always, when-present or"
                        + " when-not-present), got " + KeaJson.typeName(v)
                        + (v.isBoolean() ? "; boolean values are no longer accepted" : ""));
            }
            replace = DdnsParams.ReplaceClientName.of(v.stringValue());
            if (replace == null) {
                throw l.error("ddns-replace-client-name", "invalid ReplaceClientName mode '" + v.stringValue()
                        + "': use never, always, when-present or when-not-present");
            }
        }
        String prefix = inheritedName(chain, "ddns-generated-prefix", d.generatedPrefix(), false);
        String suffix = inheritedName(chain, "ddns-qualifying-suffix", d.qualifyingSuffix(), true);
        String mode = d.conflictResolutionMode();
        for (KeaJson lv : chain) {
            if (lv.has("ddns-conflict-resolution-mode")) {
                mode = lv.string("ddns-conflict-resolution-mode", mode);
                if (!CONFLICT_MODES.contains(mode)) {
                    throw lv.error("ddns-conflict-resolution-mode", "unsupported mode '" + mode
                            + "': use check-with-dhcid, check-exists-with-dhcid, no-check-with-dhcid or no-check-without-dhcid");
                }
                break;
            }
            if (lv.has("ddns-use-conflict-resolution")) {
                // deprecated 2.5.0: true is check-with-dhcid, false no-check-with-dhcid
                mode = lv.bool("ddns-use-conflict-resolution", true) ? "check-with-dhcid" : "no-check-with-dhcid";
                break;
            }
        }
        Double pct = null;
        l = Inherited.find(chain, "ddns-ttl-percent");
        if (l != null) {
            double v = l.real("ddns-ttl-percent", 0);
            if (v < 0) {
                throw l.error("ddns-ttl-percent", "ddns-ttl-percent " + v + " must not be negative");
            }
            pct = v == 0 ? null : v;
        }
        Long ttl = inheritedTtl(chain, "ddns-ttl");
        Long ttlMin = inheritedTtl(chain, "ddns-ttl-min");
        Long ttlMax = inheritedTtl(chain, "ddns-ttl-max");
        if (ttlMin != null && ttlMax != null && ttlMin > ttlMax) {
            throw chain.get(0).error("ddns-ttl-min", "ddns-ttl-min " + ttlMin
                    + " must be less than ddns-ttl-max " + ttlMax);
        }
        String charSet = d.hostnameCharSet();
        l = Inherited.find(chain, "hostname-char-set");
        if (l != null) {
            charSet = l.string("hostname-char-set", charSet);
            if (!charSet.isEmpty()) {
                try {
                    Pattern.compile(charSet);
                } catch (PatternSyntaxException e) {
                    throw l.error("hostname-char-set", "invalid regex '" + charSet + "': " + e.getDescription());
                }
            }
        }
        String replacement = d.hostnameCharReplacement();
        l = Inherited.find(chain, "hostname-char-replacement");
        if (l != null) {
            replacement = l.string("hostname-char-replacement", replacement);
            if (!replacement.matches("[A-Za-z0-9_.-]*")) {
                throw l.error("hostname-char-replacement", "'" + replacement
                        + "' would put characters into names that DNS does not allow");
            }
        }
        return new DdnsParams(Inherited.bool(chain, "ddns-send-updates", d.sendUpdates()),
                Inherited.bool(chain, "ddns-override-no-update", d.overrideNoUpdate()),
                Inherited.bool(chain, "ddns-override-client-update", d.overrideClientUpdate()),
                replace, prefix, suffix, Inherited.bool(chain, "ddns-update-on-renew", d.updateOnRenew()), mode,
                pct, ttl, ttlMin, ttlMax, charSet, replacement);
    }

    /** A DNS name parameter (prefix or suffix): checked as Kea checks it with isc::dns::Name. */
    private static String inheritedName(List<KeaJson> chain, String key, String def, boolean emptyOk) {
        KeaJson l = Inherited.find(chain, key);
        if (l == null) {
            return def;
        }
        String v = l.string(key, def).trim();
        if (v.isEmpty() && emptyOk) {
            return v;
        }
        if (!DNS_NAME.matcher(v).matches() || v.length() > 253) {
            throw l.error(key, "'" + v + "' is not a valid domain name");
        }
        return v;
    }

    /** ddns-ttl, -min, -max: seconds; 0 unspecifies an inherited value (null). */
    private static Long inheritedTtl(List<KeaJson> chain, String key) {
        KeaJson l = Inherited.find(chain, key);
        if (l == null) {
            return null;
        }
        long v = l.integer(key, 0, 0, Inherited.UINT32_MAX);
        return v == 0 ? null : v;
    }

    /** An IPv4 or IPv6 literal (never a host name to resolve). */
    private static void checkIp(String ip, String path, boolean emptyOk) {
        if (ip.isEmpty() && emptyOk) {
            return;
        }
        boolean ok;
        if (ip.contains(":")) {
            try {
                ok = ip.matches("[0-9A-Fa-f:.]+") && InetAddress.getByName(ip) instanceof Inet6Address;
            } catch (UnknownHostException e) {
                ok = false;
            }
        } else {
            try {
                Ipv4.parse(ip);
                ok = true;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new ConfigException(path, "'" + ip + "' is not an IPv4 or IPv6 address");
        }
    }
}
