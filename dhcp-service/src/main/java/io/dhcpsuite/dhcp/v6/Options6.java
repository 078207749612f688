package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.Dhcp6Option;
import io.dhcpsuite.codec.OptionCodes6;
import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.OptionData;
import io.dhcpsuite.config.Subnet6;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured options of a DHCPv6 reply, as Kea picks them: the codes the client lists in its
 * ORO (option 6), then those marked {@code always-send}, each taken from the most specific scope
 * that defines it: reservation, pool, subnet, shared network, client classes (in the client's
 * class order), global. {@code never-send} suppresses an option at its scope; an option tagged
 * with {@code client-classes} counts only for a client in one of them. Options the server builds
 * itself (identifiers, IAs, status, relay options) are never taken from option-data.
 *
 * <p>Vendor options (17) as Kea's appendRequestedVendorOptions: for each enterprise number the
 * client names in its option 17 (or, without one, in its vendor-class option 16), the options of
 * space {@code vendor-<number>} that the client asks for in the vendor's ORO (sub-option 1 of
 * CableLabs, 4491) or that are {@code always-send}, from the same scopes, in one option 17.
 */
public final class Options6 {
    private static final Set<Integer> SERVER_BUILT = Set.of(OptionCodes6.CLIENTID, OptionCodes6.SERVERID,
            OptionCodes6.IA_NA, OptionCodes6.IA_TA, OptionCodes6.IAADDR, OptionCodes6.ORO, OptionCodes6.ELAPSED_TIME,
            OptionCodes6.RELAY_MSG, OptionCodes6.STATUS_CODE, OptionCodes6.RAPID_COMMIT, OptionCodes6.INTERFACE_ID,
            OptionCodes6.IA_PD, OptionCodes6.IAPREFIX, OptionCodes6.PD_EXCLUDE, OptionCodes6.CLIENT_FQDN);

    private Options6() {
    }

    /**
     * @param poolOptions option-data of the pool of the (first) lease assigned, or an empty list
     */
    public static List<Dhcp6Option> select(Dhcp6Config config, Exchange6 ex, List<OptionData> poolOptions) {
        List<List<OptionData>> scopes = new ArrayList<>();
        if (ex.host != null) {
            scopes.add(ex.host.optionData());
        }
        scopes.add(poolOptions);
        Subnet6 s = ex.subnet;
        if (s != null) {
            scopes.add(s.optionData());
            scopes.add(s.sharedNetworkOptionData());
        }
        for (String name : ex.classes) {
            ClientClassDef c = config.clientClass(name);
            if (c != null && c.optionData() != null) {
                scopes.add(c.optionData());
            }
        }
        scopes.add(config.optionData());
        Set<Integer> codes = new LinkedHashSet<>(ex.query.oro());
        for (List<OptionData> scope : scopes) {
            for (OptionData o : scope) {
                if (o.alwaysSend() && isDhcp6(o)) {
                    codes.add(o.code());
                }
            }
        }
        List<Dhcp6Option> out = new ArrayList<>();
        for (int code : codes) {
            if (SERVER_BUILT.contains(code)) {
                continue;
            }
            OptionData found = find(scopes, "dhcp6", code, ex.classes);
            if (found != null && !found.neverSend()) {
                out.add(new Dhcp6Option(code, found.encoded()));
            }
        }
        for (long vendor : vendors(ex.query)) {
            Dhcp6Option v = vendorOption(scopes, vendor, ex);
            if (v != null) {
                out.removeIf(o -> o.code() == OptionCodes6.VENDOR_OPTS && enterprise(o) == vendor);
                out.add(v);
            }
        }
        return out;
    }

    /** The enterprise numbers of the client's option 17s, or of its option 16s when it sent no 17. */
    static List<Long> vendors(io.dhcpsuite.codec.Dhcp6Message query) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Dhcp6Option o : query.findAll(OptionCodes6.VENDOR_OPTS)) {
            long e = enterprise(o);
            if (e >= 0) {
                ids.add(e);
            }
        }
        if (ids.isEmpty()) {
            for (Dhcp6Option o : query.findAll(OptionCodes6.VENDOR_CLASS)) {
                long e = enterprise(o);
                if (e >= 0) {
                    ids.add(e);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private static long enterprise(Dhcp6Option o) {
        byte[] d = o.data();
        if (d.length < 4) {
            return -1;
        }
        return ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
    }

    /** One option 17 of {@code vendor} with the sub-options asked for or always sent, or null when none. */
    private static Dhcp6Option vendorOption(List<List<OptionData>> scopes, long vendor, Exchange6 ex) {
        String space = "vendor-" + vendor;
        Set<Integer> codes = new LinkedHashSet<>();
        if (vendor == CABLE_LABS) {
            for (Dhcp6Option o : ex.query.findAll(OptionCodes6.VENDOR_OPTS)) {
                if (enterprise(o) != vendor) {
                    continue;
                }
                try {
                    for (Dhcp6Option sub : io.dhcpsuite.codec.VendorOptions.from(o).options()) {
                        byte[] d = sub.data();
                        for (int i = 0; sub.code() == 1 && i + 1 < d.length; i += 2) {
                            codes.add(((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF));
                        }
                    }
                } catch (RuntimeException malformed) {
                    // a vendor option whose sub-options do not parse asks for nothing
                }
            }
        }
        for (List<OptionData> scope : scopes) {
            for (OptionData o : scope) {
                if (o.alwaysSend() && space.equals(o.space())) {
                    codes.add(o.code());
                }
            }
        }
        List<Dhcp6Option> subs = new ArrayList<>();
        for (int code : codes) {
            OptionData found = find(scopes, space, code, ex.classes);
            if (found != null && !found.neverSend()) {
                subs.add(new Dhcp6Option(code, found.encoded()));
            }
        }
        return subs.isEmpty() ? null : new io.dhcpsuite.codec.VendorOptions(vendor, subs).toOption();
    }

    private static final long CABLE_LABS = 4491;

    private static OptionData find(List<List<OptionData>> scopes, String space, int code, Set<String> classes) {
        for (List<OptionData> scope : scopes) {
            for (OptionData o : scope) {
                if (o.code() == code && inSpace(o, space) && tagged(o, classes)) {
                    return o;
                }
            }
        }
        return null;
    }

    private static boolean inSpace(OptionData o, String space) {
        return "dhcp6".equals(space) ? isDhcp6(o) : space.equals(o.space());
    }

    private static boolean isDhcp6(OptionData o) {
        return o.space() == null || "dhcp6".equals(o.space());
    }

    private static boolean tagged(OptionData o, Set<String> classes) {
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
}
