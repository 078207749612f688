package io.dhcpsuite.config;

/**
 * The effective DDNS behaviour parameters of one scope (Kea's {@code DdnsParams}), inherited
 * global → shared network → subnet → pool (2.7.6) like every other network parameter. Kea's
 * defaults apply where no scope sets a key. The TTL keys are null when unspecified; a 0 in a
 * scope "unspecifies" an inherited value, as in Kea.
 *
 * @param sendUpdates          {@code ddns-send-updates} (true); needs {@code dhcp-ddns.enable-updates}
 * @param overrideNoUpdate     {@code ddns-override-no-update} (false): update even when the client says N=1
 * @param overrideClientUpdate {@code ddns-override-client-update} (false): do the forward update even when the client (S=0) wants to
 * @param replaceClientName    {@code ddns-replace-client-name}: never, always, when-present, when-not-present (never)
 * @param generatedPrefix      {@code ddns-generated-prefix} (myhost)
 * @param qualifyingSuffix     {@code ddns-qualifying-suffix} ("")
 * @param updateOnRenew        {@code ddns-update-on-renew} (false)
 * @param conflictResolutionMode {@code ddns-conflict-resolution-mode} (check-with-dhcid), or the legacy
 *                             {@code ddns-use-conflict-resolution} mapped (false → no-check-with-dhcid)
 * @param ttlPercent           {@code ddns-ttl-percent} or null
 * @param ttl                  {@code ddns-ttl} or null
 * @param ttlMin               {@code ddns-ttl-min} or null
 * @param ttlMax               {@code ddns-ttl-max} or null
 * @param hostnameCharSet      {@code hostname-char-set} ({@code [^A-Za-z0-9.-]}); "" = no sanitising
 * @param hostnameCharReplacement {@code hostname-char-replacement} ("")
 */
public record DdnsParams(
        boolean sendUpdates,
        boolean overrideNoUpdate,
        boolean overrideClientUpdate,
        ReplaceClientName replaceClientName,
        String generatedPrefix,
        String qualifyingSuffix,
        boolean updateOnRenew,
        String conflictResolutionMode,
        Double ttlPercent,
        Long ttl,
        Long ttlMin,
        Long ttlMax,
        String hostnameCharSet,
        String hostnameCharReplacement) {

    /** Kea's {@code ddns-replace-client-name} modes (D2ClientConfig::ReplaceClientNameMode). */
    public enum ReplaceClientName {
        NEVER("never"), ALWAYS("always"), WHEN_PRESENT("when-present"), WHEN_NOT_PRESENT("when-not-present");

        private final String text;

        ReplaceClientName(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static ReplaceClientName of(String text) {
            for (ReplaceClientName m : values()) {
                if (m.text.equals(text)) {
                    return m;
                }
            }
            return null;
        }
    }

    public static final String DEFAULT_CHAR_SET = "[^A-Za-z0-9.-]";
    /** Kea's floor for a computed TTL when {@code ddns-ttl-min} is unset (RFC 4702 §5: 10 minutes). */
    public static final long DEFAULT_TTL_MIN = 600;

    public static final DdnsParams DEFAULTS = new DdnsParams(true, false, false, ReplaceClientName.NEVER, "myhost", "",
            false, "check-with-dhcid", null, null, null, null, DEFAULT_CHAR_SET, "");

    /**
     * The DNS TTL for a lease of {@code validLft} seconds, as Kea's {@code calculateDdnsTtl}
     * (2.7.6): {@code ddns-ttl} when set; else {@code ddns-ttl-percent} of the lifetime rounded,
     * or a third of it (RFC 4702 §5); then raised to {@code ddns-ttl-min} (600 when unset) and
     * lowered to {@code ddns-ttl-max} when set.
     */
    public long ttl(long validLft) {
        if (ttl != null && ttl > 0) {
            return ttl;
        }
        long t = ttlPercent != null && ttlPercent > 0 ? Math.round(ttlPercent * validLft) : validLft / 3;
        long min = ttlMin == null || ttlMin == 0 ? DEFAULT_TTL_MIN : ttlMin;
        if (t < min) {
            t = min;
        }
        if (ttlMax != null && ttlMax > 0 && t > ttlMax) {
            t = ttlMax;
        }
        return t;
    }

    /**
     * Kea's {@code D2ClientMgr::qualifyName}: appends {@code ddns-qualifying-suffix} to a partial
     * name unless the name already ends with it (label-aligned), then adds or removes the trailing
     * dot.
     */
    public String qualify(String partial, boolean trailingDot) {
        String name = partial;
        String suffix = qualifyingSuffix == null ? "" : qualifyingSuffix;
        if (suffix.endsWith(".")) {
            suffix = suffix.substring(0, suffix.length() - 1);
        }
        if (!suffix.isEmpty()) {
            String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            String lb = bare.toLowerCase(java.util.Locale.ROOT);
            String ls = suffix.toLowerCase(java.util.Locale.ROOT);
            boolean present = lb.equals(ls) || lb.endsWith("." + ls);
            if (!present) {
                name = bare + "." + suffix;
            }
        }
        if (trailingDot && !name.endsWith(".")) {
            return name + ".";
        }
        if (!trailingDot && name.endsWith(".")) {
            return name.substring(0, name.length() - 1);
        }
        return name;
    }

    /**
     * Kea's {@code generateFqdn}: {@code <ddns-generated-prefix>-<address with dashes>}, qualified
     * with the suffix, e.g. {@code myhost-198-18-0-10.example.org.}.
     */
    public String generatedName(int address, boolean trailingDot) {
        String ip = ((address >>> 24) & 0xff) + "-" + ((address >>> 16) & 0xff) + "-" + ((address >>> 8) & 0xff)
                + "-" + (address & 0xff);
        return qualify(generatedPrefix + "-" + ip, trailingDot);
    }

    /**
     * Kea's {@code generateFqdn} for a DHCPv6 lease: the address's text with each ':' made '-',
     * e.g. {@code myhost-2001-db8--1.example.org.}.
     */
    public String generatedName(java.math.BigInteger address6, boolean trailingDot) {
        return qualify(generatedPrefix + "-" + Prefix6.format(address6).replace(':', '-'), trailingDot);
    }
}
