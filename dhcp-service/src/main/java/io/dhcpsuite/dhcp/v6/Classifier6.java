package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.VendorClass;
import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.expr.PacketView6;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's two DHCPv6 classification passes, as the DHCPv4 {@code Classifier}: early (before subnet
 * selection) ALL, VENDOR_CLASS_&lt;first vendor-class tuple&gt; and every test not depending on
 * the reservation; late (after the reservation lookup) KNOWN or UNKNOWN, the reservation's classes
 * and the tests that mention KNOWN/UNKNOWN. A test that throws is false, as in Kea.
 */
public final class Classifier6 {
    public static final String ALL = "ALL";
    public static final String KNOWN = "KNOWN";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String DROP = "DROP";
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp6.dhcp6");
    private static final Pattern MEMBER = Pattern.compile("member\\s*\\(\\s*'([^']*)'\\s*\\)");
    private final List<ClientClassDef> early = new ArrayList<>();
    private final List<ClientClassDef> late = new ArrayList<>();

    public Classifier6(Dhcp6Config config) {
        if (config == null) {
            return;
        }
        Set<String> lateNames = new HashSet<>();
        for (ClientClassDef c : config.clientClasses()) {
            if (c.onlyInAdditionalList() || c.expression6() == null) {
                continue;
            }
            if (dependsOnHost(c.test(), lateNames)) {
                late.add(c);
                lateNames.add(c.name());
            } else {
                early.add(c);
            }
        }
    }

    private static boolean dependsOnHost(String test, Set<String> lateNames) {
        if (test == null) {
            return false;
        }
        if (test.contains(KNOWN)) {
            return true;
        }
        Matcher m = MEMBER.matcher(test);
        while (m.find()) {
            if (lateNames.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    public void classifyEarly(Exchange6 ex, PacketView6 view) {
        ex.classes.add(ALL);
        List<VendorClass> vendors = ex.query.vendorClasses();
        if (!vendors.isEmpty() && !vendors.get(0).data().isEmpty()) {
            ex.classes.add("VENDOR_CLASS_" + new String(vendors.get(0).data().get(0), StandardCharsets.ISO_8859_1));
        }
        evaluate(early, view, ex.classes);
    }

    public void classifyLate(Exchange6 ex, PacketView6 view) {
        ex.classes.add(ex.host != null ? KNOWN : UNKNOWN);
        if (ex.host != null && ex.host.clientClasses() != null) {
            ex.classes.addAll(ex.host.clientClasses());
        }
        evaluate(late, view, ex.classes);
    }

    private static void evaluate(List<ClientClassDef> defs, PacketView6 view, Set<String> classes) {
        for (ClientClassDef c : defs) {
            boolean match;
            try {
                match = c.expression6().matches(view, classes);
            } catch (RuntimeException e) {
                log.debug("EVAL_RESULT class {} test '{}' failed: {}", c.name(), c.test(), e.toString());
                match = false;
            }
            if (match) {
                classes.add(c.name());
            }
        }
    }
}
