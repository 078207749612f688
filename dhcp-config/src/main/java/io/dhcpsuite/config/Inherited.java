package io.dhcpsuite.config;

import java.util.List;

/**
 * Kea's inheritance of network parameters: a chain of levels, most specific first (pool, subnet,
 * shared network, global), where the first level that sets a key wins. Also the parameters that
 * are read only through such a chain: lifetimes and T1/T2, the reservation flags, the allocator.
 */
final class Inherited {

    static final long UINT32_MAX = 0xFFFF_FFFFL;

    private Inherited() {
    }

    /** The first level of the chain that sets {@code key}, or null. */
    static KeaJson find(List<KeaJson> chain, String key) {
        for (KeaJson l : chain) {
            if (l.has(key)) {
                return l;
            }
        }
        return null;
    }

    static boolean bool(List<KeaJson> chain, String key, boolean def) {
        KeaJson l = find(chain, key);
        return l == null ? def : l.bool(key, def);
    }

    static Lifetimes lifetimes(List<KeaJson> chain, List<ConfigWarning> warnings) {
        return lifetimes(chain, warnings, Family.V4);
    }

    /**
     * Valid lifetime and T1/T2 of a chain with the family's defaults. Renew above rebind in one
     * scope is a warning for DHCPv4 (Kea then sends no T1) and for the DHCPv6 global level, and
     * refused in a DHCPv6 subnet or shared network, as kea-dhcp6 refuses it there.
     */
    static Lifetimes lifetimes(List<KeaJson> chain, List<ConfigWarning> warnings, Family family) {
        KeaJson here = chain.get(0);
        long[] v = triplet(chain, "valid-lifetime", 7200);
        KeaJson lr = find(chain, "renew-timer");
        KeaJson lb = find(chain, "rebind-timer");
        Long renew = lr == null ? null : lr.integer("renew-timer", 0, 0, UINT32_MAX);
        Long rebind = lb == null ? null : lb.integer("rebind-timer", 0, 0, UINT32_MAX);
        if (renew != null && rebind != null && renew > rebind && here.has("renew-timer")) {
            // kea-dhcp6 refuses it in a subnet or shared network, and accepts it globally
            if (family == Family.V6 && here.has("rebind-timer") && chain.size() > 1) {
                throw here.error("renew-timer", "the value of renew-timer (" + renew
                        + ") is greater than the value of rebind-timer (" + rebind + ")");
            }
            // Kea logs DHCP4_CONFIG_... and sends no T1 in this case; warn rather than refuse
            warnings.add(new ConfigWarning(here.pathOf("renew-timer"), "renew-timer (" + renew
                    + ") is greater than rebind-timer (" + rebind + "); T1 will not be sent"));
        }
        return teeTimes(chain, warnings, family, v, renew, rebind);
    }

    /**
     * A lifetime with its bounds, as Kea's parseIntTriplet reads {@code key}, {@code min-key} and
     * {@code max-key}: an unset bound is the value, and min ≤ value ≤ max.
     *
     * @return {value, min, max}
     */
    static long[] triplet(List<KeaJson> chain, String key, long def) {
        KeaJson here = chain.get(0);
        KeaJson lv = find(chain, key);
        long valid = lv == null ? def : lv.integer(key, def, 0, UINT32_MAX);
        KeaJson lmin = find(chain, "min-" + key);
        KeaJson lmax = find(chain, "max-" + key);
        long min = lmin == null ? valid : lmin.integer("min-" + key, 0, 0, UINT32_MAX);
        long max = lmax == null ? valid : lmax.integer("max-" + key, 0, 0, UINT32_MAX);
        String validText = (lv == null ? "(default) " : "") + key + " (" + valid + ")";
        if (min > valid) {
            throw new ConfigException(pathOf(here, "min-" + key, key),
                    "the value of min-" + key + " (" + min + ") is not less than " + validText);
        }
        if (valid > max) {
            throw new ConfigException(pathOf(here, "max-" + key, key),
                    "the value of " + validText + " is not less than max-" + key + " (" + max + ")");
        }
        return new long[] {valid, min, max};
    }

