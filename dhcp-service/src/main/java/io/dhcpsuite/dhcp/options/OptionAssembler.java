package io.dhcpsuite.dhcp.options;

import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.OptionData;
import java.util.ArrayList;
import java.util.Arrays;
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
        // The winners, one per code, kept sorted by code in a small array: a reply's scopes define
        // a handful of options, and 256-slot tables cost over a kilobyte per reply (JFR).
        OptionData[] winners = new OptionData[8];
        int n = 0;
        for (List<OptionData> scope : scopes) {
            if (scope == null) {
                continue;
            }
            for (OptionData o : scope) {
                int code = o.code();
                if (code < 1 || code > 254 || find(winners, n, code) >= 0 || !"dhcp4".equals(space(o))
                        || !taggedFor(o, classes)) {
                    continue;
                }
                if (n == winners.length) {
                    winners = Arrays.copyOf(winners, n * 2);
                }
                int at = n++;
                while (at > 0 && winners[at - 1].code() > code) {
                    winners[at] = winners[at - 1];
                    at--;
                }
                winners[at] = o;
            }
        }
        List<Chosen> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        // Requested options first, in the client's order (some clients care), then the rest.
        if (prl != null) {
            for (byte b : prl) {
                add(out, winners, n, b & 0xFF, exclude);
            }
        }
        for (int i = 0; i < n; i++) {
            OptionData o = winners[i];
            if (o.alwaysSend() || requested(prl, o.code()) || isBasic(o.code())) {
                add(out, winners, n, o.code(), exclude);
            }
        }
        return out;
    }

    /** Index of {@code code} among the first {@code n} winners (sorted by code), or -1. */
    private static int find(OptionData[] winners, int n, int code) {
        for (int i = 0; i < n; i++) {
            int c = winners[i].code();
            if (c == code) {
                return i;
            }
            if (c > code) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean requested(byte[] prl, int code) {
        if (prl != null) {
            for (byte b : prl) {
                if ((b & 0xFF) == code) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isBasic(int code) {
        for (int c : BASIC) {
            if (c == code) {
                return true;
            }
        }
        return false;
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

    private static void add(List<Chosen> out, OptionData[] winners, int n, int code, Set<Integer> exclude) {
        int i = find(winners, n, code);
        if (i < 0) {
            return;
        }
        OptionData o = winners[i];
        if (o.neverSend() || exclude.contains(code) || contains(out, code)) {
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
