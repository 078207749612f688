/**
 * Kea's client classification expressions ({@code client-classes[].test}): a compiler from the
 * expression text to a {@link io.dhcpsuite.config.expr.ClassExpression} evaluated against a
 * {@link io.dhcpsuite.config.expr.PacketView}, with Kea's byte-string value semantics.
 */
package io.dhcpsuite.config.expr;
