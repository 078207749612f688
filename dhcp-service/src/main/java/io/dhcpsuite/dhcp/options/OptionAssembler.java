package io.dhcpsuite.dhcp.options;

import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.OptionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses the configured options of a reply. Scopes are given most specific first (reservation,
 * pool, subnet, shared network, classes in membership order, global); for each code the first
 * scope that defines it wins, as in Kea. An option is sent when the client asked for it in option
 * 55, when it is {@code always-send}, or when it is one of the options Kea sends unasked (routers
 * 3, domain-name-servers 6, domain-name 15); never when {@code never-send}. An option tagged with
 * {@code client-classes} counts only for a client in one of them.
 */
public final class OptionAssembler {
    /** Kea's Dhcpv4Srv "required options", appended when configured even if not requested. */
    private static final int[] BASIC = {OptionCodes.ROUTERS, OptionCodes.DOMAIN_NAME_SERVERS, OptionCodes.DOMAIN_NAME};

    private OptionAssembler() {
    }

    /** One chosen option: its code and payload. */
    public record Chosen(int code, byte[] payload) {
    }

    public static List<Chosen> choose(List<List<OptionData>> scopes, byte[] prl, Set<String> classes,
                                      Set<Integer> exclude) {
        OptionData[] winner = new OptionData[256];
        for (List<OptionData> scope : scopes) {
            if (scope == null) {
                continue;
            }
            for (OptionData o : scope) {
                if (o.code() < 1 || o.code() > 254 || winner[o.code()] != null || !"dhcp4".equals(space(o))) {
                    continue;
                }
                if (!taggedFor(o, classes)) {
                    continue;
                }
                winner[o.code()] = o;
            }
        }
        boolean[] wanted = new boolean[256];
        if (prl != null) {
            for (byte b : prl) {
                wanted[b & 0xFF] = true;
            }
        }
        for (int code : BASIC) {
            wanted[code] = true;
        }
        List<Chosen> out = new ArrayList<>();
        // Requested options first, in the client's order (some clients care), then the rest.
        if (prl != null) {
            for (byte b : prl) {
                add(out, winner, b & 0xFF, exclude);
            }
        }
        for (int code = 1; code < 255; code++) {
            OptionData o = winner[code];
            if (o != null && (o.alwaysSend() || wanted[code]) && !contains(out, code)) {
                add(out, winner, code, exclude);
            }
        }
        return out;
    }

    private static String space(OptionData o) {
        return o.space() == null || o.space().isEmpty() ? "dhcp4" : o.space();
    }

    private static boolean taggedFor(OptionData o, Set<String> classes) {
        if (o.clientClasses() == null || o.clientClasses().isEmpty()) {
            return true;
        }
        for (String c : o.clientClasses()) {
            if (classes.contains(c)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Chosen> out, OptionData[] winner, int code, Set<Integer> exclude) {
        OptionData o = winner[code];
        if (o == null || o.neverSend() || exclude.contains(code) || contains(out, code)) {
            return;
        }
        out.add(new Chosen(code, o.encoded()));
    }

    private static boolean contains(List<Chosen> out, int code) {
        for (Chosen c : out) {
            if (c.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** The option-data lists of the client's classes, in membership order. */
    public static List<List<OptionData>> classScopes(Iterable<ClientClassDef> classes) {
        List<List<OptionData>> out = new ArrayList<>();
        for (ClientClassDef c : classes) {
            out.add(c.optionData());
        }
        return out;
    }
}