    private static Lifetimes teeTimes(List<KeaJson> chain, List<ConfigWarning> warnings, Family family, long[] v,
                                      Long renew, Long rebind) {
        KeaJson here = chain.get(0);
        boolean calc = bool(chain, "calculate-tee-times", family.calculateTeeTimes);
        KeaJson l1 = find(chain, "t1-percent");
        KeaJson l2 = find(chain, "t2-percent");
        double t1 = l1 == null ? 0.5 : l1.real("t1-percent", 0.5);
        double t2 = l2 == null ? family.t2Percent : l2.real("t2-percent", family.t2Percent);
        String bad = null;
        String badPath = null;
        if (t1 <= 0 || t1 >= 1) {
            bad = "t1-percent: " + t1 + " is invalid, it must be greater than 0.0 and less than 1.0";
            badPath = l1.pathOf("t1-percent");
        } else if (t2 <= 0 || t2 >= 1) {
            bad = "t2-percent: " + t2 + " is invalid, it must be greater than 0.0 and less than 1.0";
            badPath = l2.pathOf("t2-percent");
        } else if (t1 >= t2) {
            bad = "t1-percent: " + t1 + " is invalid, it must be less than t2-percent: " + t2;
            badPath = l1 != null ? l1.pathOf("t1-percent") : l2.pathOf("t2-percent");
        }
        if (bad != null) {
            // Kea checks the percentages only when it uses them
            if (calc) {
                throw new ConfigException(badPath, bad);
            }
            if (badPath.startsWith(here.path() + "/")) {
                warnings.add(new ConfigWarning(badPath, bad + " (ignored: calculate-tee-times is false)"));
            }
        }
        return new Lifetimes(v[0], v[1], v[2], renew, rebind, calc, t1, t2);
    }

    private static String pathOf(KeaJson here, String a, String b) {
        if (here.has(a)) {
            return here.pathOf(a);
        }
        if (here.has(b)) {
            return here.pathOf(b);
        }
        return here.path();
    }

    /** {in-subnet... } as [global, in-subnet, out-of-pool], from the flags or the old reservation-mode. */
    static boolean[] reservationFlags(List<KeaJson> chain) {
        for (KeaJson l : chain) {
            boolean mode = l.has("reservation-mode");
            boolean flags = l.has("reservations-global") || l.has("reservations-in-subnet")
                    || l.has("reservations-out-of-pool");
            if (mode && flags) {
                throw l.error("reservation-mode", "invalid use of both 'reservation-mode' and one of"
                        + " 'reservations-global', 'reservations-in-subnet' or 'reservations-out-of-pool' parameters");
            }
        }
        String[] keys = {"reservations-global", "reservations-in-subnet", "reservations-out-of-pool"};
        boolean[] defaults = {false, true, false};
        boolean[] out = new boolean[3];
        for (int k = 0; k < 3; k++) {
            out[k] = defaults[k];
            for (KeaJson l : chain) {
                if (l.has(keys[k])) {
                    out[k] = l.bool(keys[k], defaults[k]);
                    break;
                }
                if (l.has("reservation-mode")) {
                    String m = l.string("reservation-mode", "all");
                    boolean[] v = switch (m) {
                        case "disabled" -> new boolean[] {false, false, false};
                        case "out-of-pool" -> new boolean[] {false, true, true};
                        case "global" -> new boolean[] {true, false, false};
                        case "all" -> new boolean[] {false, true, false};
                        default -> throw l.error("reservation-mode", "invalid reservation-mode '"
                                + m + "': use disabled, out-of-pool, global or all");
                    };
                    out[k] = v[k];
                    break;
                }
            }
        }
        return out;
    }

    static String allocator(List<KeaJson> chain) {
        return allocator(chain, "allocator");
    }

    /** {@code allocator} or (DHCPv6 prefixes) {@code pd-allocator}. */
    static String allocator(List<KeaJson> chain, String key) {
        KeaJson l = find(chain, key);
        if (l == null) {
            return "iterative";
        }
        String a = l.string(key, "iterative");
        if (a.equals("flq")) {
            throw l.error(key, "allocator 'flq' is not supported by this suite, use iterative or random");
        }
        if (!a.equals("iterative") && !a.equals("random")) {
            throw l.error(key, "unsupported allocator '" + a + "': use iterative or random");
        }
        return a;
    }
}
