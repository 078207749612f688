package io.dhcpsuite.config;

import io.dhcpsuite.config.expr.ClassExpression;
import io.dhcpsuite.config.expr.ClassExpression6;
import java.util.List;

/**
 * A {@code client-classes} entry of {@code Dhcp4} or {@code Dhcp6}.
 *
 * @param name                 class name
 * @param test                 the test expression as written, or null
 * @param expression           the compiled DHCPv4 test, or null (no test, or a Dhcp6 class)
 * @param onlyInAdditionalList {@code only-in-additional-list} / {@code only-if-required}
 * @param optionData           the class's option-data
 * @param nextServer           0 = unset (DHCPv4)
 * @param serverHostname       "" = unset (DHCPv4)
 * @param bootFileName         "" = unset (DHCPv4)
 * @param validLifetime        class lifetime override, or null
 * @param minValidLifetime     or null
 * @param maxValidLifetime     or null
 * @param expression6          the compiled DHCPv6 test, or null (no test, or a Dhcp4 class)
 * @param preferredLifetime    class preferred lifetime override (DHCPv6), or null
 * @param minPreferredLifetime or null
 * @param maxPreferredLifetime or null
 */
public record ClientClassDef(
        String name,
        String test,
        ClassExpression expression,
        boolean onlyInAdditionalList,
        List<OptionData> optionData,
        int nextServer,
        String serverHostname,
        String bootFileName,
        Long validLifetime,
        Long minValidLifetime,
        Long maxValidLifetime,
        ClassExpression6 expression6,
        Long preferredLifetime,
        Long minPreferredLifetime,
        Long maxPreferredLifetime) {

    /** A DHCPv4 class (the form before DHCPv6 classes were added). */
    public ClientClassDef(String name, String test, ClassExpression expression, boolean onlyInAdditionalList,
                          List<OptionData> optionData, int nextServer, String serverHostname, String bootFileName,
                          Long validLifetime, Long minValidLifetime, Long maxValidLifetime) {
        this(name, test, expression, onlyInAdditionalList, optionData, nextServer, serverHostname, bootFileName,
                validLifetime, minValidLifetime, maxValidLifetime, null, null, null, null);
    }

    /** The class named {@code name} in {@code classes}, or null. */
    static ClientClassDef byName(List<ClientClassDef> classes, String name) {
        for (ClientClassDef c : classes) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
