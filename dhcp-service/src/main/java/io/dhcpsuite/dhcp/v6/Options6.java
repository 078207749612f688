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
            OptionData found = find(scopes, code, ex.classes);
            if (found != null && !found.neverSend()) {
                out.add(new Dhcp6Option(code, found.encoded()));
            }
        }
        return out;
    }

    private static OptionData find(List<List<OptionData>> scopes, int code, Set<String> classes) {
        for (List<OptionData> scope : scopes) {
            for (OptionData o : scope) {
                if (o.code() == code && isDhcp6(o) && tagged(o, classes)) {
                    return o;
                }
            }
        }
        return null;
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
