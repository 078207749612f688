package io.dhcpsuite.config.expr;

import java.util.Set;

/**
 * A compiled DHCPv6 classification {@code test} ({@link ClassExpressions#compile6}).
 * {@code memberOf} holds the classes the packet has so far.
 */
@FunctionalInterface
public interface ClassExpression6 {
    boolean matches(PacketView6 packet, Set<String> memberOf);
}
