package io.dhcpsuite.config.expr;

import java.util.Set;

/**
 * A compiled Kea classification {@code test}. {@code memberOf} holds the classes the packet has so
 * far (for {@code member('x')}, including KNOWN/UNKNOWN once reservations are looked up).
 */
@FunctionalInterface
public interface ClassExpression {
    boolean matches(PacketView packet, Set<String> memberOf);
}
