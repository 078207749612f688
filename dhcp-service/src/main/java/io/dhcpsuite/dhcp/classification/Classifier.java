package io.dhcpsuite.dhcp.classification;

import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.ClientClassDef;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.expr.PacketView;
import io.dhcpsuite.codec.DhcpMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's two classification passes. The early pass runs before subnet selection (so subnet guards
 * can use its classes): ALL, VENDOR_CLASS_&lt;option 60&gt;, then every configured test that does
 * not depend on the reservation lookup. The late pass runs after it: KNOWN or UNKNOWN, the classes
 * a reservation lists, then the tests that mention KNOWN/UNKNOWN (directly or through
 * {@code member()} of such a class). Classes flagged {@code only-in-additional-list} are not
 * evaluated here (additional evaluation is not implemented). A test that throws is false for that
 * packet, as in Kea.
 */
public final class Classifier {
    public static final String ALL = "ALL";
    public static final String KNOWN = "KNOWN";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String DROP = "DROP";
    public static final String VENDOR_CLASS_PREFIX = "VENDOR_CLASS_";

    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
    private static final Pattern MEMBER = Pattern.compile("member\\s*\\(\\s*'([^']*)'\\s*\\)");
    private final List<ClientClassDef> early = new ArrayList<>();
    private final List<ClientClassDef> late = new ArrayList<>();

    public Classifier(Dhcp4Config config) {
        if (config == null) {
            return;
        }
        Set<String> lateNames = new HashSet<>();
        for (ClientClassDef c : config.clientClasses()) {
            if (c.onlyInAdditionalList() || c.expression() == null) {
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

    public void classifyEarly(DhcpMessage query, PacketView view, Set<String> classes) {
        classes.add(ALL);
        String vendor = query.optionString(OptionCodes.VENDOR_CLASS_ID);
        if (vendor != null && !vendor.isEmpty()) {
            classes.add(VENDOR_CLASS_PREFIX + vendor);
        }
        evaluate(early, view, classes);
    }

    public void classifyLate(PacketView view, Set<String> classes, boolean known, List<String> reservedClasses) {
        classes.add(known ? KNOWN : UNKNOWN);
        if (reservedClasses != null) {
            classes.addAll(reservedClasses);
        }
        evaluate(late, view, classes);
    }

    private static void evaluate(List<ClientClassDef> defs, PacketView view, Set<String> classes) {
        for (ClientClassDef c : defs) {
            boolean match;
            try {
                match = c.expression().matches(view, classes);
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
