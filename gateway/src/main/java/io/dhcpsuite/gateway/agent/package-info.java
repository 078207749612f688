/**
 * Kea's {@code Control-agent} section as the gateway's own configuration: where it listens
 * ({@code http-host}, {@code http-port}), HTTP basic authentication ({@code authentication}) and
 * TLS with optional client certificates ({@code trust-anchor}, {@code cert-file}, {@code key-file},
 * {@code cert-required}), so an operator's existing Control Agent file works unchanged; and the
 * listener's defences that Kea's file has no key for: failed logins rate limited
 * ({@code AuthFailureLimiter}) and slow senders closed (suite-web's {@code SlowRequestGuard}, which every
 * service's listener has).
 */
package io.dhcpsuite.gateway.agent;
